/**
 * An in-memory `Libc` for unit tests of the hand-over logic on any OS:
 * descriptors are numbers in a table, files are byte arrays, and failures
 * are injected per function.
 *
 * @module
 */

import type { CallResult, Libc } from "../../src/exec/libc.ts";

/** One open descriptor of the fake. */
export interface FakeFd {
  kind: "memfd" | "file";
  name: string;
  data: number[];
  offset: number;
  cloexec: boolean;
}

/** Options: which calls fail, and with which errno. */
export interface FakeLibcOptions {
  memfd?: "missing" | number;
  mkstemp?: number;
  unlink?: number;
  write?: number;
  execve?: number;
  /** `memfd_create` with non-zero flags fails with EINVAL (a kernel without sealing). */
  memfdFlagsRejected?: boolean;
  /** errno of `fcntl(F_GETFD)` (fails when set). */
  getfd?: number;
  /** Descriptor numbers handed out first (default 3, 4, …). */
  nextFd?: number;
}

/** A fake libc plus its observable state. */
export function fakeLibc(opts: FakeLibcOptions = {}): Libc & {
  fds: Map<number, FakeFd>;
  files: Set<string>;
  closed: number[];
  calls: string[];
} {
  const fds = new Map<number, FakeFd>();
  const files = new Set<string>();
  const closed: number[] = [];
  const calls: string[] = [];
  let next = opts.nextFd ?? 3;
  const ok = (value: number): CallResult => ({ value, errno: 0 });
  const fail = (errno: number): CallResult => ({ value: -1, errno });
  const alloc = (fd: FakeFd, min = 0): number => {
    let n = Math.max(next, min);
    while (fds.has(n)) n++;
    fds.set(n, fd);
    next = n + 1;
    return n;
  };
  const lib = {
    fds,
    files,
    closed,
    calls,
    memfdCreate: opts.memfd === "missing" ? undefined : (name: string, flags: number) => {
      calls.push(`memfd_create ${name} ${flags}`);
      if (opts.memfdFlagsRejected && flags !== 0) return fail(22);
      return typeof opts.memfd === "number"
        ? fail(opts.memfd)
        : ok(alloc({ kind: "memfd", name, data: [], offset: 0, cloexec: false }));
    },
    mkstemp(template: Uint8Array) {
      if (opts.mkstemp !== undefined) return fail(opts.mkstemp);
      const x = "X".charCodeAt(0);
      for (let i = template.length - 7; i < template.length - 1; i++) {
        if (template[i] === x) template[i] = "a".charCodeAt(0);
      }
      const name = new TextDecoder().decode(template.subarray(0, template.length - 1));
      files.add(name);
      return ok(alloc({ kind: "file", name, data: [], offset: 0, cloexec: false }));
    },
    unlink(path: string) {
      if (opts.unlink !== undefined) return fail(opts.unlink);
      return files.delete(path) ? ok(0) : fail(2);
    },
    write(fd: number, data: Uint8Array) {
      if (opts.write !== undefined) return fail(opts.write);
      const f = fds.get(fd);
      if (f === undefined) return fail(9);
      const n = Math.min(data.length, 7); // short writes exercise the loop
      for (let i = 0; i < n; i++) f.data[f.offset++] = data[i];
      return ok(n);
    },
    lseek(fd: number, offset: number) {
      const f = fds.get(fd);
      if (f === undefined) return fail(9);
      f.offset = offset;
      calls.push(`lseek ${fd} ${offset}`);
      return ok(offset);
    },
    fcntl(fd: number, cmd: number, arg: number) {
      const f = fds.get(fd);
      if (f === undefined) return fail(9);
      if (cmd === 0) return ok(alloc({ ...f }, arg));
      if (cmd === 1) return opts.getfd !== undefined ? fail(opts.getfd) : ok(f.cloexec ? 1 : 0);
      if (cmd === 2) {
        f.cloexec = (arg & 1) !== 0;
        return ok(0);
      }
      calls.push(`fcntl ${fd} ${cmd} ${arg}`);
      return ok(0);
    },
    close(fd: number) {
      closed.push(fd);
      return fds.delete(fd) ? ok(0) : fail(9);
    },
    signal(sig: number, action: string) {
      calls.push(`signal ${sig} ${action}`);
      return ok(0);
    },
    clearSignalMask(how: number) {
      calls.push(`sigprocmask ${how} empty`);
      return ok(0);
    },
    execve(path: Uint8Array, argv: BigUint64Array, envp: BigUint64Array) {
      const strings = (a: BigUint64Array) => {
        const out: string[] = [];
        for (const p of a) {
          if (p === 0n) break;
          out.push(Deno.UnsafePointerView.getCString(Deno.UnsafePointer.create(p)!));
        }
        return out;
      };
      const file = new TextDecoder().decode(path.subarray(0, path.length - 1));
      calls.push(`execve ${file} [${strings(argv).join(" ")}] env=${strings(envp).join(",")}`);
      return fail(opts.execve ?? 2);
    },
    strerror: (e: number) => `error ${e}`,
  };
  return lib;
}
