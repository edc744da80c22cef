/**
 * The version gate end to end: the real CLI (binary's permissions) against
 * the fake agent, with and without `xDS.SupportedProxies.envoy` in
 * `/v1/agent/self`, and a fake `envoy` reporting various versions.
 */

import { assert, assertEquals } from "../helpers/assert.ts";
import type { JsonObject } from "../../src/agent/types.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { connectEnvoyArgv, EXEC_PERMISSION_FLAGS, runScenario } from "./exec_harness.ts";
import { sidecarServices } from "../helpers/measured_cli.ts";

const TOKEN = "9a7e0000-gate-t0ke-n000-000000000000";
const AGENT_LIST = ["1.38.2", "1.37.4", "1.36.8", "1.35.12"];
const PERMS = EXEC_PERMISSION_FLAGS.filter((f) => f.startsWith("--allow"));

function selfBody(list: string[] | undefined): JsonObject {
  const xDS: JsonObject = { Ports: { Plaintext: 8502, TLS: 0 } };
  if (list !== undefined) xDS.SupportedProxies = { envoy: list };
  return { Config: { Datacenter: "dc1", NodeName: "n1" }, xDS };
}

async function runWith(list: string[] | undefined, envoyVersion: string) {
  const agent = await startFakeAgent({ services: sidecarServices({}), self: selfBody(list) });
  try {
    const argv = ["-sidecar-for", "web", "-grpc-addr", agent.addr];
    const o = await runScenario({
      command: () => connectEnvoyArgv(argv, PERMS),
      env: { CONSUL_HTTP_ADDR: agent.addr, FAKE_ENVOY_VERSION: envoyVersion },
      token: TOKEN,
    });
    return { ...o, addr: agent.addr };
  } finally {
    await agent.close();
  }
}

const gate = (found: string, reported: string, who: string) =>
  `Envoy version ${reported} is not supported (found ${found}; ${who} supports 1.35.0 to ` +
  "1.38.x); -ignore-envoy-compatibility skips this check\n";

Deno.test({
  name: "version gate: the agent's list decides; without it the built-in list does",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const table: { list?: string[]; version: string; refused?: string }[] = [
      { list: AGENT_LIST, version: "1.38.1" },
      { list: AGENT_LIST, version: "1.35.0" },
      { list: AGENT_LIST, version: "1.39.0", refused: "1.39.x" },
      { list: AGENT_LIST, version: "1.34.9", refused: "1.34.x" },
      { version: "1.38.0" },
      { version: "1.34.0", refused: "1.34.x" },
    ];
    for (const c of table) {
      const o = await runWith(c.list, c.version);
      const name = `${c.list ? "agent" : "built-in"} ${c.version}`;
      if (c.refused === undefined) {
        assertEquals(o.code, 0, `${name}: ${o.stderr}`);
        assert(o.serve !== undefined, `${name}: became Envoy`);
        continue;
      }
      const who = c.list ? `the Consul agent at ${o.addr}` : "connect-envoy's built-in list";
      assertEquals(
        { code: o.code, stdout: o.stdout, stderr: o.stderr },
        { code: 1, stdout: "", stderr: gate(c.version, c.refused, who) },
        name,
      );
      assertEquals(o.serve, undefined, name);
    }
  },
});
