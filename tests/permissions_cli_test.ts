/**
 * The CLI under exactly the binary's grants (`src/permissions.ts`), on the
 * paths that need the less obvious ones: an agent on a unix socket needs
 * `--allow-write` (Deno's rule for connecting to a socket path), and works
 * with the list as it is.
 */

import { assertEquals, assertMatch } from "./helpers/assert.ts";
import { join } from "node:path";
import { cliCommand, PERMISSION_FLAGS } from "../src/permissions.ts";
import { startFakeAgent } from "../scripts/fake_agent.ts";
import { DEMO_AGENT_SPEC } from "./platform/helpers.ts";

const decoder = new TextDecoder();

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const name of ["PATH", "HOME", "DENO_DIR", "TMPDIR", "SystemRoot"]) {
    const v = Deno.env.get(name);
    if (v !== undefined) env[name] = v;
  }
  return env;
}

Deno.test({
  name: "agent on a unix socket: works with the grants, fails without --allow-write",
  ignore: Deno.build.os === "windows",
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "connect-envoy-sock-" });
    const socket = join(dir, "agent.sock");
    const agent = await startFakeAgent({ ...structuredClone(DEMO_AGENT_SPEC), unixSocket: socket });
    try {
      const args = ["-bootstrap", "-sidecar-for", "web"];
      const viaSocket = { ...baseEnv(), CONSUL_HTTP_ADDR: `unix://${socket}` };
      const viaTcp = { ...baseEnv(), CONSUL_HTTP_ADDR: agent.addr };
      const ok = await cliCommand(args, { env: viaSocket, clearEnv: true, binary: "" }).output();
      const tcp = await cliCommand(args, { env: viaTcp, clearEnv: true, binary: "" }).output();
      assertEquals(decoder.decode(ok.stderr), "");
      assertEquals(ok.code, 0);
      assertEquals(JSON.parse(decoder.decode(ok.stdout)), JSON.parse(decoder.decode(tcp.stdout)));

      const noWrite = PERMISSION_FLAGS.filter((f) => f !== "--allow-write");
      const denied = await cliCommand(args, {
        env: viaSocket,
        clearEnv: true,
        binary: "",
        permissionFlags: noWrite,
      }).output();
      assertEquals(denied.code, 1);
      assertMatch(decoder.decode(denied.stderr), /write access|allow-write|NotCapable/i);
    } finally {
      await agent.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
