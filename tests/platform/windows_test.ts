/**
 * Every OS-dependent decision, with the OS injected into the real entry
 * point (`src/run.ts` `main`): the null-device default, Windows paths for
 * `-token-file` and `-ca-path`, the exec path's unsupported-OS error, and no
 * FFI load anywhere on those paths.
 */

import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { main } from "../../src/run.ts";
import { memoryIo } from "../helpers/memory_io.ts";
import type { PipelineDeps } from "../../src/pipeline/mod.ts";
import { memoryAgent, withDlopenSpy } from "./helpers.ts";

const PROXY = ["-proxy-id", "web-sidecar-proxy"];

/** Run `main` in-process against the in-memory agent, with the OS injected. */
async function run(
  os: string,
  args: string[],
  deps: Partial<PipelineDeps> = {},
  env: Record<string, string> = {},
) {
  const io = memoryIo();
  const agent = memoryAgent();
  const { result: code, loaded } = await withDlopenSpy(() =>
    main(args, {
      os,
      io,
      env: { CONSUL_HTTP_ADDR: "127.0.0.1:8500", ...env },
      deps: {
        createClient: () => Promise.resolve(agent),
        dial: () => Promise.resolve(undefined),
        ...deps,
      },
    })
  );
  return { code, out: io.out, err: io.err, loaded, agent };
}

function adminLogPath(doc: Record<string, unknown>): unknown {
  // deno-lint-ignore no-explicit-any
  return (doc as any).admin?.access_log?.[0]?.typed_config?.path;
}

Deno.test("-bootstrap with the OS injected: only the admin access-log default differs", async () => {
  const docs: Record<string, Record<string, unknown>> = {};
  for (const os of ["linux", "darwin", "windows"]) {
    const r = await run(os, ["-bootstrap", ...PROXY]);
    assertEquals(r.err, "", `${os}: no warning`);
    assertEquals(r.code, 0, os);
    assertEquals(r.loaded, [], `${os}: -bootstrap loads no native library`);
    docs[os] = JSON.parse(r.out);
  }
  assertEquals(adminLogPath(docs.windows), "NUL");
  assertEquals(adminLogPath(docs.linux), "/dev/null");
  assertEquals(docs.darwin, docs.linux);
  const normalised = structuredClone(docs.windows);
  // deno-lint-ignore no-explicit-any
  (normalised as any).admin.access_log[0].typed_config.path = "/dev/null";
  assertEquals(normalised, docs.linux);
});

Deno.test("-admin-access-log-path: the deprecation warning depends on the OS's own default", async () => {
  const table: { os: string; value?: string; warn: boolean; path: string }[] = [
    { os: "windows", warn: false, path: "NUL" },
    { os: "windows", value: "NUL", warn: false, path: "NUL" },
    { os: "windows", value: "/dev/null", warn: true, path: "/dev/null" },
    { os: "windows", value: "C:\\logs\\admin.log", warn: true, path: "C:\\logs\\admin.log" },
    { os: "linux", warn: false, path: "/dev/null" },
    { os: "linux", value: "NUL", warn: true, path: "NUL" },
  ];
  for (const c of table) {
    const flag = c.value === undefined ? [] : ["-admin-access-log-path", c.value];
    const r = await run(c.os, ["-bootstrap", ...PROXY, ...flag]);
    const name = `${c.os} ${c.value ?? "(default)"}`;
    assertEquals(r.code, 0, name);
    assertEquals(r.err.includes("-admin-access-log-path is deprecated"), c.warn, name);
    assertEquals(adminLogPath(JSON.parse(r.out)), c.path, name);
  }
});

Deno.test("windows: -token-file and CONSUL_HTTP_TOKEN_FILE paths are read exactly as given", async () => {
  const table: { args: string[]; env: Record<string, string>; path: string }[] = [
    {
      args: ["-token-file", "C:\\consul\\web token.txt"],
      env: {},
      path: "C:\\consul\\web token.txt",
    },
    { args: [], env: { CONSUL_HTTP_TOKEN_FILE: "D:\\secrets\\token" }, path: "D:\\secrets\\token" },
    {
      args: ["-token-file", "\\\\server\\share\\token"],
      env: {},
      path: "\\\\server\\share\\token",
    },
  ];
  for (const c of table) {
    const read: string[] = [];
    const r = await run("windows", ["-bootstrap", ...PROXY, ...c.args], {
      readTextFile: (p) => {
        read.push(p);
        return "0d5a7c3e-token\r\n";
      },
    }, c.env);
    assertEquals(r.code, 0, r.err);
    assertEquals(read, [c.path]);
    // The CRLF of a Windows editor is trimmed off the token.
    assert(r.out.includes('"0d5a7c3e-token"'), "token in the bootstrap, trimmed");
  }
});

Deno.test("windows: -grpc-ca-path walks a Windows directory with backslashes", async () => {
  for (const dir of ["C:\\consul\\ca", "C:\\consul\\ca\\"]) {
    const read: string[] = [];
    const files: Record<string, string> = {
      "C:\\consul\\ca\\b.pem": "B-PEM\n",
      "C:\\consul\\ca\\a.pem": "A-PEM\n",
    };
    const r = await run(
      "windows",
      ["-bootstrap", ...PROXY, "-grpc-addr", "https://127.0.0.1:8503", "-grpc-ca-path", dir],
      {
        caFs: {
          lstat: (p) => ({
            isDirectory: p.replace(/\\$/, "") === "C:\\consul\\ca",
            isSymlink: false,
          }),
          readDir: () => ["b.pem", "a.pem"],
          readTextFile: (p) => {
            read.push(p);
            if (!(p in files)) throw new Deno.errors.NotFound(p);
            return files[p];
          },
        },
      },
    );
    assertEquals(r.err, "", dir);
    assertEquals(r.code, 0, dir);
    assertEquals(read, ["C:\\consul\\ca\\a.pem", "C:\\consul\\ca\\b.pem"], dir);
    assert(r.out.includes(JSON.stringify("A-PEM\nB-PEM\n").slice(1, -1)), `${dir}: CA inlined`);
  }
});

Deno.test("exec path on Windows and other OSes: the unsupported-OS error, no FFI", async () => {
  const fake = await Deno.makeTempFile({ prefix: "envoy-" });
  if (Deno.build.os !== "windows") await Deno.chmod(fake, 0o755);
  try {
    for (const os of ["windows", "freebsd", "openbsd", "illumos"]) {
      const r = await run(os, [...PROXY, "-envoy-binary", fake, "-ignore-envoy-compatibility"]);
      assertEquals(r.code, 1, `${os}: exit 1`);
      assertEquals(r.out, "", `${os}: nothing on stdout`);
      assertMatch(r.err, /only supported on linux and macOS/i, os);
      assertMatch(r.err, /-bootstrap/, `${os}: points to -bootstrap`);
      assertEquals(r.loaded, [], `${os}: no native library loaded`);
    }
  } finally {
    await Deno.remove(fake);
  }
});
