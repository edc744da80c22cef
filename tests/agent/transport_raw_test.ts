import { assertEquals, assertThrows } from "../helpers/assert.ts";
import {
  decodeChunked,
  encodeRequest,
  parseResponse,
  tcpTarget,
} from "../../src/agent/transport_raw.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("tcpTarget: host, port, IPv6 brackets, default port, userinfo dropped", () => {
  assertEquals(tcpTarget("127.0.0.1:8500"), {
    kind: "tcp",
    hostname: "127.0.0.1",
    port: 8500,
    hostHeader: "127.0.0.1:8500",
  });
  assertEquals(tcpTarget("[::1]:8500"), {
    kind: "tcp",
    hostname: "::1",
    port: 8500,
    hostHeader: "[::1]:8500",
  });
  assertEquals(tcpTarget("consul.local"), {
    kind: "tcp",
    hostname: "consul.local",
    port: 80,
    hostHeader: "consul.local",
  });
  assertEquals(tcpTarget("u:p@h:1"), { kind: "tcp", hostname: "h", port: 1, hostHeader: "h:1" });
});

Deno.test("encodeRequest: request line, Host, headers, body length, Connection: close", () => {
  const bytes = encodeRequest(
    {
      method: "PUT",
      url: "http://h/x",
      path: "/v1/agent/service/register?ns=a",
      headers: { "X-Consul-Token": "t" },
      body: '{"é":1}',
    },
    "h:8500",
  );
  assertEquals(
    dec(bytes),
    'PUT /v1/agent/service/register?ns=a HTTP/1.1\r\nHost: h:8500\r\nX-Consul-Token: t\r\nContent-Length: 8\r\nConnection: close\r\n\r\n{"é":1}',
  );
});

Deno.test("encodeRequest: a header value with a line break is refused without echoing it", () => {
  const err = assertThrows(
    () =>
      encodeRequest({
        method: "GET",
        url: "u",
        path: "/",
        headers: { "X-Consul-Token": "a\r\nEvil: 1" },
      }, "h"),
    Error,
    "invalid value for header X-Consul-Token",
  );
  assertEquals(err.message.includes("Evil"), false);
});

Deno.test("parseResponse: content-length, chunked, read-to-EOF, incomplete and malformed", async (t) => {
  const cases: [string, string, boolean, { status: number; body: string } | undefined | "error"][] =
    [
      ["content-length", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", true, {
        status: 200,
        body: "{}",
      }],
      [
        "content-length, extra bytes ignored",
        "HTTP/1.1 404 Not Found\r\ncontent-length: 3\r\n\r\nabcdef",
        true,
        { status: 404, body: "abc" },
      ],
      [
        "chunked",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
        true,
        { status: 200, body: "abcde" },
      ],
      ["to EOF", "HTTP/1.0 500 Oops\r\n\r\nbroken", true, { status: 500, body: "broken" }],
      ["incomplete head, still reading", "HTTP/1.1 200 OK\r\nContent-Le", false, undefined],
      ["short body at EOF", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true, "error"],
      ["not HTTP", "SSH-2.0-OpenSSH\r\n\r\n", true, "error"],
      [
        "truncated chunked at EOF",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
        true,
        "error",
      ],
    ];
  for (const [name, raw, ended, want] of cases) {
    await t.step(name, () => {
      if (want === "error") assertThrows(() => parseResponse(enc(raw), ended), Error);
      else assertEquals(parseResponse(enc(raw), ended), want);
    });
  }
});

Deno.test("decodeChunked: incomplete input asks for more", () => {
  assertEquals(decodeChunked(enc("4\r\nab")), undefined);
  assertEquals(dec(decodeChunked(enc("1\r\na\r\n0\r\n\r\n"))!), "a");
});
