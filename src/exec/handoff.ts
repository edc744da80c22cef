/**
 * The bootstrap hand-over descriptor: the JSON in an anonymous memory file
 * (Linux `memfd_create`) or, where that is unavailable and on macOS, in a
 * `0600` `mkstemp` file that is unlinked before anything is written, so the
 * document never has a name on disk. The descriptor is left open without
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
  /** Close the descriptor (on failure paths; nothing is left behind). */
  close(): void;
}

const EINTR = 4;
const FAILED = "Failed to hand the bootstrap to envoy: ";

class StepError extends Error {}

function check(what: string, r: CallResult, libc: Libc): number {
  if (r.value < 0) throw new StepError(`${what}: ${libc.strerror(r.errno)}`);
  return r.value;
}

function openMemfd(libc: Libc): number {
  if (libc.memfdCreate === undefined) throw new StepError("memfd_create: not available in libc");
  return check("memfd_create", libc.memfdCreate("connect-envoy-bootstrap"), libc);
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

/** Move `fd` above the standard streams and clear its close-on-exec flag. */
function prepareFd(libc: Libc, plan: ExecPlan, fd: number): number {
  const c = plan.constants;
  let out = fd;
  if (fd <= 2) {
    out = check("fcntl F_DUPFD", libc.fcntl(fd, c.F_DUPFD, 3), libc);
    libc.close(fd);
  }
  try {
    const flags = check("fcntl F_GETFD", libc.fcntl(out, c.F_GETFD, 0), libc);
    check("fcntl F_SETFD", libc.fcntl(out, c.F_SETFD, flags & ~c.FD_CLOEXEC), libc);
  } catch (err) {
    if (out !== fd) libc.close(out);
    throw err;
  }
  return out;
}

function tryStorage(libc: Libc, plan: ExecPlan, kind: HandoffStorage, data: Uint8Array): number {
  let fd = kind === "memfd" ? openMemfd(libc) : openUnlinkedTempFile(libc, plan.tempDir);
  try {
    fd = prepareFd(libc, plan, fd);
    writeAll(libc, fd, data);
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
    return {
      fd,
      storage,
      path: `/dev/fd/${fd}`,
      rewind() {
        const r = libc.lseek(fd, 0, plan.constants.SEEK_SET);
        if (r.value < 0) throw new CliError(`${FAILED}lseek: ${libc.strerror(r.errno)}`);
      },
      close() {
        libc.close(fd);
      },
    };
  }
  throw new CliError(`${FAILED}${reasons.join("; ")}`);
}
