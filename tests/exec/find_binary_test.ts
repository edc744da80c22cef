import { assertEquals, assertThrows } from "../helpers/assert.ts";
import type { BinaryStat } from "../../src/exec/find_binary.ts";
import { findEnvoyBinary, lookPath } from "../../src/exec/find_binary.ts";
import { CliError } from "../../src/errors.ts";

const EXE: BinaryStat = { isFile: true, mode: 0o755 };
const NOEXEC: BinaryStat = { isFile: true, mode: 0o644 };
const DIR: BinaryStat = { isFile: false, mode: 0o755 };

function fsOf(files: Record<string, BinaryStat>) {
  return (p: string) => files[p];
}

function error(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err.message;
    throw err;
  }
  throw new Error("expected a CliError");
}

Deno.test("lookPath: first executable match in PATH order, like a shell", () => {
  const table: { path: string; files: Record<string, BinaryStat>; want: string }[] = [
    { path: "/a:/b", files: { "/a/envoy": EXE, "/b/envoy": EXE }, want: "/a/envoy" },
    { path: "/a:/b", files: { "/a/envoy": NOEXEC, "/b/envoy": EXE }, want: "/b/envoy" },
    { path: "/a:/b", files: { "/a/envoy": DIR, "/b/envoy": EXE }, want: "/b/envoy" },
    { path: "/a/:/b", files: { "/a/envoy": EXE }, want: "/a/envoy" },
    { path: ".:/b", files: { "./envoy": EXE, "/b/envoy": EXE }, want: "/b/envoy" },
  ];
  for (const c of table) assertEquals(lookPath("envoy", c.path, fsOf(c.files)), c.want, c.path);
});

Deno.test("lookPath: not found, or found only through a relative PATH entry", () => {
  assertEquals(
    error(() => lookPath("envoy", "/a:/b", fsOf({ "/a/envoy": NOEXEC }))),
    `Couldn't find envoy binary: exec: "envoy": executable file not found in $PATH`,
  );
  assertEquals(
    error(() => lookPath("envoy", "", fsOf({}))),
    `Couldn't find envoy binary: exec: "envoy": executable file not found in $PATH`,
  );
  assertEquals(
    error(() => lookPath("envoy", "bin:/a", fsOf({ "bin/envoy": EXE }))),
    `Couldn't find envoy binary: exec: "envoy": cannot run executable found relative to current directory`,
  );
});

Deno.test("findEnvoyBinary: -envoy-binary is checked; a bare name is searched in PATH", () => {
  const fs = fsOf({
    "/opt/envoy": EXE,
    "/opt/noexec": NOEXEC,
    "/opt": DIR,
    "/bin/envoy-1.35": EXE,
    "/bin/envoy": EXE,
  });
  const env = { PATH: "/bin" };
  assertEquals(findEnvoyBinary("", env, fs), "/bin/envoy");
  assertEquals(findEnvoyBinary("/opt/envoy", env, fs), "/opt/envoy");
  assertEquals(findEnvoyBinary("envoy-1.35", env, fs), "/bin/envoy-1.35");
  const errors: [string, string][] = [
    ["/opt/missing", "Couldn't find envoy binary: -envoy-binary /opt/missing: no such file"],
    ["/opt/noexec", "Couldn't find envoy binary: -envoy-binary /opt/noexec: permission denied"],
    ["/opt", "Couldn't find envoy binary: -envoy-binary /opt: not a regular file"],
    ["envoy-9", `Couldn't find envoy binary: exec: "envoy-9": executable file not found`],
  ];
  for (const [given, want] of errors) {
    const msg = error(() => findEnvoyBinary(given, env, fs));
    assertEquals(msg.startsWith(want), true, `${given}: ${msg}`);
  }
  assertThrows(() => findEnvoyBinary("", {}, fs), CliError);
});

Deno.test("findEnvoyBinary: unreadable PATH entries are skipped; a given path's error is named", () => {
  const fs = (p: string) => {
    if (p.startsWith("/locked/")) throw new Deno.errors.PermissionDenied("Permission denied");
    return p === "/bin/envoy" ? EXE : undefined;
  };
  assertEquals(findEnvoyBinary("", { PATH: "/locked:/bin" }, fs), "/bin/envoy");
  assertEquals(
    error(() => findEnvoyBinary("/locked/envoy", {}, fs)),
    "Couldn't find envoy binary: -envoy-binary /locked/envoy: Permission denied",
  );
});

Deno.test({
  name: "findEnvoyBinary: real files (execute bit, directories)",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.mkdir(`${dir}/a`);
      await Deno.mkdir(`${dir}/b`);
      await Deno.writeTextFile(`${dir}/a/envoy`, "#!/bin/sh\n", { mode: 0o644 });
      await Deno.writeTextFile(`${dir}/b/envoy`, "#!/bin/sh\n", { mode: 0o755 });
      await Deno.chmod(`${dir}/b/envoy`, 0o755);
      assertEquals(findEnvoyBinary("", { PATH: `${dir}/a:${dir}/b` }), `${dir}/b/envoy`);
      assertEquals(findEnvoyBinary(`${dir}/b/envoy`, {}), `${dir}/b/envoy`);
      assertThrows(() => findEnvoyBinary(`${dir}/a/envoy`, {}), CliError);
      assertThrows(() => findEnvoyBinary(`${dir}/nope/envoy`, {}), CliError);
      assertThrows(() => findEnvoyBinary(`${dir}/a/envoy/x`, {}), CliError);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
