import { assert, assertEquals, assertRejects } from "../helpers/assert.ts";
import {
  type BoundedRunOptions,
  ChildLimitError,
  runBounded,
} from "../../src/exec/bounded_output.ts";
import { checkEnvoyVersion } from "../../src/exec/version_check.ts";
import { validateBootstrap } from "../../src/exec/validate.ts";
import { CliError } from "../../src/errors.ts";
import { memoryIo } from "../helpers/memory_io.ts";

const unixOnly = Deno.build.os === "windows";
const PATH = Deno.env.get("PATH") ?? "/usr/bin:/bin";

/** Write an executable shell script into `dir`; returns its path. */
async function script(dir: string, name: string, body: string): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return path;
}

function opts(over: Partial<BoundedRunOptions> = {}): BoundedRunOptions {
  return {
    args: [],
    env: { PATH },
    captureStderr: true,
    maxBytes: 1000,
    timeoutMs: 5000,
    ...over,
  };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: "runBounded: exit status, stdout and stderr of a well-behaved child",
  ignore: unixOnly,
  fn: () =>
    withDir(async (dir) => {
      const bin = await script(dir, "ok", 'echo "out $1"; echo err >&2; exit 3');
      const r = await runBounded(bin, opts({ args: ["a"] }));
      const d = new TextDecoder();
      assertEquals([r.code, d.decode(r.stdout), d.decode(r.stderr)], [3, "out a\n", "err\n"]);
      const quiet = await runBounded(bin, opts({ captureStderr: false }));
      assertEquals(quiet.stderr.length, 0);
    }),
});

Deno.test({
  name: "runBounded: a flooding child is killed at the cap; output up to the cap is kept",
  ignore: unixOnly,
  fn: () =>
    withDir(async (dir) => {
      const flood = await script(dir, "flood", "exec yes");
      const err = await assertRejects(
        () => runBounded(flood, opts({ label: "flood --version" })),
        ChildLimitError,
        "flood --version wrote more than 1000 bytes",
      );
      assertEquals((err as ChildLimitError).reason, "overflow");
      const chatty = await script(dir, "chatty", "head -c 990 /dev/zero; echo 123456789 >&2");
      const r = await runBounded(chatty, opts());
      assertEquals(r.code, 0);
      assertEquals(r.stdout.length + r.stderr.length, 1000);
      await assertRejects(() => runBounded(chatty, opts({ maxBytes: 999 })), ChildLimitError);
    }),
});

Deno.test({
  name:
    "runBounded: a hanging child is killed at the time limit, also if a descendant holds the pipe",
  ignore: unixOnly,
  fn: () =>
    withDir(async (dir) => {
      const cases = [
        await script(dir, "hang", "exec sleep 20"),
        await script(dir, "orphan", "sleep 3 &\nexit 0"),
      ];
      for (const bin of cases) {
        const start = performance.now();
        const err = await assertRejects(
          () => runBounded(bin, opts({ timeoutMs: 300 })),
          ChildLimitError,
          `${bin} did not finish within 0.3s (killed)`,
        );
        assertEquals((err as ChildLimitError).reason, "timeout");
        assert(performance.now() - start < 2500, bin);
      }
    }),
});

Deno.test({
  name: "runBounded: a program that cannot be started rejects with the spawn error",
  ignore: unixOnly,
  fn: () =>
    withDir(async (dir) => {
      await assertRejects(() => runBounded(`${dir}/missing`, opts()), Deno.errors.NotFound);
    }),
});

Deno.test("checkEnvoyVersion / validateBootstrap: limits are one line, not a rejection", async () => {
  const timeout = new ChildLimitError("/opt/envoy --version did not finish within 30s", "timeout");
  const version = await checkEnvoyVersion(
    "/opt/envoy",
    {},
    memoryIo(),
    () => Promise.reject(timeout),
  ).then(() => "ok", (e: CliError) => e.message);
  assertEquals(
    version,
    "Couldn't get envoy version for compatibility check: /opt/envoy --version did not finish within 30s",
  );
  const hang = new ChildLimitError(
    "/opt/envoy --mode validate did not finish within 60s",
    "timeout",
  );
  const validate = await validateBootstrap(
    "/opt/envoy",
    "/dev/fd/3",
    {},
    () => Promise.reject(hang),
  ).then(() => "ok", (e: CliError) => e.message);
  assertEquals(
    validate,
    "Couldn't validate the bootstrap: /opt/envoy --mode validate did not finish within 60s",
  );
});
