import { assert, assertEquals, assertRejects } from "../helpers/assert.ts";
import { adminClient, parseResponse } from "../../src/supervise/admin_http.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

Deno.test("parseResponse: plain and chunked bodies", () => {
  assertEquals(parseResponse(bytes("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nLIVE\n")), {
    status: 200,
    body: "LIVE\n",
  });
  assertEquals(
    parseResponse(
      bytes(
        "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n" +
          "5\r\nDRAIN\r\n4\r\nING\n\r\n0\r\n\r\n",
      ),
    ),
    { status: 503, body: "DRAINING\n" },
  );
});

Deno.test("parseResponse: garbage is an error, not a status", () => {
  for (const bad of ["", "HTTP/1.1 200 OK\r\n", "SSH-2.0-OpenSSH\r\n\r\n"]) {
    let threw = false;
    try {
      parseResponse(bytes(bad));
    } catch {
      threw = true;
    }
    assert(threw, JSON.stringify(bad));
  }
});

Deno.test("adminClient: POSTs the path and query as given, ignoring proxy settings", async () => {
  const seen: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const u = new URL(req.url);
    seen.push(`${req.method} ${u.pathname}${u.search}`);
    return new Response(u.pathname === "/ready" ? "LIVE\n" : "OK\n");
  });
  try {
    const call = adminClient("127.0.0.1", server.addr.port);
    const r = await call("POST", "/drain_listeners?inboundonly&graceful&skip_exit");
    assertEquals(r, { status: 200, body: "OK\n" });
    assertEquals((await call("GET", "/ready")).body, "LIVE\n");
    assertEquals(seen, ["POST /drain_listeners?inboundonly&graceful&skip_exit", "GET /ready"]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("adminClient: a refused connection and a silent server fail with one line", async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  // Accept but never answer.
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const c of l) held.push(c);
  })();
  try {
    const err = await assertRejects(() => adminClient("127.0.0.1", port, 200)("POST", "/x"));
    assertEquals(err.message, "no answer within 0.2s");
  } finally {
    l.close();
    await accepting.catch(() => {});
    for (const c of held) c.close();
  }
  const err = await assertRejects(() => adminClient("127.0.0.1", port, 1000)("POST", "/x"));
  assert(!err.message.includes("\n"), err.message);
});
