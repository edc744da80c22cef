/**
 * The bootstrap hand-over descriptor: the JSON in an anonymous memory file
 * (Linux `memfd_create`) or, where that is unavailable and on macOS, in a
 * `0600` `mkstemp` file that is unlinked before anything is written, so the
 * document never has a name on disk. A memfd is sealed read-only once
 * written (where the kernel allows). The descriptor is left open without
 * close-on-exec; Envoy reads it as `/dev/fd/<fd>`.
 *
 * @module
 */

import type { CallResult, Libc } from "./libc.ts";
import type { ExecPlan, HandoffStorage } from "./exec_plan.ts";
import { CliError } from "../errors.ts";
import { cString } from "./libc.ts";

/** An open hand-over descriptor holding the bootstrap. */
export interface Handoff {
  fd: number;
  storage: HandoffStorage;
  /** `/dev/fd/<fd>`: the path Envoy is given. */
  path: string;
  /** Rewind to offset 0 (a macOS `/dev/fd` open shares this offset). */
  rewind(): void;
  /** Close the descriptor (once; later calls do nothing). */
  close(): void;
}

const EINTR = 4;
const FAILED = "Failed to hand the bootstrap to envoy: ";
const MEMFD_NAME = "connect-envoy-bootstrap";

class StepError extends Error {}

function check(what: string, r: CallResult, libc: Libc): number {
  if (r.value < 0) throw new StepError(`${what}: ${libc.strerror(r.errno)}`);
  return r.value;
}

const EINVAL = 22;

function openMemfd(libc: Libc, plan: ExecPlan): number {
  if (libc.memfdCreate === undefined) throw new StepError("memfd_create: not available in libc");
  const flags = plan.sealing?.memfdFlags ?? 0;
  const r = libc.memfdCreate(MEMFD_NAME, flags);
  // A kernel without sealing rejects the flag: an unsealed memfd is still private.
  if (r.value < 0 && r.errno === EINVAL && flags !== 0) {
    return check("memfd_create", libc.memfdCreate(MEMFD_NAME, 0), libc);
  }
  return check("memfd_create", r, libc);
}

/**
 * Seal a memfd read-only where the kernel allows (best effort: a refused
 * seal leaves a private, unnamed descriptor, which is what it was before).
 */
function seal(libc: Libc, plan: ExecPlan, fd: number): void {
  const s = plan.sealing;
  if (s !== undefined) libc.fcntl(fd, s.F_ADD_SEALS, s.seals);
}

function openUnlinkedTempFile(libc: Libc, dir: string): number {
  const template = cString(`${dir === "/" ? "" : dir}/connect-envoy-bootstrap-XXXXXX`);
  const fd = check(`mkstemp in ${dir}`, libc.mkstemp(template), libc);
  const name = new TextDecoder().decode(template.subarray(0, template.length - 1));
  const r = libc.unlink(name);
  if (r.value < 0) {
    libc.close(fd);
    throw new StepError(`unlink ${name}: ${libc.strerror(r.errno)}`);
  }
  return fd;
}

function writeAll(libc: Libc, fd: number, data: Uint8Array): void {
  let rest = data;
  while (rest.length > 0) {
    const r = libc.write(fd, rest);
    if (r.value < 0 && r.errno === EINTR) continue;
    if (r.value <= 0) {
      throw new StepError(`write: ${r.value < 0 ? libc.strerror(r.errno) : "short write"}`);
    }
    rest = rest.subarray(r.value);
  }
}

/**
 * Move `fd` above the standard streams and clear its close-on-exec flag.
 * Takes ownership of `fd`: on failure every descriptor it held is closed
 * exactly once.
 */
function prepareFd(libc: Libc, plan: ExecPlan, fd: number): number {
  const c = plan.constants;
  let held = fd;
  try {
    if (fd <= 2) {
      held = check("fcntl F_DUPFD", libc.fcntl(fd, c.F_DUPFD, 3), libc);
      libc.close(fd);
    }
    const flags = check("fcntl F_GETFD", libc.fcntl(held, c.F_GETFD, 0), libc);
    check("fcntl F_SETFD", libc.fcntl(held, c.F_SETFD, flags & ~c.FD_CLOEXEC), libc);
  } catch (err) {
    libc.close(held);
    throw err;
  }
  return held;
}

function tryStorage(libc: Libc, plan: ExecPlan, kind: HandoffStorage, data: Uint8Array): number {
  const opened = kind === "memfd"
    ? openMemfd(libc, plan)
    : openUnlinkedTempFile(libc, plan.tempDir);
  const fd = prepareFd(libc, plan, opened);
  try {
    writeAll(libc, fd, data);
    if (kind === "memfd") seal(libc, plan, fd);
    check("lseek", libc.lseek(fd, 0, plan.constants.SEEK_SET), libc);
    return fd;
  } catch (err) {
    libc.close(fd);
    throw err;
  }
}

/**
 * Write `text` into a fresh anonymous descriptor, trying the plan's storage
 * kinds in order. Throws one CliError listing why each kind failed.
 */
export function createHandoff(libc: Libc, plan: ExecPlan, text: string): Handoff {
  const data = new TextEncoder().encode(text);
  const reasons: string[] = [];
  for (const storage of plan.storage) {
    let fd: number;
    try {
      fd = tryStorage(libc, plan, storage, data);
    } catch (err) {
      if (!(err instanceof StepError)) throw err;
      reasons.push(err.message);
      continue;
    }
    let open = true;
    return {
      fd,
      storage,
      path: `/dev/fd/${fd}`,
      rewind() {
        const r = libc.lseek(fd, 0, plan.constants.SEEK_SET);
        if (r.value < 0) throw new CliError(`${FAILED}lseek: ${libc.strerror(r.errno)}`);
      },
      close() {
        if (open) libc.close(fd);
        open = false;
      },
    };
  }
  throw new CliError(`${FAILED}${reasons.join("; ")}`);
}
