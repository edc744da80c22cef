/**
 * `doctor()` in process against the project's fake agent: gateways,
 * `-register` (never registers), xDS over TLS with the inlined CA, a token
 * read from a file kept out of the report.
 */

import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { tlsFixtures } from "../helpers/tls_fixtures.ts";
import { type FakeAgentSpec, startFakeAgent } from "../../scripts/fake_agent.ts";
import { doctor } from "../../src/doctor/mod.ts";
import { memoryIo } from "../helpers/memory_io.ts";
import type { JsonCheck } from "./harness.ts";

const TOKEN = "0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9";

const GATEWAY: FakeAgentSpec = {
  services: {
    "mesh-gateway": {
      Kind: "mesh-gateway",
      ID: "mesh-gateway",
      Service: "mesh-gateway",
      Port: 8443,
      Proxy: { Config: {}, MeshGateway: {}, Expose: {} },
      Datacenter: "dc1",
    },
  },
  acl: { enabled: true, tokens: [TOKEN] },
};

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function run(spec: FakeAgentSpec, args: string[], env: Record<string, string> = {}) {
  const xds = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepting = (async () => {
    for await (const c of xds) c.close();
  })().catch(() => {});
  const agent = await startFakeAgent({
    ...spec,
    self: {
      Config: { Datacenter: "dc1", NodeName: "n1" },
      xDS: { Ports: { Plaintext: (xds.addr as Deno.NetAddr).port, TLS: 0 } },
    },
  });
  const io = memoryIo();
  try {
    const code = await doctor(
      ["-format", "json", "-admin-bind", `127.0.0.1:${freePort()}`, ...args],
      {
        env: { CONSUL_HTTP_ADDR: agent.addr, CONSUL_HTTP_TOKEN: TOKEN, PATH: "", ...env },
        io,
        os: "linux",
      },
    );
    const checks = new Map<string, JsonCheck>();
    for (const c of JSON.parse(io.out).checks as JsonCheck[]) checks.set(c.id, c);
    return { code, checks, out: io.out, err: io.err, requests: agent.requests };
  } finally {
    xds.close();
    await accepting;
    await agent.close();
  }
}

Deno.test("doctor: a mesh gateway looked up by kind; its own service is the one checked", async () => {
  const r = await run(GATEWAY, ["-gateway", "mesh"]);
  assertEquals(r.checks.get("service")?.status, "pass");
  assertStringIncludes(
    r.checks.get("service")!.message,
    'mesh-gateway (mesh-gateway) for service "mesh-gateway"',
  );
  assertStringIncludes(r.checks.get("acl-service-write")!.message, '"mesh-gateway"');
  assertStringIncludes(r.checks.get("intentions")!.message, "no upstream services");
  assertEquals(r.checks.get("bootstrap")?.status, "pass");
  assertEquals(r.checks.get("envoy-binary")?.status, "warn");
  assertEquals(r.code, 0, r.out);
});

Deno.test("doctor: -register never registers; an unregistered gateway only warns", async () => {
  const r = await run(
    { acl: { enabled: true, tokens: [TOKEN] }, registerAdds: true },
    ["-gateway", "mesh", "-register", "-service", "gw-east"],
  );
  assertEquals(r.checks.get("service")?.status, "warn");
  assertStringIncludes(r.checks.get("service")!.hint, "-register");
  assertEquals(r.checks.get("bootstrap")?.status, "skip");
  assertStringIncludes(r.checks.get("acl-service-write")!.message, '"gw-east"');
  assertEquals(r.requests.some((q) => q.method === "PUT"), false);
  assertEquals(r.code, 0, r.out);
});

Deno.test({
  name: "doctor: xDS over TLS is checked with the CA the bootstrap inlines, and only that CA",
  ignore: Deno.build.os === "windows",
  async fn() {
    const f = await tlsFixtures();
    const listener = Deno.listenTls({
      hostname: "127.0.0.1",
      port: 0,
      cert: await Deno.readTextFile(f.ipCert),
      key: await Deno.readTextFile(f.ipKey),
    });
    const serving = (async () => {
      for await (const c of listener) c.handshake().catch(() => {}).finally(() => c.close());
    })().catch(() => {});
    const addr = `https://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`;
    const services = (await import("../../scripts/fixtures/doctor/healthy.json", {
      with: { type: "json" },
    })).default.services;
    try {
      const good = await run({ services }, [
        "-sidecar-for",
        "web",
        "-grpc-addr",
        addr,
        "-grpc-ca-file",
        f.caCert,
      ]);
      assertEquals(good.checks.get("xds")?.status, "pass", good.out);
      assertStringIncludes(
        good.checks.get("xds")!.message,
        `TLS handshake verified with the CA from ${f.caCert}`,
      );
      const bad = await run({ services }, [
        "-sidecar-for",
        "web",
        "-grpc-addr",
        addr,
        "-grpc-ca-file",
        f.otherCaCert,
      ]);
      assertEquals(bad.checks.get("xds")?.status, "fail");
      assertStringIncludes(bad.checks.get("xds")!.hint, "-grpc-ca-file");
      const none = await run({ services }, ["-sidecar-for", "web", "-grpc-addr", addr]);
      assertEquals(none.checks.get("xds")?.status, "fail");
      assertStringIncludes(none.checks.get("xds")!.message, "no CA certificates");
      assertEquals(none.checks.get("bootstrap")?.status, "fail");
    } finally {
      listener.close();
      await serving;
    }
  },
});

Deno.test("doctor: a token read from a file is redacted wherever the agent echoes it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/token`, `${TOKEN}\n`);
    const r = await run(
      {
        ...GATEWAY,
        failWith: { "/v1/agent/connect/ca/roots": { status: 500, body: `bad token ${TOKEN}` } },
      },
      ["-gateway", "mesh", "-token-file", `${dir}/token`],
      { CONSUL_HTTP_TOKEN: "" },
    );
    assertEquals(r.checks.get("ca-roots")?.message.includes("bad token <redacted>"), true);
    assert(!r.out.includes(TOKEN) && !r.err.includes(TOKEN));
    assertEquals(r.code, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("doctor: agent down but -grpc-addr given: xds is still checked", async () => {
  const xds = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepting = (async () => {
    for await (const c of xds) c.close();
  })().catch(() => {});
  const io = memoryIo();
  try {
    const code = await doctor([
      "-format=json",
      "-sidecar-for=web",
      `-grpc-addr=127.0.0.1:${(xds.addr as Deno.NetAddr).port}`,
      `-admin-bind=127.0.0.1:${freePort()}`,
    ], { env: { CONSUL_HTTP_ADDR: `127.0.0.1:${freePort()}`, PATH: "" }, io, os: "linux" });
    const checks = new Map<string, JsonCheck>();
    for (const c of JSON.parse(io.out).checks as JsonCheck[]) checks.set(c.id, c);
    assertEquals(code, 1);
    assertEquals(checks.get("agent")?.status, "fail");
    assertEquals(checks.get("xds")?.status, "pass");
    assertStringIncludes(checks.get("xds")!.message, "from -grpc-addr");
    assertEquals(checks.get("service")?.status, "skip");
    assertStringIncludes(checks.get("service")!.message, "not reachable");
  } finally {
    xds.close();
    await accepting;
  }
});

Deno.test("doctor -h prints the doctor's usage and exits 0", async () => {
  const io = memoryIo();
  const code = await doctor(["-h"], { env: {}, io, os: "linux" });
  assertEquals(code, 0);
  assert(io.out.startsWith("Usage: connect-envoy doctor [options]"));
  assertStringIncludes(io.out, "-format");
  assertEquals(io.err, "");
});
