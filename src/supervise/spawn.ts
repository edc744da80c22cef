/**
 * Starting Envoy as a child process.
 *
 * The bootstrap reaches Envoy as on the exec path: the hand-over descriptor
 * (a sealed memfd on Linux, an unlinked temp file on macOS) has its
 * close-on-exec flag cleared, so the child inherits it under the same
 * number and Envoy reads `--config-path /dev/fd/<n>`. `Deno.Command` passes
 * every descriptor without close-on-exec to the child (the runtime opens
 * its own with close-on-exec), so Envoy gets exactly the descriptors
 * connect-envoy inherited plus the hand-over; the integration tests check
 * this. The parent closes its copy right after the spawn.
 *
 * Envoy runs in its own session (`detached`, i.e. `setsid`): a terminal's
 * Ctrl-C or a signal sent to connect-envoy's process group reaches only
 * connect-envoy, which then drains Envoy instead of letting it die at once.
 * Its standard streams are connect-envoy's, unchanged; its environment is
 * exactly the one given (credentials already removed).
 *
 * @module
 */

import { CliError } from "../errors.ts";

/** Per-OS decisions of the spawn. */
export interface SpawnPlan {
  /** Start Envoy in a new session (terminal signals reach only connect-envoy). */
  newSession: boolean;
  /** Rewind the hand-over right before the spawn (macOS shares the offset). */
  rewind: boolean;
}

/** The spawn plan for `os`; Linux and macOS only. */
export function spawnPlan(os: string): SpawnPlan {
  if (os === "linux" || os === "android" || os === "darwin" || os === "ios") {
    return { newSession: true, rewind: true };
  }
  throw new CliError("-supervise is not supported on this OS (Linux and macOS only)");
}

/** Start `argv[0]` with `argv.slice(1)`; throws a one-line CliError when it cannot. */
export function spawnEnvoy(
  argv: readonly string[],
  env: Record<string, string>,
  plan: SpawnPlan,
): Deno.ChildProcess {
  try {
    return new Deno.Command(argv[0], {
      args: argv.slice(1),
      env,
      clearEnv: true,
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
      detached: plan.newSession,
    }).spawn();
  } catch (err) {
    throw new CliError(`Failed to start envoy: ${argv[0]}: ${(err as Error).message}`);
  }
}
