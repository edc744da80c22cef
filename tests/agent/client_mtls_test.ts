/**
 * `node:tls` paths against TLS servers the fake agent cannot play: a server
 * that requires a client certificate (TCP and unix socket), and a
 * certificate for a DNS name reached over a unix socket with a server name.
 */
import { assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import { httpConfig } from "../helpers/http_config.ts";
import { tlsFixtures } from "../helpers/tls_fixtures.ts";
import { createAgentClient } from "../../src/agent/client.ts";
import type { HttpConfig } from "../../src/agent/config.ts";
import { AgentRequestError } from "../../src/agent/types.ts";
import { bytes, type RawServer, startRawServer } from "./raw_server.ts";

const f = await tlsFixtures();
const OK = () => [bytes('HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{"Config":{}}')];

async function serve(
  listen: "tcp" | "unix",
  cert: "ip" | "dns",
  clientCa: boolean,
  fn: (over: Partial<HttpConfig>, s: RawServer) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const sock = `${dir}/tls.sock`;
  const server = await startRawServer({
    answer: OK,
    unixSocket: listen === "unix" ? sock : undefined,
    tls: {
      cert: await Deno.readTextFile(cert === "ip" ? f.ipCert : f.serverCert),
      key: await Deno.readTextFile(cert === "ip" ? f.ipKey : f.serverKey),
      clientCa: clientCa ? await Deno.readTextFile(f.caCert) : undefined,
    },
  });
  const over: Partial<HttpConfig> = listen === "unix"
    ? { unixSocket: sock, hostPort: "" }
    : { hostPort: server.addr };
  try {
    await fn({ scheme: "https", caFile: f.caCert, ...over }, server);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
}

async function self(config: HttpConfig) {
  const c = await createAgentClient(config, { connectTimeoutMs: 3000, requestTimeoutMs: 5000 });
  try {
    return await c.self();
  } finally {
    await c.close();
  }
}

for (const listen of ["tcp", "unix"] as const) {
  Deno.test(`mTLS over ${listen}: the client certificate is presented; without it, a clear error`, async () => {
    await serve(listen, "ip", true, async (over) => {
      const name = listen === "unix" ? { tlsServerName: "127.0.0.1" } : {};
      const withCert = httpConfig("", {
        ...over,
        ...name,
        clientCert: f.clientCert,
        clientKey: f.clientKey,
      });
      assertEquals(await self(withCert), { Config: {} });
      const e = await assertRejects(
        () => self(httpConfig("", { ...over, ...name })),
        AgentRequestError,
      );
      assertStringIncludes(e.message, listen === "unix" ? "unix " : "tcp ");
      assertStringIncludes(e.message, "-client-cert");
      assertEquals(e.message.includes("\n"), false);
    });
  });
}

Deno.test("https over a unix socket: -tls-server-name picks the verification name", async () => {
  await serve("unix", "dns", false, async (over) => {
    assertEquals(await self(httpConfig("", { ...over, tlsServerName: "consul.test" })), {
      Config: {},
    });
    const e = await assertRejects(() => self(httpConfig("", over)), AgentRequestError);
    assertStringIncludes(e.message, "not valid for localhost");
    assertStringIncludes(e.message, "-tls-server-name");
  });
});
