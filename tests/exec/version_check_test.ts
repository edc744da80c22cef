import { assertEquals } from "../helpers/assert.ts";
import {
  checkEnvoyVersion,
  spawnErrorText,
  type VersionRunner,
} from "../../src/exec/version_check.ts";
import { CliError } from "../../src/errors.ts";
import { memoryIo } from "../helpers/memory_io.ts";

const line = (v: string) => `\nenvoy  version: 0123abcd/${v}/Clean/RELEASE/BoringSSL\n\n`;

async function outcome(run: VersionRunner, versions?: string[]) {
  const io = memoryIo();
  try {
    const supported = versions === undefined
      ? undefined
      : { versions, source: { kind: "agent" as const, address: "127.0.0.1:8500" } };
    await checkEnvoyVersion("/opt/envoy", { PATH: "/bin" }, io, run, supported);
    return { ok: true, err: io.err };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { ok: false, err: err.message };
  }
}

Deno.test("checkEnvoyVersion: outcomes and messages", async () => {
  const table: { name: string; run: VersionRunner; ok: boolean; err: string }[] = [
    {
      name: "supported",
      run: () => Promise.resolve({ code: 0, stdout: line("1.35.6") }),
      ok: true,
      err: "",
    },
    {
      name: "unsupported",
      run: () => Promise.resolve({ code: 0, stdout: line("1.31.2") }),
      ok: false,
      err: "Envoy version 1.31.x is not supported (found 1.31.2; ",
    },
    {
      name: "non-zero exit",
      run: () => Promise.resolve({ code: 3, stdout: line("1.35.6") }),
      ok: false,
      err: "Couldn't get envoy version for compatibility check: exit status 3",
    },
    {
      name: "unparsable",
      run: () => Promise.resolve({ code: 0, stdout: "hello 1.35.6\n" }),
      ok: false,
      err:
        "Couldn't get envoy version for compatibility check: unable to parse Envoy version from output",
    },
    {
      name: "cannot start",
      run: () =>
        Promise.reject(new Deno.errors.PermissionDenied("Permission denied (os error 13)")),
      ok: false,
      err:
        "Couldn't get envoy version for compatibility check: fork/exec /opt/envoy: permission denied",
    },
  ];
  for (const c of table) {
    const got = await outcome(c.run);
    assertEquals(got.ok, c.ok, c.name);
    assertEquals(got.err.startsWith(c.err), true, `${c.name}: ${got.err}`);
    if (!c.ok) assertEquals(got.err.includes("\n"), false, `${c.name}: one line`);
  }
});

Deno.test("checkEnvoyVersion: the unsupported error names the version, range and source", async () => {
  const builtin = await outcome(() => Promise.resolve({ code: 0, stdout: line("1.39.0") }));
  assertEquals(
    builtin,
    {
      ok: false,
      err: "Envoy version 1.39.x is not supported (found 1.39.0; connect-envoy's built-in list " +
        "supports 1.35.0 to 1.38.x); -ignore-envoy-compatibility skips this check",
    },
  );
  const agent = await outcome(
    () => Promise.resolve({ code: 0, stdout: line("1.32.1") }),
    ["1.34.3", "1.33.9"],
  );
  assertEquals(agent, {
    ok: false,
    err: "Envoy version 1.32.x is not supported (found 1.32.1; the Consul agent at " +
      "127.0.0.1:8500 supports 1.33.0 to 1.34.x); -ignore-envoy-compatibility skips this check",
  });
});

Deno.test("checkEnvoyVersion: a malformed list warns and proceeds", async () => {
  const got = await outcome(() => Promise.resolve({ code: 0, stdout: line("1.0.0") }), ["1.x"]);
  assertEquals(got.ok, true);
  assertEquals(
    got.err.startsWith("There was an error checking the compatibility of the envoy version: "),
    true,
  );
});

Deno.test({
  name: "checkEnvoyVersion: real run captures stdout only",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const bin = `${dir}/envoy-1.20.3`;
      await Deno.writeTextFile(
        bin,
        `#!/bin/sh\necho "envoy  version: 1.99.9/nope" >&2\necho "$0  version: ab/1.36.1/Clean/RELEASE/BoringSSL"\n`,
      );
      await Deno.chmod(bin, 0o755);
      const io = memoryIo();
      await checkEnvoyVersion(bin, { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" }, io);
      assertEquals(io.err, "");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("spawnErrorText: Go's fork/exec form, with a hint when the interpreter is missing", () => {
  const table: [unknown, string][] = [
    [
      new Deno.errors.NotFound(
        "Failed to spawn '/opt/envoy': No such file or directory (os error 2)",
      ),
      "fork/exec /opt/envoy: no such file or directory (is its #! interpreter or dynamic loader missing?)",
    ],
    [new Deno.errors.PermissionDenied("x"), "fork/exec /opt/envoy: permission denied"],
    [
      new Error("Failed to spawn '/opt/envoy': Exec format error (os error 8)"),
      "fork/exec /opt/envoy: Exec format error",
    ],
  ];
  for (const [err, want] of table) assertEquals(spawnErrorText("/opt/envoy", err), want);
});
