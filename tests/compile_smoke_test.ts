/**
 * Compile smoke test: build the binary for the host with the real compile
 * task (`scripts/compile.ts --target host`), then run it
 *   1. with `-version`,
 *   2. with `-bootstrap` against the project's fake agent, comparing its
 *      output with `deno run main.ts` (same permissions) for the same inputs,
 *   3. without `-bootstrap` against a fake `envoy`, checking that the binary
 *      became Envoy (same PID) and handed it the same bootstrap.
 *
 * When `deno compile` cannot get its `denort` runtime (no access to
 * dl.deno.land and no `DENORT_BIN`), the tests are registered as ignored with
 * the reason in their name and the reason is printed: never a silent pass.
 *
 * @module
 */

import { assertEquals, assertMatch } from "./helpers/assert.ts";
import { join } from "node:path";
import { cliCommand, repoRoot } from "../src/permissions.ts";
import { artifactName, hostTarget } from "../scripts/compile_targets.ts";
import { VERSION } from "../scripts/version.ts";
import { startFakeAgent } from "../scripts/fake_agent.ts";
import { DEMO_AGENT_SPEC } from "./platform/helpers.ts";

const root = repoRoot();
const decoder = new TextDecoder();

type Probe = { kind: "built"; binary: string; dir: string } | {
  kind: "skip";
  reason: string;
} | { kind: "failed"; line: string };

/** Build for the host into a temp dir; classify the outcome. */
async function buildHostBinary(): Promise<Probe> {
  const host = hostTarget(Deno.build.target);
  if (host === undefined) {
    return { kind: "skip", reason: `host ${Deno.build.target} is not a release target` };
  }
  const dir = await Deno.makeTempDir({ prefix: "connect-envoy-smoke-" });
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      join(root, "scripts", "compile.ts"),
      "--target",
      "host",
      "--out-dir",
      dir,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const line = decoder.decode(out.stderr).trim().split("\n").pop() ?? "";
  if (out.success) return { kind: "built", binary: join(dir, artifactName(host)), dir };
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  if (/needs the denort runtime|DENORT_BIN=/.test(line)) return { kind: "skip", reason: line };
  return { kind: "failed", line };
}

const probe = await buildHostBinary();

function baseEnv(agentAddr: string): Record<string, string> {
  const env: Record<string, string> = { CONSUL_HTTP_ADDR: agentAddr, NO_COLOR: "1" };
  for (const name of ["PATH", "HOME", "DENO_DIR", "TMPDIR", "SystemRoot"]) {
    const v = Deno.env.get(name);
    if (v !== undefined) env[name] = v;
  }
  return env;
}

async function demoAgent() {
  return await startFakeAgent(structuredClone(DEMO_AGENT_SPEC));
}

/** A fake `envoy`: answers `--version`, else reports its PID, argv and config. */
async function writeFakeEnvoy(dir: string): Promise<string> {
  const path = join(dir, "envoy");
  await Deno.writeTextFile(
    path,
    `#!/bin/sh
if [ "$1" = "--version" ]; then
  echo "envoy  version: 0123456789abcdef0123456789abcdef01234567/1.35.6/Clean/RELEASE/BoringSSL"
  exit 0
fi
cfg=""
prev=""
for a in "$@"; do
  if [ "$prev" = "--config-path" ]; then cfg="$a"; fi
  prev="$a"
done
{
  echo "pid=$$"
  echo "args=$*"
  echo "config-begin"
  cat "$cfg"
} > "$FAKE_ENVOY_REPORT"
exit 0
`,
  );
  await Deno.chmod(path, 0o755);
  return path;
}

if (probe.kind === "skip") {
  console.log(`compile smoke test skipped: ${probe.reason}`);
  Deno.test({
    name: `compile smoke test (skipped: ${probe.reason})`,
    ignore: true,
    fn() {},
  });
} else if (probe.kind === "failed") {
  Deno.test("compile smoke test: building the host binary", () => {
    throw new Error(probe.line);
  });
} else {
  const { binary, dir } = probe;

  Deno.test("compiled binary: -version prints deno.json's version", async () => {
    const out = await cliCommand(["-version"], { binary }).output();
    assertEquals(out.code, 0);
    assertMatch(decoder.decode(out.stdout), new RegExp(`\\b${VERSION.replaceAll(".", "\\.")}\\b`));
  });

  Deno.test("compiled binary: -bootstrap equals deno run main.ts output", async () => {
    const agent = await demoAgent();
    try {
      const args = ["-bootstrap", "-sidecar-for", "web"];
      const env = baseEnv(agent.addr);
      const bin = await cliCommand(args, { binary, env, clearEnv: true }).output();
      const script = await cliCommand(args, { binary: "", env, clearEnv: true }).output();
      assertEquals(decoder.decode(bin.stderr), "");
      assertEquals(bin.code, 0);
      assertEquals(script.code, 0);
      const doc = JSON.parse(decoder.decode(bin.stdout));
      assertEquals(doc, JSON.parse(decoder.decode(script.stdout)));
    } finally {
      await agent.close();
    }
  });

  Deno.test({
    name: "compiled binary: execs Envoy in place with the bootstrap",
    ignore: Deno.build.os === "windows",
    async fn() {
      const agent = await demoAgent();
      try {
        const envoy = await writeFakeEnvoy(dir);
        const report = join(dir, "report.txt");
        const env = { ...baseEnv(agent.addr), FAKE_ENVOY_REPORT: report };
        const boot = await cliCommand(["-bootstrap", "-sidecar-for", "web"], {
          binary,
          env,
          clearEnv: true,
        }).output();
        const child = cliCommand(["-sidecar-for", "web", "-envoy-binary", envoy], {
          binary,
          env,
          clearEnv: true,
        }).spawn();
        const out = await child.output();
        assertEquals(out.code, 0, decoder.decode(out.stderr));
        const text = await Deno.readTextFile(report);
        const [head, config] = text.split("config-begin\n");
        assertMatch(head, new RegExp(`^pid=${child.pid}$`, "m"));
        assertMatch(head, /^args=.*--config-path \/dev\/fd\/\d+/m);
        assertEquals(JSON.parse(config), JSON.parse(decoder.decode(boot.stdout)));
      } finally {
        await agent.close();
      }
    },
  });

  Deno.test("compile smoke test: clean up", async () => {
    await Deno.remove(dir, { recursive: true });
  });
}
