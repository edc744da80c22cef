import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { tlsFixtures } from "../helpers/tls_fixtures.ts";
import { listenProbe, tlsHandshake } from "../../src/doctor/probes.ts";

/** A TLS server on 127.0.0.1 that completes handshakes and closes. */
async function tlsServer(certFile: string, keyFile: string) {
  const listener = Deno.listenTls({
    hostname: "127.0.0.1",
    port: 0,
    cert: await Deno.readTextFile(certFile),
    key: await Deno.readTextFile(keyFile),
  });
  const serving = (async () => {
    for await (const conn of listener) {
      conn.handshake().catch(() => {}).finally(() => {
        try {
          conn.close();
        } catch {
          // already closed by the peer
        }
      });
    }
  })().catch(() => {});
  return {
    port: String((listener.addr as Deno.NetAddr).port),
    async close() {
      listener.close();
      await serving;
    },
  };
}

Deno.test({
  name: "tlsHandshake: trusts only the given CA, and does not match the host name",
  ignore: Deno.build.os === "windows",
  async fn() {
    const f = await tlsFixtures();
    // The DNS-name certificate reached by IP: chain checked, host name not (as Envoy does here).
    const server = await tlsServer(f.serverCert, f.serverKey);
    try {
      const place = { host: "127.0.0.1", port: server.port };
      assertEquals(await tlsHandshake(place, await Deno.readTextFile(f.caCert)), undefined);
      const wrong = await tlsHandshake(place, await Deno.readTextFile(f.otherCaCert));
      assert(wrong !== undefined, "handshake with another CA succeeded");
      assertStringIncludes(wrong.toLowerCase(), "certificate");
    } finally {
      await server.close();
    }
  },
});

Deno.test("tlsHandshake: a closed port is an error, not a hang", async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = String((l.addr as Deno.NetAddr).port);
  l.close();
  const error = await tlsHandshake({ host: "127.0.0.1", port }, "", 2000);
  assertEquals(error, "connect: connection refused");
});

Deno.test("listenProbe: free, then in use while something listens", () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = String((l.addr as Deno.NetAddr).port);
  const busy = listenProbe("127.0.0.1", port);
  assertEquals(busy?.inUse, true);
  l.close();
  assertEquals(listenProbe("127.0.0.1", port), undefined);
});
