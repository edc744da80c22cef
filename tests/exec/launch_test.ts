/**
 * `launchEnvoy` in-process with the OS injected: the unsupported-OS error
 * comes first and loads nothing; on Linux/macOS the plan's library is the
 * one loaded, and (with a fake libc) the exec sequence is rewind → SIGPIPE
 * default → empty mask → execve, with everything undone on failure.
 */

import { assertEquals, assertRejects } from "../helpers/assert.ts";
import { launchEnvoy, type LaunchRequest } from "../../src/exec/mod.ts";
import type { ExecPlan } from "../../src/exec/exec_plan.ts";
import { UNSUPPORTED_OS_MESSAGE } from "../../src/exec/unsupported.ts";
import { CliError } from "../../src/errors.ts";
import { memoryIo } from "../helpers/memory_io.ts";
import { fakeLibc } from "./fake_libc.ts";

async function withFakeBinary<T>(fn: (bin: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir();
  try {
    const bin = `${dir}/envoy`;
    await Deno.writeTextFile(bin, "#!/bin/sh\nexit 0\n");
    await Deno.chmod(bin, 0o755);
    return await fn(bin);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function request(bin: string, os: LaunchRequest["os"], extra: Partial<LaunchRequest> = {}) {
  return {
    bootstrapText: '{"token":"t0k3n"}\n',
    envoyBinary: bin,
    passthrough: ["--log-level", "debug"],
    ignoreCompatibility: false,
    validate: false,
    env: { PATH: "/usr/bin:/bin", HOME: "/var/lib/envoy" },
    io: memoryIo(),
    os,
    ...extra,
  } satisfies LaunchRequest;
}

const VERSION = { code: 0, stdout: "envoy  version: ab12/1.35.6/Clean/RELEASE/BoringSSL\n" };

Deno.test("launchEnvoy: Windows and other OSes fail first, loading and running nothing", async () => {
  for (const os of ["windows", "freebsd", "openbsd", "netbsd", "solaris", "illumos", "aix"]) {
    const used: string[] = [];
    const err = await assertRejects(
      () =>
        launchEnvoy(request("/nonexistent/envoy", os as LaunchRequest["os"]), {
          loadLibc: (p) => {
            used.push(`dlopen ${p.libcPath}`);
            throw new Error("no");
          },
          runVersion: () => {
            used.push("version");
            return Promise.resolve(VERSION);
          },
        }),
      CliError,
    );
    assertEquals(err.message, UNSUPPORTED_OS_MESSAGE, os);
    assertEquals(used, [], os);
  }
});

Deno.test({
  name: "launchEnvoy: a C library error is reported only after the binary and version checks",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withFakeBinary(async (bin) => {
      const table = [
        { os: "linux", arch: "x86_64", lib: "libc.so.6" },
        { os: "darwin", arch: "aarch64", lib: "/usr/lib/libSystem.B.dylib" },
        { os: "darwin", arch: "x86_64", lib: "/usr/lib/libSystem.B.dylib" },
      ] as const;
      for (const c of table) {
        const used: string[] = [];
        const err = await assertRejects(
          () =>
            launchEnvoy(request(bin, c.os), {
              arch: c.arch,
              runVersion: (b) => {
                used.push(`version ${b}`);
                return Promise.resolve(VERSION);
              },
              loadLibc: (p: ExecPlan) => {
                used.push(`dlopen ${p.libcPath}`);
                throw new Error("refused by test");
              },
            }),
          CliError,
        );
        assertEquals(used, [`version ${bin}`, `dlopen ${c.lib}`], c.os);
        assertEquals(err.message, `Failed to exec envoy: cannot load ${c.lib}: refused by test`);
      }
      // libc is opened while `envoy --version` runs (to save time), but a
      // rejected version is still the error reported, never libc's.
      const used: string[] = [];
      await assertRejects(
        () =>
          launchEnvoy(request(bin, "linux"), {
            runVersion: () =>
              Promise.resolve({ code: 0, stdout: "envoy  version: ab/1.20.0/Clean/RELEASE/X\n" }),
            loadLibc: (p) => {
              used.push(p.libcPath);
              throw new Error("no");
            },
          }),
        CliError,
        "Envoy version 1.20.x is not supported (found 1.20.0;",
      );
      assertEquals(used, ["libc.so.6"]);
    }),
});

Deno.test({
  name: "launchEnvoy (fake libc): rewind, restore signals, execve; undone on exec failure",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withFakeBinary(async (bin) => {
      for (
        const c of [{ os: "linux", mask: 2, storage: "memfd" }, {
          os: "darwin",
          mask: 3,
          storage: "file",
        }] as const
      ) {
        const libc = fakeLibc({ execve: 8 });
        const err = await assertRejects(
          () =>
            launchEnvoy(request(bin, c.os, { ignoreCompatibility: true }), {
              arch: "aarch64",
              loadLibc: () => libc,
              runVersion: () => Promise.reject(new Error("must not run")),
            }),
          CliError,
        );
        assertEquals(err.message, "Failed to exec envoy: error 8");
        const sealing = c.os === "linux"
          ? ["memfd_create connect-envoy-bootstrap 2", "fcntl 3 1033 15"]
          : [];
        assertEquals(libc.calls, [
          ...sealing,
          "lseek 3 0",
          "lseek 3 0",
          "signal 13 default",
          `sigprocmask ${c.mask} empty`,
          `execve ${bin} [${bin} --config-path /dev/fd/3 --disable-hot-restart --log-level debug]` +
          " env=PATH=/usr/bin:/bin,HOME=/var/lib/envoy",
          "signal 13 ignore",
        ], c.os);
        assertEquals(libc.closed.includes(3), true, `${c.os}: hand-over closed`);
        assertEquals(libc.fds.size, 0, c.os);
        assertEquals(libc.files.size, 0, c.os);
      }
    }),
});

Deno.test({
  name: "launchEnvoy (fake libc): -validate runs on the hand-over path before exec",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withFakeBinary(async (bin) => {
      const libc = fakeLibc();
      const seen: string[] = [];
      await assertRejects(
        () =>
          launchEnvoy(request(bin, "linux", { validate: true, passthrough: [] }), {
            loadLibc: () => libc,
            runVersion: () => Promise.resolve(VERSION),
            runValidate: (b, args) => {
              seen.push([b, ...args].join(" "));
              return Promise.resolve({ code: 1, output: "[info] bad listener\n" });
            },
          }),
        CliError,
        "Envoy rejected the bootstrap: bad listener",
      );
      assertEquals(seen, [`${bin} --mode validate --config-path /dev/fd/3`]);
      assertEquals(libc.calls.some((c) => c.startsWith("execve")), false, "no exec");
      assertEquals(libc.fds.size, 0, "hand-over closed");
    }),
});
