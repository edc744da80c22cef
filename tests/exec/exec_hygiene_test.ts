/**
 * The exec path's secrets hygiene on the real CLI (Linux): with the token in
 * `CONSUL_HTTP_TOKEN`, `CONSUL_PROXY_TOKEN` and as the `CONSUL_HTTP_AUTH`
 * password, the token is in no process's argv or environment once Envoy
 * runs (so none of these variables reached it) and in no file, and the
 * config memfd is sealed.
 */

import { assert, assertEquals } from "../helpers/assert.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { assertBecameEnvoy, connectEnvoyArgv, runScenario } from "./exec_harness.ts";

const TOKEN = "e8ec0000-hyg1-3ne0-t0ke-n0t1eaked001";

Deno.test({
  name: "CLI exec: credential variables never reach Envoy; the config memfd is sealed",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const agent = await startFakeAgent({
      services: {
        "web-sidecar-proxy": {
          Kind: "connect-proxy",
          ID: "web-sidecar-proxy",
          Service: "web-sidecar-proxy",
          Port: 21000,
          Proxy: { DestinationServiceName: "web", DestinationServiceID: "web" },
        },
      },
      acl: { enabled: true, tokens: [TOKEN] },
    });
    try {
      const argv = ["-proxy-id", "web-sidecar-proxy", "-grpc-addr", agent.addr];
      const o = await runScenario({
        command: () => connectEnvoyArgv(argv),
        env: {
          CONSUL_HTTP_ADDR: agent.addr,
          CONSUL_HTTP_TOKEN: TOKEN,
          CONSUL_PROXY_TOKEN: TOKEN,
          CONSUL_HTTP_AUTH: `user:${TOKEN}`,
        },
        token: TOKEN,
      });
      assert(o.serve !== undefined, o.stderr);
      assertBecameEnvoy(o, o.serve.config, ["--disable-hot-restart"]);
      assertEquals(o.serve.seal, "refused", "writing to the sealed memfd fails");
      assert(JSON.parse(o.serve.config).node !== undefined);
    } finally {
      await agent.close();
    }
  },
});
