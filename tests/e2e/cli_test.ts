/**
 * End-to-end: the real CLI (`main.ts` with the compiled binary's
 * permissions) against the project's fake agent.
 */
import {
  assert,
  assertCleanFailure,
  assertEquals,
  assertStringIncludes,
} from "../helpers/assert.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { runCli } from "../helpers/cli.ts";
import { demoSpec } from "../helpers/demo_agent.ts";

Deno.test("e2e: -bootstrap -sidecar-for web prints a bootstrap for web", async () => {
  const agent = await startFakeAgent(demoSpec());
  try {
    const r = await runCli(["-bootstrap", "-sidecar-for", "web"], { CONSUL_HTTP_ADDR: agent.addr });
    assertEquals(r.stderr, "");
    assertEquals(r.code, 0);
    assert(r.stdout.endsWith("}\n\n"), "ends with }\\n\\n like Consul");
    const doc = JSON.parse(r.stdout);
    assertEquals(doc.node.cluster, "web");
    assertEquals(doc.node.id, "web-sidecar-proxy");
    assertEquals(doc.static_resources.clusters[0].name, "local_agent");
  } finally {
    await agent.close();
  }
});

Deno.test("e2e: a token with quotes and backslashes still gives valid JSON and is sent as a header", async () => {
  const agent = await startFakeAgent(demoSpec());
  try {
    const token = 'we"ird\\tok';
    const r = await runCli(["-bootstrap", "-sidecar-for", "web"], {
      CONSUL_HTTP_ADDR: agent.addr,
      CONSUL_HTTP_TOKEN: token,
    });
    assertEquals(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assertEquals(doc.dynamic_resources.ads_config.grpc_services.initial_metadata[0].value, token);
    assert(agent.requests.some((q: { token?: string }) => q.token === token));
  } finally {
    await agent.close();
  }
});

Deno.test("e2e: -h reads like Consul's help, on stdout, exit 0", async () => {
  const r = await runCli(["-h"]);
  assertEquals(r.code, 0);
  assertStringIncludes(r.stdout, "Usage: connect-envoy");
  assertStringIncludes(r.stdout, "HTTP API Options");
  assertStringIncludes(r.stdout, "Command Options");
  assertStringIncludes(r.stdout, "-sidecar-for");
  assert(!r.stdout.includes("\t"), "no TABs");
});

Deno.test("e2e: the acceptance error paths give one clear line and exit 1", async (t) => {
  const spec = demoSpec();
  spec.services!["bad-json-proxy"] = {
    Kind: "connect-proxy",
    ID: "bad-json-proxy",
    Service: "bad-json-proxy",
    Port: 21001,
    Proxy: {
      DestinationServiceName: "web",
      DestinationServiceID: "web",
      Config: { envoy_extra_static_clusters_json: '{"name": "x",' },
    },
  };
  const agent = await startFakeAgent(spec);
  // A port nothing listens on: bind then close a listener.
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const deadPort = (l.addr as Deno.NetAddr).port;
  l.close();
  try {
    const cases: { name: string; args: string[]; env?: Record<string, string>; mention: string }[] =
      [
        {
          name: "wrong flag",
          args: ["-bootstrap", "-sidecar-fro", "web"],
          mention: "flag provided but not defined: -sidecar-fro",
        },
        {
          name: "unreachable agent",
          args: ["-bootstrap", "-sidecar-for", "web"],
          env: { CONSUL_HTTP_ADDR: `127.0.0.1:${deadPort}` },
          mention: `127.0.0.1:${deadPort}`,
        },
        {
          name: "missing CA file",
          args: ["-bootstrap", "-sidecar-for", "web", "-ca-file", "/nonexistent/ca.pem"],
          mention: "/nonexistent/ca.pem",
        },
        { name: "unknown proxy ID", args: ["-bootstrap", "-proxy-id", "nope"], mention: "nope" },
        {
          name: "malformed envoy_extra_static_clusters_json",
          args: ["-bootstrap", "-proxy-id", "bad-json-proxy"],
          mention: "envoy_extra_static_clusters_json",
        },
      ];
    for (const c of cases) {
      await t.step(c.name, async () => {
        const r = await runCli(c.args, {
          CONSUL_HTTP_ADDR: agent.addr,
          CONSUL_HTTP_TOKEN: "s3cret-token",
          ...c.env,
        });
        assertCleanFailure(r, { mention: c.mention });
        assert(!r.stderr.includes("s3cret-token"), "token leaked");
      });
    }
  } finally {
    await agent.close();
  }
});

Deno.test("e2e: the xDS dial warning comes before an -admin-bind or CA error, as in Consul", async (t) => {
  const agent = await startFakeAgent(demoSpec());
  try {
    const cases = [
      {
        flags: ["-admin-bind", "nohostport"],
        error:
          `invalid -admin-bind "nohostport": missing port; want host:port, e.g. 127.0.0.1:19000`,
      },
      { flags: ["-grpc-ca-file", "/nonexistent"], error: "Error loading from /nonexistent: " },
    ];
    for (const c of cases) {
      await t.step(c.flags.join(" "), async () => {
        const r = await runCli(
          ["-sidecar-for", "web", "-grpc-addr", "127.0.0.1:1", ...c.flags],
          { CONSUL_HTTP_ADDR: agent.addr },
        );
        assertEquals(r.code, 1, r.stderr);
        assertEquals(r.stdout, "");
        const lines = r.stderr.trimEnd().split("\n");
        assertEquals(lines.length, 2, r.stderr);
        assertEquals(
          lines[0],
          "There was an error dialing the xDS address: dial 127.0.0.1:1: connect: connection refused",
        );
        assertStringIncludes(lines[1], c.error);
      });
    }
  } finally {
    await agent.close();
  }
});
