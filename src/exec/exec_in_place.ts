/**
 * Replace this process with Envoy (`execve` through FFI): same PID, the
 * signal state the runtime changed restored first (SIGPIPE back to its
 * default action, empty signal mask), blocking standard streams.
 *
 * Descriptors: the hand-over descriptor has close-on-exec cleared
 * (`handoff.ts`); every descriptor the runtime opens is close-on-exec
 * (Rust's standard library, tokio/mio and Deno open everything with
 * `O_CLOEXEC`), while those connect-envoy inherited are not (they survived
 * the exec that started it), so exactly the inherited ones plus the
 * hand-over reach Envoy. The integration tests check this on the real CLI.
 * (An explicit sweep is not possible without FFI-free access to
 * `/proc/self/fd`, which Deno refuses without `--allow-all`.)
 *
 * @module
 */

import type { Libc } from "./libc.ts";
import type { ExecPlan } from "./exec_plan.ts";
import type { Handoff } from "./handoff.ts";
import { CliError } from "../errors.ts";
import { cString } from "./libc.ts";

/** A NULL-terminated array of C-string pointers, plus the buffers it points into. */
export function cStringArray(strings: readonly string[]): {
  array: BigUint64Array;
  buffers: Uint8Array[];
} {
  const buffers = strings.map(cString);
  const array = new BigUint64Array(strings.length + 1);
  buffers.forEach((b, i) => {
    array[i] = BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(b)));
  });
  return { array, buffers };
}

/** `KEY=value` strings for `envp`. */
export function envStrings(env: Record<string, string>): string[] {
  return Object.entries(env).map(([k, v]) => `${k}=${v}`);
}

/** Keeps buffers reachable until after the FFI call that uses their addresses. */
function keepAlive(..._buffers: unknown[]): void {}

function makeBlocking(libc: Libc, plan: ExecPlan, fd: number): void {
  const c = plan.constants;
  const flags = libc.fcntl(fd, c.F_GETFL, 0);
  if (flags.value >= 0 && (flags.value & c.O_NONBLOCK) !== 0) {
    libc.fcntl(fd, c.F_SETFL, flags.value & ~c.O_NONBLOCK);
  }
}

/**
 * Exec `argv[0]` with `argv` and `env`. Returns only by throwing
 * `Failed to exec envoy: <reason>` (the caller closes the hand-over).
 */
export function execInPlace(
  libc: Libc,
  plan: ExecPlan,
  argv: readonly string[],
  env: Record<string, string>,
  handoff: Handoff,
): never {
  const path = cString(argv[0]);
  const args = cStringArray(argv);
  const envp = cStringArray(envStrings(env));
  for (const fd of [0, 1, 2]) makeBlocking(libc, plan, fd);
  handoff.rewind();
  libc.signal(plan.constants.SIGPIPE, "default");
  libc.clearSignalMask(plan.constants.SIG_SETMASK);
  const r = libc.execve(path, args.array, envp.array);
  // Still here: exec failed. Put back what the runtime expects, then report.
  libc.signal(plan.constants.SIGPIPE, "ignore");
  keepAlive(path, args.buffers, envp.buffers);
  throw new CliError(`Failed to exec envoy: ${libc.strerror(r.errno)}`);
}
