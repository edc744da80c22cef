/**
 * Every per-OS decision of the exec hand-over, as plain data computed from
 * an injected OS/architecture/environment (so each branch is unit-tested on
 * any host). The FFI code (`libc.ts`, `handoff.ts`, `exec_in_place.ts`)
 * only follows the plan.
 *
 * @module
 */

import { unsupportedOsError } from "./unsupported.ts";

/** Where the bootstrap lives while it is handed over. */
export type HandoffStorage = "memfd" | "tempfile";

/** libc constants whose values differ between the supported OSes. */
export interface LibcConstants {
  F_DUPFD: number;
  F_GETFD: number;
  F_SETFD: number;
  FD_CLOEXEC: number;
  F_GETFL: number;
  F_SETFL: number;
  O_NONBLOCK: number;
  SIG_SETMASK: number;
  SIGPIPE: number;
  SEEK_SET: number;
}

/** How to hand the bootstrap to Envoy and exec it on one OS. */
export interface ExecPlan {
  family: "linux" | "darwin";
  /** The C library to `Deno.dlopen`. */
  libcPath: string;
  /** Storage kinds to try, in order (the first that works is used). */
  storage: readonly HandoffStorage[];
  /** Directory for the unlinked temp file (`$TMPDIR`, else `/tmp`). */
  tempDir: string;
  /** Rewind the descriptor to offset 0 right before exec (always true). */
  rewind: boolean;
  /** The libc function returning `&errno`. */
  errnoSymbol: "__errno_location" | "__error";
  /**
   * Apple arm64 passes variadic arguments on the stack: `fcntl`'s third
   * argument must then be declared after 6 padding integers (x2–x7).
   */
  fcntlVariadicOnStack: boolean;
  constants: LibcConstants;
  /** Linux: seal the memfd read-only after writing (absent: no sealing). */
  sealing?: MemfdSealing;
}

/**
 * Linux memfd sealing: create the memfd with `MFD_ALLOW_SEALING`, then
 * `fcntl(F_ADD_SEALS, F_SEAL_SEAL|F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE)`
 * so nobody (Envoy included) can change the bootstrap once written.
 */
export interface MemfdSealing {
  /** `MFD_ALLOW_SEALING`. */
  memfdFlags: number;
  F_ADD_SEALS: number;
  F_GET_SEALS: number;
  /** The seals added (bit set). */
  seals: number;
}

/** Linux's sealing constants (`<linux/memfd.h>`, `<linux/fcntl.h>`). */
export const LINUX_SEALING: MemfdSealing = {
  memfdFlags: 0x0002,
  F_ADD_SEALS: 1033,
  F_GET_SEALS: 1034,
  // F_SEAL_SEAL 1 | F_SEAL_SHRINK 2 | F_SEAL_GROW 4 | F_SEAL_WRITE 8
  seals: 0x1 | 0x2 | 0x4 | 0x8,
};

const COMMON = {
  F_DUPFD: 0,
  F_GETFD: 1,
  F_SETFD: 2,
  FD_CLOEXEC: 1,
  F_GETFL: 3,
  F_SETFL: 4,
  SIGPIPE: 13,
  SEEK_SET: 0,
};

/** The `$TMPDIR`-else-`/tmp` rule, without a trailing slash. */
export function tempDirFrom(env: Record<string, string | undefined>): string {
  const t = env.TMPDIR ?? "";
  const dir = t === "" ? "/tmp" : t;
  return dir.length > 1 ? dir.replace(/\/+$/, "") : dir;
}

/**
 * The exec plan for `os`/`arch`. Linux (and Android) use a memfd with an
 * unlinked temp-file fallback; macOS (and iOS) an unlinked `mkstemp` file.
 * Every other OS, Windows included, throws the unsupported-OS CliError.
 */
export function planExec(
  os: string,
  arch: string,
  env: Record<string, string | undefined>,
): ExecPlan {
  const tempDir = tempDirFrom(env);
  if (os === "linux" || os === "android") {
    return {
      family: "linux",
      libcPath: os === "android" ? "libc.so" : "libc.so.6",
      storage: ["memfd", "tempfile"],
      tempDir,
      rewind: true,
      errnoSymbol: "__errno_location",
      fcntlVariadicOnStack: false,
      constants: { ...COMMON, O_NONBLOCK: 0o4000, SIG_SETMASK: 2 },
      sealing: LINUX_SEALING,
    };
  }
  if (os === "darwin" || os === "ios") {
    return {
      family: "darwin",
      libcPath: "/usr/lib/libSystem.B.dylib",
      storage: ["tempfile"],
      tempDir,
      rewind: true,
      errnoSymbol: "__error",
      fcntlVariadicOnStack: arch === "aarch64",
      constants: { ...COMMON, O_NONBLOCK: 0x4, SIG_SETMASK: 3 },
    };
  }
  throw unsupportedOsError();
}
