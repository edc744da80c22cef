/**
 * `launchEnvoy` with `-supervise`, in-process with the OS injected and a
 * fake libc: on Linux and macOS the supervisor gets the same argv as exec
 * (`--config-path /dev/fd/<n>`, hot-restart flag, pass-through), the
 * environment as given, and an open hand-over descriptor holding the
 * bootstrap (a sealed memfd on Linux, an unlinked temp file on macOS);
 * execve is never called.
 */

import { assertEquals } from "../helpers/assert.ts";
import { launchEnvoy, type LaunchRequest } from "../../src/exec/mod.ts";
import type { SuperviseRequest } from "../../src/supervise/mod.ts";
import { memoryIo } from "../helpers/memory_io.ts";
import { fakeLibc } from "./fake_libc.ts";

const TEXT = '{"admin":{}}\n';
const SETTINGS = { gracePeriodMs: 1, timeoutMs: 1, drainListeners: true, reregisterIntervalMs: 0 };

Deno.test({
  name: "launchEnvoy -supervise (fake libc): exec's argv, an open hand-over, no execve",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const bin = `${dir}/envoy`;
      await Deno.writeTextFile(bin, "#!/bin/sh\nexit 0\n");
      await Deno.chmod(bin, 0o755);
      const cases = [
        { os: "linux", storage: "memfd", sealed: true },
        { os: "darwin", storage: "file", sealed: false },
      ] as const;
      for (const c of cases) {
        const libc = fakeLibc();
        let seen: SuperviseRequest | undefined;
        let openAtHandOver = false;
        const req: LaunchRequest = {
          bootstrapText: TEXT,
          envoyBinary: bin,
          passthrough: ["--concurrency", "2"],
          ignoreCompatibility: true,
          validate: false,
          env: { PATH: "/usr/bin" },
          io: memoryIo(),
          os: c.os,
          supervise: { settings: SETTINGS, admin: { host: "127.0.0.1", port: 19000 } },
        };
        const code = await launchEnvoy(req, {
          arch: "aarch64",
          loadLibc: () => libc,
          supervise: (r) => {
            seen = r;
            openAtHandOver = libc.fds.has(3);
            return Promise.resolve(7);
          },
        });
        assertEquals(code, 7, c.os);
        assertEquals(seen?.argv, [
          bin,
          "--config-path",
          "/dev/fd/3",
          "--disable-hot-restart",
          "--concurrency",
          "2",
        ]);
        assertEquals(seen?.env, { PATH: "/usr/bin" });
        assertEquals(seen?.admin, { host: "127.0.0.1", port: 19000 });
        assertEquals(openAtHandOver, true, `${c.os}: descriptor open for the child`);
        const f = libc.fds.get(3)!;
        assertEquals([f.kind, f.cloexec], [c.storage, false], c.os);
        assertEquals(new TextDecoder().decode(new Uint8Array(f.data)), TEXT);
        assertEquals(libc.calls.some((x) => x.includes("1033")), c.sealed, `${c.os} sealing`);
        assertEquals(libc.files.size, 0, `${c.os}: no named file`);
        assertEquals(libc.calls.some((x) => x.startsWith("execve")), false);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
