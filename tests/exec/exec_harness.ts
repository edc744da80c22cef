/**
 * Harness for the exec integration tests (Linux): a fake `envoy`
 * (`tests/fixtures/fake_envoy.sh`) installed under a path full of digits,
 * a wrapper shell that records what connect-envoy inherits (descriptors,
 * signal state) and adds an inherited descriptor 7 (like socket activation),
 * then execs the program under test. While the fake Envoy is paused, every
 * process's argv and environment is scanned for the token.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { denoRunArgs, PERMISSION_FLAGS, repoRoot, RUNTIME_FLAGS } from "../../src/permissions.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

const FAKE_ENVOY = fileURLToPath(new URL("../fixtures/fake_envoy.sh", import.meta.url));

/** The grants of the compiled binary as the exec issue lists them (no --allow-write). */
export const EXEC_PERMISSION_FLAGS: string[] = [
  ...RUNTIME_FLAGS,
  ...PERMISSION_FLAGS.filter((f) => !f.startsWith("--allow-write")),
];

/** What the fake Envoy reported about one run (`serve` or `validate`). */
/**
 * The command line running connect-envoy with `argv`: the compiled binary
 * in `$CONNECT_ENVOY_BIN` when set, else `deno run main.ts` with
 * `permissionFlags` (default: the binary's).
 */
export function connectEnvoyArgv(argv: string[], permissionFlags?: readonly string[]): string[] {
  const binary = Deno.env.get("CONNECT_ENVOY_BIN") ?? "";
  return binary !== ""
    ? [binary, ...argv]
    : [Deno.execPath(), ...denoRunArgs(argv, repoRoot(), permissionFlags)];
}

export interface FakeReport {
  pid: number;
  argv: string[];
  config: string;
  sigIgn: bigint;
  sigBlk: bigint;
  /** Open descriptors and their targets, without the script's own descriptor. */
  fds: Map<number, string>;
  /** Open-file flags of descriptors 0–2. */
  stdioFlags: number[];
  /** Serve runs: "refused" when writing to the config descriptor failed (sealed). */
  seal?: string;
}

/** Everything a scenario observed. */
export interface Observed {
  code: number;
  stdout: string;
  stderr: string;
  /** PID of the process started (the wrapper shell, then connect-envoy, then Envoy). */
  pid: number;
  serve?: FakeReport;
  validate?: FakeReport;
  /** What connect-envoy inherited. */
  before: { fds: Map<number, string>; sigIgn: bigint; sigBlk: bigint };
  /** `<pid> cmdline|environ` of every process whose argv/environment held the token. */
  tokenInProcesses: string[];
  /** Files under the scenario's directories (report excluded) containing the token. */
  tokenInFiles: string[];
  /** Entries left in the scenario's `$TMPDIR`. */
  tmpEntries: string[];
  /** The fake Envoy's path, its `$TMPDIR`. */
  envoy: string;
  tmpDir: string;
}

/** A scenario: the program to run (argv after the wrapper) and its environment. */
export interface Scenario {
  /** Builds the command to exec, given the fake Envoy path and the scenario root. */
  command: (envoy: string, root: string) => string[];
  /** Text written to the program's stdin (given the fake Envoy path), then closed. */
  stdin?: (envoy: string) => string;
  /** Extra environment (FAKE_ENVOY_* etc.). */
  env?: Record<string, string>;
  /** Put the fake Envoy's directory first in PATH (default true). */
  envoyInPath?: boolean;
  /** The token to look for. */
  token: string;
  /**
   * Start connect-envoy with SIGTERM and SIGUSR1 blocked and non-blocking
   * standard streams (through python3, which must then be on PATH), as a
   * careless parent might.
   */
  blockSignals?: boolean;
  /** Prepare the scenario directory (e.g. write the user's token file). */
  setup?: (root: string) => Promise<void>;
  /** Files (relative to the root) the user put the token in: not leaks. */
  userTokenFiles?: string[];
}

/** SIGUSR1 and SIGTERM (signals 10 and 15 on Linux) as `SigBlk` bits. */
export const BLOCKED_BY_PARENT = (1n << 9n) | (1n << 14n);

// Runs last before connect-envoy (dash clears its mask after waiting for a
// child), and records the signal state it hands over.
const BLOCKER = "import os, signal, sys\n" +
  "signal.signal(signal.SIGPIPE, signal.SIG_DFL)\n" +
  "signal.signal(signal.SIGXFSZ, signal.SIG_DFL)\n" +
  "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGUSR1})\n" +
  "for fd in (0, 1, 2): os.set_blocking(fd, False)\n" +
  "open(os.environ['BEFORE_STATUS'], 'w').write(open('/proc/self/status').read())\n" +
  "os.execvp(sys.argv[1], sys.argv[1:])\n";

