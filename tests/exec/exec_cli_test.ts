/**
 * The real CLI (`main.ts` with the binary's permissions) against the fake
 * agent, without `-bootstrap`: it must become the fake Envoy with exactly
 * the document `-bootstrap` prints for the same inputs, the token read from
 * the user's token file and nowhere else (no argv, environment or new file).
 * With `$CONNECT_ENVOY_BIN` set, the compiled binary is tested instead.
 */

import { assert, assertEquals } from "../helpers/assert.ts";
import { PERMISSION_FLAGS } from "../../src/permissions.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { assertBecameEnvoy, connectEnvoyArgv, type Observed, runScenario } from "./exec_harness.ts";

const TOKEN = "b1e55ed0-cli7-t0ke-n0t-1eaked000000";
const NO_WRITE = PERMISSION_FLAGS.filter((f) => !f.startsWith("--allow-write"));
const linuxOnly = Deno.build.os !== "linux";

const SIDECAR = {
  Kind: "connect-proxy",
  ID: "web-sidecar-proxy",
  Service: "web-sidecar-proxy",
  Port: 21000,
  Address: "",
  Datacenter: "dc1",
  Proxy: {
    DestinationServiceName: "web",
    DestinationServiceID: "web",
    LocalServicePort: 8080,
    Config: {},
  },
};

async function withAgent<T>(fn: (addr: string) => Promise<T>): Promise<T> {
  const agent = await startFakeAgent({
    services: {
      web: { Kind: "", ID: "web", Service: "web", Port: 8080, Datacenter: "dc1" },
      "web-sidecar-proxy": SIDECAR,
    },
    acl: { enabled: true, tokens: [TOKEN] },
  });
  try {
    return await fn(agent.addr);
  } finally {
    await agent.close();
  }
}

/**
 * Run the CLI with `args`; the token comes from `<root>/secrets/token`; the
 * agent's own port stands in for the xDS server (so the reachability check
 * stays quiet).
 */
function cli(addr: string, args: string[], env: Record<string, string> = {}): Promise<Observed> {
  return runScenario({
    setup: async (root) => {
      await Deno.mkdir(`${root}/secrets`);
      await Deno.writeTextFile(`${root}/secrets/token`, TOKEN + "\n", { mode: 0o600 });
    },
    userTokenFiles: ["secrets/token"],
    command: (_envoy, root) => {
      const argv = ["-grpc-addr", addr, ...args.map((a) => a.replace("<root>", root))];
      return connectEnvoyArgv(argv, NO_WRITE);
    },
    env: { CONSUL_HTTP_ADDR: addr, ...env },
    token: TOKEN,
  });
}

const BASE = ["-sidecar-for", "web", "-token-file", "<root>/secrets/token"];

Deno.test({
  name: "CLI exec: Envoy reads exactly the -bootstrap document; nothing leaks",
  ignore: linuxOnly,
  fn: () =>
    withAgent(async (addr) => {
      const printed = await cli(addr, ["-bootstrap", ...BASE]);
      assertEquals(printed.stderr, "");
      assertEquals(printed.code, 0);
      assert(printed.stdout.endsWith("}\n\n"), "stdout form ends with an extra newline");
      const doc = printed.stdout.slice(0, -1);
      assert(doc.includes(TOKEN), "the token is in the bootstrap");

      const table: { args: string[]; after: string[] }[] = [
        { args: [], after: ["--disable-hot-restart"] },
        {
          args: ["-validate", "--", "--log-level", "debug"],
          after: ["--disable-hot-restart", "--log-level", "debug"],
        },
        { args: ["--", "--restart-epoch", "1"], after: ["--restart-epoch", "1"] },
      ];
      for (const c of table) {
        const o = await cli(addr, [...BASE, ...c.args]);
        assertBecameEnvoy(o, doc, c.after);
        assertEquals(o.stdout, "");
        if (c.args.includes("-validate")) assertEquals(o.validate?.config, doc, "validated");
      }
    }),
});

Deno.test({
  name: "CLI exec: failures are one line on stderr, exit 1, nothing left behind",
  ignore: linuxOnly,
  fn: () =>
    withAgent(async (addr) => {
      const table: { args: string[]; env?: Record<string, string>; want: string }[] = [
        {
          args: ["-envoy-binary", "/nonexistent/envoy"],
          want: "Couldn't find envoy binary: -envoy-binary /nonexistent/envoy: no such file",
        },
        {
          args: [],
          env: { FAKE_ENVOY_VERSION: "1.34.1" },
          want: "Envoy version 1.34.x is not supported (found 1.34.1; connect-envoy's built-in",
        },
        {
          args: ["-validate"],
          env: { FAKE_ENVOY_VALIDATE_EXIT: "1", FAKE_ENVOY_VALIDATE_OUTPUT: "bad listener" },
          want: "Envoy rejected the bootstrap: bad listener",
        },
      ];
      for (const c of table) {
        const o = await cli(addr, [...BASE, ...c.args], c.env);
        assertEquals(o.code, 1, o.stderr);
        assert(o.stderr.startsWith(c.want), o.stderr);
        assertEquals(o.stderr.split("\n").length, 2, `one line: ${o.stderr}`);
        assertEquals(o.serve, undefined);
        assertEquals(o.tmpEntries, []);
        assertEquals(o.tokenInFiles, []);
        assertEquals(o.tokenInProcesses, []);
      }
    }),
});
