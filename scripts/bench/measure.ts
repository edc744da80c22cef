/**
 * Run one child process and measure its wall time and peak RSS.
 *
 * Preferred method (`"wait4"`): a tiny `python3` wrapper spawns the command,
 * reaps it with `os.wait4()` (which returns that child's own `ru_maxrss`, the
 * kernel's peak-RSS record) and times spawn→reap with `perf_counter`. The
 * wrapper's own start-up is outside the timed interval.
 *
 * Fallback (`"proc"`, when `python3` is missing): Deno spawns the child
 * directly and polls `/proc/<pid>/status` `VmHWM` (the peak RSS so far) every
 * few ms until the child exits; growth in the last few ms before exit can be
 * missed, so this may under-report slightly. Wall time is spawn→exit.
 *
 * @module
 */

/** How peak RSS is measured. */
export type RssMethod = "wait4" | "proc";

/** One measured run. */
export interface RunSample {
  /** Spawn to exit, ms. */
  wallMs: number;
  /** Peak resident set size, KiB. */
  peakRssKiB: number;
  /** Exit code. */
  code: number;
  stdout: string;
  stderr: string;
}

/** What to run. */
export interface RunSpec {
  program: string;
  args: readonly string[];
  /** The child's complete environment. */
  env: Record<string, string>;
}

const MARKER = "\n@@bench-measure@@";

const WRAPPER = `
import json, os, sys, time
argv = sys.argv[1:]
t0 = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, dict(os.environ))
_, status, ru = os.wait4(pid, 0)
wall = (time.perf_counter() - t0) * 1000.0
sys.stderr.write(${
  JSON.stringify(MARKER)
} + json.dumps({"wallMs": wall, "peakRssKiB": ru.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}) + "\\n")
`;

/** `"wait4"` when `python3` can run the wrapper here, else `"proc"`. */
export async function detectRssMethod(): Promise<RssMethod> {
  try {
    const out = await new Deno.Command("python3", {
      args: ["-c", "import os, sys; sys.exit(0 if hasattr(os, 'wait4') else 1)"],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success ? "wait4" : "proc";
  } catch {
    return "proc";
  }
}

/** Split the wrapper's report off the end of the child's stderr. */
export function parseWrapperReport(
  stderr: string,
): { report: Omit<RunSample, "stdout" | "stderr">; childStderr: string } {
  const at = stderr.lastIndexOf(MARKER);
  if (at < 0) throw new Error(`measurement wrapper failed: ${stderr.trim().split("\n").pop()}`);
  const report = JSON.parse(stderr.slice(at + MARKER.length)) as Omit<
    RunSample,
    "stdout" | "stderr"
  >;
  return { report, childStderr: stderr.slice(0, at) };
}

/** `VmHWM` in KiB from the text of `/proc/<pid>/status` (undefined when absent). */
export function parseVmHwm(status: string): number | undefined {
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return m === null ? undefined : Number(m[1]);
}

const decoder = new TextDecoder();

async function runWait4(spec: RunSpec): Promise<RunSample> {
  const out = await new Deno.Command("python3", {
    args: ["-c", WRAPPER, spec.program, ...spec.args],
    env: spec.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const { report, childStderr } = parseWrapperReport(decoder.decode(out.stderr));
  return { ...report, stdout: decoder.decode(out.stdout), stderr: childStderr };
}

async function runProc(spec: RunSpec, pollMs: number): Promise<RunSample> {
  const t0 = performance.now();
  const child = new Deno.Command(spec.program, {
    args: [...spec.args],
    env: spec.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let peak = 0;
  let done = false;
  const statusPath = `/proc/${child.pid}/status`;
  const poll = (async () => {
    while (!done) {
      try {
        peak = Math.max(peak, parseVmHwm(await Deno.readTextFile(statusPath)) ?? 0);
      } catch {
        // exited between polls
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  const out = await child.output();
  const wallMs = performance.now() - t0;
  done = true;
  await poll;
  return {
    wallMs,
    peakRssKiB: peak,
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

/** Run `spec` once and measure it with `method`. */
export function measureRun(spec: RunSpec, method: RssMethod, pollMs = 2): Promise<RunSample> {
  return method === "wait4" ? runWait4(spec) : runProc(spec, pollMs);
}
