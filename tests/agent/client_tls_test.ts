/**
 * The agent client over HTTPS against the fake agent: custom CA, SNI /
 * verification-name override, verification off, client certificates, system
 * roots (Deno.startTls path), and TLS failures. Certificates are generated with
 * `openssl` by `tests/helpers/tls_fixtures.ts`.
 */
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import { httpConfig } from "../helpers/http_config.ts";
import { tlsFixtures } from "../helpers/tls_fixtures.ts";
import { createAgentClient } from "../../src/agent/client.ts";
import { transportKind } from "../../src/agent/endpoint.ts";
import type { HttpConfig } from "../../src/agent/config.ts";
import { AgentRequestError } from "../../src/agent/types.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";

const TOKEN = "tls-s3cret-token";
const f = await tlsFixtures();

async function selfOver(
  certFile: string,
  keyFile: string,
  over: (port: number) => Partial<HttpConfig>,
) {
  const agent = await startFakeAgent({ tls: { certFile, keyFile } });
  try {
    const c = await createAgentClient(
      httpConfig(agent.addr, { scheme: "https", token: TOKEN, ...over(agent.port) }),
      { connectTimeoutMs: 2000, requestTimeoutMs: 5000 },
    );
    try {
      return {
        result: await c.self().then((v) => ({ ok: v }), (e) => ({ err: e as Error })),
        agent,
      };
    } finally {
      await c.close();
    }
  } finally {
    await agent.close();
  }
}

Deno.test("https: succeeds exactly when the certificate is trusted and the name matches", async (t) => {
  const cases: {
    name: string;
    cert: "dns" | "ip";
    over: Partial<HttpConfig>;
    ok: boolean;
    error?: string;
  }[] = [
    { name: "custom CA, IP cert", cert: "ip", over: { caFile: f.caCert }, ok: true },
    { name: "CA path (dir), IP cert", cert: "ip", over: { caPath: f.dir + "/capath" }, ok: true },
    {
      name: "custom CA + SNI name",
      cert: "dns",
      over: { caFile: f.caCert, tlsServerName: "consul.test" },
      ok: true,
    },
    {
      name: "custom CA, name mismatch",
      cert: "dns",
      over: { caFile: f.caCert },
      ok: false,
      error: "TLS certificate verification failed",
    },
    {
      name: "wrong SNI name",
      cert: "dns",
      over: { caFile: f.caCert, tlsServerName: "other.test" },
      ok: false,
      error: "TLS certificate verification failed",
    },
    {
      name: "other CA only (custom CA replaces the roots)",
      cert: "ip",
      over: { caFile: f.otherCaCert },
      ok: false,
      error: "TLS certificate verification failed",
    },
    {
      name: "system roots (Deno.startTls path)",
      cert: "ip",
      over: {},
      ok: false,
      error: "TLS certificate verification failed",
    },
    { name: "verification off", cert: "dns", over: { insecureSkipVerify: true }, ok: true },
    {
      name: "client certificate presented",
      cert: "ip",
      over: { caFile: f.caCert, clientCert: f.clientCert, clientKey: f.clientKey },
      ok: true,
    },
  ];
  await Deno.mkdir(f.dir + "/capath/sub", { recursive: true });
  await Deno.copyFile(f.caCert, f.dir + "/capath/sub/ca.pem");
  for (const k of cases) {
    await t.step(k.name, async () => {
      const [cert, key] = k.cert === "ip" ? [f.ipCert, f.ipKey] : [f.serverCert, f.serverKey];
      const { result, agent } = await selfOver(cert, key, () => k.over);
      if (k.ok) {
        assert("ok" in result, `expected success, got ${"err" in result && result.err.message}`);
        assertEquals(agent.requests[0].token, TOKEN);
      } else {
        assert("err" in result, "expected a failure");
        const err = result.err;
        assert(err instanceof AgentRequestError, err.message);
        assertStringIncludes(err.message, `Get "https://${agent.addr}/v1/agent/self": `);
        assertStringIncludes(err.message, k.error!);
        assert(!err.message.includes(TOKEN), "token leaked");
        assert(!err.message.includes("\n"), "one line");
      }
    });
  }
});

