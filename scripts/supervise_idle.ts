/**
 * Measure the idle cost of `-supervise` (Linux): CPU over a window (default
 * 10 s; first argument overrides) and resident memory of the supervising
 * process, against the fake agent and the fake Envoy of the tests.
 *
 *   deno run -A scripts/supervise_idle.ts [seconds]
 *
 * Prints one JSON line; exits 1 when CPU is 2% of one CPU or more.
 *
 * @module
 */

import { measureIdle } from "../tests/supervise/idle_measure.ts";

if (import.meta.main) {
  const seconds = Number(Deno.args[0] ?? "10");
  const cost = await measureIdle(seconds);
  console.log(JSON.stringify(cost));
  Deno.exit(cost.cpuPercent < 2 ? 0 : 1);
}
