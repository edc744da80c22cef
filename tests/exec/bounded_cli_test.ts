/**
 * The real CLI (the binary's permissions) with a fake `envoy` that floods
 * its output: one line naming the command, exit 1, nothing on stdout, and
 * bounded memory, at the real limits.
 */

import { assert, assertEquals } from "../helpers/assert.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { runMeasured, sidecarServices } from "../helpers/measured_cli.ts";

const PATH = Deno.env.get("PATH") ?? "/usr/bin:/bin";
const VERSION_LINE = 'echo "$0  version: ab/1.35.3/Clean/RELEASE/BoringSSL"';

/** Run the CLI (no -bootstrap) with a fake envoy whose script body is `body`. */
async function launchWith(body: string, extraArgs: string[] = []) {
  const dir = await Deno.makeTempDir();
  const agent = await startFakeAgent({ services: sidecarServices({}) });
  try {
    const envoy = `${dir}/envoy`;
    await Deno.writeTextFile(envoy, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    const args = ["-sidecar-for", "web", "-http-addr", agent.addr, "-grpc-addr", agent.addr];
    const run = await runMeasured([...args, "-envoy-binary", envoy, ...extraArgs], {
      env: { PATH },
      clearEnv: true,
    });
    return { envoy, run };
  } finally {
    await agent.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: "CLI: a flooding `envoy --version` is killed at 64 KiB: one line, small RSS",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const { envoy, run } = await launchWith("exec yes");
    assertEquals(run.code, 1);
    assertEquals(run.stdout, "");
    assertEquals(
      run.stderr,
      `Couldn't get envoy version for compatibility check: ${envoy} --version wrote more than 64 KiB\n`,
    );
    assert(run.peakRssMiB < 150, `peak RSS ${run.peakRssMiB} MiB`);
  },
});

Deno.test({
  name: "CLI: a flooding `envoy --mode validate` is killed at 1 MiB, not reported as a rejection",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const body = `if [ "$1" = --version ]; then ${VERSION_LINE}; exit 0; fi\nexec yes`;
    const { envoy, run } = await launchWith(body, ["-validate"]);
    assertEquals(run.code, 1);
    assertEquals(run.stdout, "");
    assertEquals(
      run.stderr,
      `Couldn't validate the bootstrap: ${envoy} --mode validate wrote more than 1 MiB\n`,
    );
    assert(run.peakRssMiB < 150, `peak RSS ${run.peakRssMiB} MiB`);
  },
});
