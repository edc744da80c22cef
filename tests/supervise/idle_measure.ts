/**
 * Idle cost of the supervising process (Linux): start connect-envoy with
 * `-supervise -lifecycle-bind` against the fake agent and the fake Envoy,
 * let it settle, then read its CPU time (`/proc/<pid>/stat`, user + system)
 * over a window, and its resident memory (`VmRSS`, peak `VmHWM` from
 * `/proc/<pid>/status`). Used by `idle_cost_test.ts` (short window) and
 * `scripts/supervise_idle.ts` (10 s).
 *
 * @module
 */

import { freePort, started, startRun } from "./harness.ts";

/** What one measurement found. */
export interface IdleCost {
  seconds: number;
  /** CPU time used in the window, as a percentage of one CPU. */
  cpuPercent: number;
  cpuTicks: number;
  vmRssKiB: number;
  vmHwmKiB: number;
}

function clockTicks(): number {
  try {
    const out = new Deno.Command("getconf", { args: ["CLK_TCK"], stderr: "null" }).outputSync();
    const n = Number(new TextDecoder().decode(out.stdout).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

function cpuTicksOf(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  // Fields after the parenthesised command name; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

function statusKiB(pid: number, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(
    Deno.readTextFileSync(`/proc/${pid}/status`),
  );
  return m === null ? NaN : Number(m[1]);
}

/** Measure the supervisor idling for `seconds` after `settleMs`. */
export async function measureIdle(seconds: number, settleMs = 1000): Promise<IdleCost> {
  const run = await startRun([
    "-sidecar-for",
    "web",
    "-supervise",
    "-shutdown-grace-period",
    "0s",
    "-lifecycle-bind",
    `127.0.0.1:${freePort()}`,
  ]);
  try {
    await run.waitFor(started);
    await new Promise((r) => setTimeout(r, settleMs));
    const pid = run.child.pid;
    const before = cpuTicksOf(pid);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const cpuTicks = cpuTicksOf(pid) - before;
    const cost: IdleCost = {
      seconds,
      cpuTicks,
      cpuPercent: (cpuTicks / clockTicks()) / seconds * 100,
      vmRssKiB: statusKiB(pid, "VmRSS"),
      vmHwmKiB: statusKiB(pid, "VmHWM"),
    };
    run.child.kill("SIGTERM");
    await run.finish();
    return cost;
  } finally {
    await run.cleanup();
  }
}