Deno.test("https: an empty CA path trusts nothing", async () => {
  const empty = await Deno.makeTempDir();
  try {
    const { result } = await selfOver(f.ipCert, f.ipKey, () => ({ caPath: empty }));
    assert("err" in result);
    assertStringIncludes(result.err.message, "TLS certificate verification failed");
  } finally {
    await Deno.remove(empty);
  }
});

Deno.test("https over a unix socket with verification name", async () => {
  const dir = await Deno.makeTempDir();
  const sock = `${dir}/tls.sock`;
  // Deno.serve's unix listener is plain HTTP: a TLS client must fail cleanly there.
  const agent = await startFakeAgent({ unixSocket: sock, unixOnly: true });
  try {
    const c = await createAgentClient(
      httpConfig("", { scheme: "https", unixSocket: sock, caFile: f.caCert }),
      { connectTimeoutMs: 2000, requestTimeoutMs: 2000 },
    );
    try {
      const err = await assertRejects(() => c.self(), AgentRequestError);
      assertStringIncludes(err.message, 'Get "https://localhost/v1/agent/self": ');
      assert(!err.message.includes("\n"));
    } finally {
      await c.close();
    }
  } finally {
    await agent.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("transport choice: Deno.connect for http, Deno.startTls for default roots or a CA alone, node:tls for the rest", () => {
  const base = httpConfig("h:1");
  const cases: [string, Partial<HttpConfig>, { ca?: string[]; cert?: string }, string][] = [
    ["plain http", {}, {}, "plain"],
    ["http with CA loaded (ignored)", { caFile: "x" }, { ca: ["pem"] }, "plain"],
    ["unix http", { unixSocket: "/s" }, {}, "plain"],
    ["https system roots", { scheme: "https" }, {}, "native-tls"],
    ["https SNI, system roots", { scheme: "https", tlsServerName: "n" }, {}, "native-tls"],
    ["https custom CA", { scheme: "https" }, { ca: ["pem"] }, "native-ca"],
    ["https custom CA + SNI", { scheme: "https", tlsServerName: "n" }, { ca: ["p"] }, "native-ca"],
    ["https empty CA path", { scheme: "https" }, { ca: [] }, "node-tls"],
    ["https CA + client cert", { scheme: "https" }, { ca: ["p"], cert: "c" }, "node-tls"],
    [
      "https CA, insecure",
      { scheme: "https", insecureSkipVerify: true },
      { ca: ["p"] },
      "node-tls",
    ],
    ["https CA, unix", { scheme: "https", unixSocket: "/s" }, { ca: ["p"] }, "node-tls"],
    ["https client cert", { scheme: "https" }, { cert: "c" }, "node-tls"],
    ["https insecure", { scheme: "https", insecureSkipVerify: true }, {}, "node-tls"],
    ["https unix", { scheme: "https", unixSocket: "/s" }, {}, "node-tls"],
  ];
  for (const [name, over, tls, want] of cases) {
    assertEquals(transportKind({ ...base, ...over }, tls), want, name);
  }
});

Deno.test("https (node:tls path): request timeout and body cap", async () => {
  const agent = await startFakeAgent({
    tls: { certFile: f.ipCert, keyFile: f.ipKey },
    failWith: {
      "/v1/agent/self": { status: 200, body: "{}", delayMs: 3000 },
      "/v1/agent/services": { status: 200, body: "y".repeat(300_000) },
    },
  });
  try {
    const c = await createAgentClient(
      httpConfig(agent.addr, { scheme: "https", caFile: f.caCert, token: TOKEN }),
      { requestTimeoutMs: 200, maxBodyBytes: 100_000 },
    );
    try {
      const t0 = performance.now();
      const slow = await assertRejects(() => c.self(), AgentRequestError);
      assertEquals(
        slow.message,
        `Get "https://${agent.addr}/v1/agent/self": tcp ${agent.addr}: timed out after 200ms`,
      );
      assert(performance.now() - t0 < 2000);
      const big = await assertRejects(() => c.services(), AgentRequestError);
      assertEquals(
        big.message,
        `Get "https://${agent.addr}/v1/agent/services": tcp ${agent.addr}: response body larger than 100000 bytes`,
      );
    } finally {
      await c.close();
    }
  } finally {
    await agent.close();
  }
});