function parseFds(text: string, skipTarget?: string): Map<number, string> {
  const fds = new Map<number, string>();
  for (const line of text.split("\n")) {
    const m = /^(\d+) (.*)$/.exec(line);
    if (m !== null && m[2] !== skipTarget) fds.set(Number(m[1]), m[2]);
  }
  return fds;
}

function statusField(status: string, name: string): bigint {
  const m = new RegExp(`^${name}:\\s*([0-9a-f]+)$`, "m").exec(status);
  if (m === null) throw new Error(`no ${name} in status`);
  return BigInt("0x" + m[1]);
}

function readReport(dir: string, envoy: string): FakeReport | undefined {
  try {
    Deno.statSync(`${dir}/pid`);
  } catch {
    return undefined;
  }
  const status = Deno.readTextFileSync(`${dir}/status`);
  const argv = Deno.readTextFileSync(`${dir}/argv`).split("\0");
  argv.pop();
  let config = "";
  try {
    config = Deno.readTextFileSync(`${dir}/config`);
  } catch {
    config = `<unreadable: ${Deno.readTextFileSync(`${dir}/config.err`)}>`;
  }
  return {
    pid: Number(Deno.readTextFileSync(`${dir}/pid`).trim()),
    argv,
    config,
    sigIgn: statusField(status, "SigIgn"),
    sigBlk: statusField(status, "SigBlk"),
    fds: parseFds(Deno.readTextFileSync(`${dir}/fds`), envoy),
    stdioFlags: Deno.readTextFileSync(`${dir}/stdio_flags`).trim().split("\n")
      .map((l) => parseInt(l.trim().split(/\s+/)[1], 8)),
    seal: (() => {
      try {
        return Deno.readTextFileSync(`${dir}/seal`).trim();
      } catch {
        return undefined;
      }
    })(),
  };
}

function scanProcesses(token: string): string[] {
  const hits: string[] = [];
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    for (const what of ["cmdline", "environ"]) {
      try {
        if (Deno.readTextFileSync(`/proc/${e.name}/${what}`).includes(token)) {
          hits.push(`${e.name} ${what}`);
        }
      } catch {
        // exited, or not ours to read
      }
    }
  }
  return hits;
}

function scanFiles(dir: string, token: string, skip: string, out: string[] = []): string[] {
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (p === skip) continue;
    if (e.isDirectory) scanFiles(p, token, skip, out);
    else if (e.isFile && Deno.readTextFileSync(p).includes(token)) out.push(p);
  }
  return out;
}

