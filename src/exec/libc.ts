/**
 * The few libc functions the exec hand-over needs, loaded through FFI only
 * when {@linkcode loadLibc} is called (i.e. only on the exec path; the
 * `-bootstrap` path never imports this module).
 *
 * Every call returns its raw result together with `errno` read right after
 * the call, so callers can report the system's reason.
 *
 * @module
 */

import type { ExecPlan } from "./exec_plan.ts";

/** A libc call's result and the `errno` read immediately after it. */
export interface CallResult {
  value: number;
  errno: number;
}

/** The libc surface used by the hand-over, with plain-number results. */
export interface Libc {
  /** `memfd_create(name, flags)`; `undefined` when libc has no such function. */
  memfdCreate?: (name: string, flags: number) => CallResult;
  /** `mkstemp(template)`: `template` (NUL-terminated) is rewritten in place. */
  mkstemp(template: Uint8Array): CallResult;
  unlink(path: string): CallResult;
  write(fd: number, data: Uint8Array): CallResult;
  lseek(fd: number, offset: number, whence: number): CallResult;
  fcntl(fd: number, cmd: number, arg: number): CallResult;
  close(fd: number): CallResult;
  /** `signal(sig, SIG_DFL)` or `signal(sig, SIG_IGN)`. */
  signal(sig: number, action: "default" | "ignore"): CallResult;
  /** `sigprocmask(SIG_SETMASK, <empty set>, NULL)` on the calling thread. */
  clearSignalMask(sigSetmask: number): CallResult;
  /** `execve(path, argv, envp)` with NULL-terminated pointer arrays as buffers. */
  execve(path: Uint8Array, argv: BigUint64Array, envp: BigUint64Array): CallResult;
  /** `strerror(errno)` with the first letter lower-cased (Go style). */
  strerror(errno: number): string;
}

const encoder = new TextEncoder();

/** A NUL-terminated copy of `s`. */
export function cString(s: string): Uint8Array {
  const bytes = encoder.encode(s);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

function num(v: number | bigint): number {
  return typeof v === "bigint" ? Number(v) : v;
}

function symbolsFor(plan: ExecPlan) {
  const fcntlParams = plan.fcntlVariadicOnStack
    ? ["i32", "i32", "i64", "i64", "i64", "i64", "i64", "i64", "i64"] as const
    : ["i32", "i32", "i64"] as const;
  return {
    memfd_create: { parameters: ["buffer", "u32"], result: "i32", optional: true },
    mkstemp: { parameters: ["buffer"], result: "i32" },
    unlink: { parameters: ["buffer"], result: "i32" },
    write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
    lseek: { parameters: ["i32", "i64", "i32"], result: "i64" },
    fcntl: { parameters: fcntlParams, result: "i32" },
    close: { parameters: ["i32"], result: "i32" },
    signal: { parameters: ["i32", "pointer"], result: "pointer" },
    sigprocmask: { parameters: ["i32", "buffer", "pointer"], result: "i32" },
    execve: { parameters: ["buffer", "buffer", "buffer"], result: "i32" },
    strerror: { parameters: ["i32"], result: "pointer" },
    [plan.errnoSymbol]: { parameters: [], result: "pointer" },
  } as const;
}

/** Open the plan's C library with `Deno.dlopen` (needs `--allow-ffi`). */
export function loadLibc(plan: ExecPlan): Libc {
  // deno-lint-ignore no-explicit-any
  const lib = Deno.dlopen(plan.libcPath, symbolsFor(plan) as any);
  // deno-lint-ignore no-explicit-any
  const s = lib.symbols as Record<string, any>;
  const errnoPtr = () => s[plan.errnoSymbol]() as Deno.PointerValue;
  const errno = (): number => {
    const p = errnoPtr();
    return p === null ? 0 : new Deno.UnsafePointerView(p).getInt32();
  };
  const call = (v: number | bigint): CallResult => {
    const value = num(v);
    return { value, errno: value < 0 ? errno() : 0 };
  };
  const ptrCall = (p: Deno.PointerValue): CallResult => {
    const value = p === null ? 0 : num(Deno.UnsafePointer.value(p));
    // SIG_ERR is (void*)-1: all bits set.
    const failed = value === Number(0xffffffffffffffffn) || value === -1;
    return { value: failed ? -1 : value, errno: failed ? errno() : 0 };
  };
  const fcntl = (fd: number, cmd: number, arg: number) =>
    plan.fcntlVariadicOnStack
      ? call(s.fcntl(fd, cmd, 0n, 0n, 0n, 0n, 0n, 0n, BigInt(arg)))
      : call(s.fcntl(fd, cmd, BigInt(arg)));
  const emptySet = new Uint8Array(128);
  return {
    memfdCreate: s.memfd_create === null
      ? undefined
      : (name, flags) => call(s.memfd_create(cString(name), flags)),
    mkstemp: (template) => call(s.mkstemp(template)),
    unlink: (path) => call(s.unlink(cString(path))),
    write: (fd, data) => call(s.write(fd, data, BigInt(data.length))),
    lseek: (fd, offset, whence) => call(s.lseek(fd, BigInt(offset), whence)),
    fcntl,
    close: (fd) => call(s.close(fd)),
    signal: (sig, action) =>
      ptrCall(s.signal(sig, action === "default" ? null : Deno.UnsafePointer.create(1n))),
    clearSignalMask: (how) => call(s.sigprocmask(how, emptySet, null)),
    execve: (path, argv, envp) => call(s.execve(path, argv, envp)),
    strerror: (e) => {
      const p = s.strerror(e) as Deno.PointerValue;
      const text = p === null ? `errno ${e}` : Deno.UnsafePointerView.getCString(p);
      return text.charAt(0).toLowerCase() + text.slice(1);
    },
  };
}