async function waitFor(cond: () => boolean, done: Promise<unknown>, ms: number): Promise<void> {
  let finished = false;
  done.then(() => finished = true, () => finished = true);
  const end = Date.now() + ms;
  while (!cond() && !finished && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}

// Signal state first, with builtins only (a waiting dash blocks all signals).
const WRAPPER = 'while IFS= read -r l; do echo "$l"; done </proc/$$/status >"$BEFORE_STATUS"; ' +
  'exec 7</dev/null; find "/proc/$$/fd" -mindepth 1 -fprintf "$BEFORE_FDS" ' +
  "'%f %l\\n'; exec \"$@\"";

/** Run one scenario in a fresh directory and collect what happened. */
export async function runScenario(s: Scenario): Promise<Observed> {
  const root = await Deno.makeTempDir({ prefix: "connect-envoy-exec-" });
  try {
    const binDir = `${root}/opt/envoy-1.20.3/bin`;
    const envoy = `${binDir}/envoy`;
    const tmpDir = `${root}/tmp`;
    const report = `${root}/report`;
    await Deno.mkdir(binDir, { recursive: true });
    await Deno.mkdir(tmpDir);
    await Deno.mkdir(`${root}/work`);
    await Deno.copyFile(FAKE_ENVOY, envoy);
    await Deno.chmod(envoy, 0o755);
    await s.setup?.(root);
    const path = Deno.env.get("PATH") ?? "/usr/bin:/bin";
    const program = s.command(envoy, root);
    const blocker = s.blockSignals ? ["python3", "-c", BLOCKER] : [];
    const child = new Deno.Command("/bin/sh", {
      args: ["-c", WRAPPER, "sh", ...blocker, ...program],
      cwd: `${root}/work`,
      env: {
        PATH: s.envoyInPath === false ? path : `${binDir}:${path}`,
        TMPDIR: tmpDir,
        FAKE_ENVOY_REPORT: report,
        FAKE_ENVOY_WAIT: "1",
        BEFORE_FDS: `${root}/before_fds`,
        BEFORE_STATUS: `${root}/before_status`,
        NO_COLOR: "1",
        ...s.env,
      },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stdoutP = new Response(child.stdout).text();
    const stderrP = new Response(child.stderr).text();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(s.stdin?.(envoy) ?? ""));
    await writer.close();
    const serveDir = `${report}/serve`;
    await waitFor(
      () => {
        try {
          Deno.statSync(`${serveDir}/pid`);
          return true;
        } catch {
          return false;
        }
      },
      child.status,
      30_000,
    );
    const tokenInProcesses = scanProcesses(s.token);
    try {
      await Deno.writeTextFile(`${serveDir}/release`, "");
    } catch {
      // no serve run
    }
    const status = await child.status;
    const beforeStatus = Deno.readTextFileSync(`${root}/before_status`);
    return {
      code: status.code,
      stdout: await stdoutP,
      stderr: await stderrP,
      pid: child.pid,
      serve: readReport(serveDir, envoy),
      validate: readReport(`${report}/validate`, envoy),
      before: {
        fds: parseFds(Deno.readTextFileSync(`${root}/before_fds`)),
        sigIgn: statusField(beforeStatus, "SigIgn"),
        sigBlk: statusField(beforeStatus, "SigBlk"),
      },
      tokenInProcesses,
      tokenInFiles: scanFiles(root, s.token, report)
        .filter((f) => !(s.userTokenFiles ?? []).some((u) => f === `${root}/${u}`)),
      tmpEntries: [...Deno.readDirSync(tmpDir)].map((e) => e.name),
      envoy,
      tmpDir,
    };
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const SIGPIPE_BIT = 1n << 12n;
const O_NONBLOCK = 0o4000;
/**
 * Signals 32 and 33 are glibc's internal SIGCANCEL/SIGSETXID (below
 * SIGRTMIN, unusable by programs): glibc inside the runtime takes them over,
 * so their inherited "ignored" state cannot survive and is not compared.
 */
const USER_SIGNALS = ~((1n << 31n) | (1n << 32n)) & ((1n << 64n) - 1n);

/**
 * The checks every successful exec must pass: exit 0 and silence, same PID,
 * argv `[envoy, --config-path, /dev/fd/N, ...argsAfterPath]`, Envoy read
 * exactly `config`, no blocked signal, SIGPIPE not ignored (and otherwise
 * the inherited dispositions), descriptors = inherited + N, the token in no
 * argv/environment/file, `$TMPDIR` empty. Returns N.
 */
export function assertBecameEnvoy(o: Observed, config: string, argsAfterPath: string[]): number {
  assertEquals(o.stderr, "");
  assertEquals(o.code, 0);
  const r = o.serve;
  assert(r !== undefined, "envoy ran");
  assertEquals(r.pid, o.pid, "same PID across exec");
  const m = /^\/dev\/fd\/(\d+)$/.exec(r.argv[2] ?? "");
  assert(m !== null, `config path ${r.argv[2]}`);
  const fd = Number(m[1]);
  assertEquals(r.argv, [o.envoy, "--config-path", `/dev/fd/${fd}`, ...argsAfterPath]);
  assertEquals(r.config, config, "Envoy read exactly the bootstrap");
  assertEquals(r.sigBlk, 0n, `no signal blocked (before: ${o.before.sigBlk.toString(16)})`);
  assertEquals(r.sigIgn & SIGPIPE_BIT, 0n, "SIGPIPE not ignored");
  assertEquals(r.stdioFlags.map((f) => f & O_NONBLOCK), [0, 0, 0], "blocking stdin/out/err");
  assertEquals(
    r.sigIgn & USER_SIGNALS,
    o.before.sigIgn & USER_SIGNALS & ~SIGPIPE_BIT,
    "ignored signals as connect-envoy inherited them",
  );
  const expected = new Map(o.before.fds);
  expected.set(fd, r.fds.get(fd) ?? "<missing>");
  assert(!o.before.fds.has(fd), "the hand-over descriptor is new");
  assert(o.before.fds.has(7), "the wrapper passed descriptor 7");
  assertEquals(r.fds, expected, "inherited descriptors + the hand-over, nothing else");
  assertEquals(o.tokenInProcesses, [], "token in no process's argv or environment");
  assertEquals(o.tokenInFiles, [], "no file containing the token");
  assertEquals(o.tmpEntries, [], "nothing in $TMPDIR");
  return fd;
}
