/**
 * The HTTP/1.1 response reader against a table of raw responses (RFC 9112
 * framing, interim answers, strictness, caps): fed whole, fed one byte at a
 * time, and replayed by a socket server that keeps the connection open
 * through the real client, which must finish without waiting for a close.
 */
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import { httpConfig } from "../helpers/http_config.ts";
import { ResponseReader } from "../../src/agent/http1.ts";
import { createAgentClient } from "../../src/agent/client.ts";
import { bytes, startRawServer } from "./raw_server.ts";

interface Case {
  name: string;
  raw: string;
  /** Expected status and body, or a text the error must contain. */
  want: { status: number; body: string } | { error: string };
  /** The server closes after answering (EOF-delimited bodies, truncation). */
  close?: boolean;
}

const OK = "HTTP/1.1 200 OK\r\n";
const CHUNKED = "Transfer-Encoding: chunked\r\n";

const CASES: Case[] = [
  { name: "Content-Length", raw: `${OK}Content-Length: 2\r\n\r\n{}`, want: ok("{}") },
  { name: "Content-Length 0", raw: `${OK}Content-Length: 0\r\n\r\n`, want: ok("") },
  { name: "chunked", raw: `${OK}${CHUNKED}\r\n1\r\n{\r\n1\r\n}\r\n0\r\n\r\n`, want: ok("{}") },
  {
    name: "chunked, upper/lower hex and leading zeros",
    raw: `${OK}${CHUNKED}\r\nA\r\n{"a":"xxx"\r\n00001\r\n}\r\n0\r\n\r\n`,
    want: ok('{"a":"xxx"}'),
  },
  {
    name: "chunk extensions ignored",
    raw: `${OK}${CHUNKED}\r\n2;name=value ; q="x"\r\n{}\r\n0;last\r\n\r\n`,
    want: ok("{}"),
  },
  {
    name: "trailers ignored",
    raw: `${OK}${CHUNKED}\r\n2\r\n{}\r\n0\r\nX-Trailer: 1\r\nX-Other: 2\r\n\r\n`,
    want: ok("{}"),
  },
  {
    name: "chunked wins over Content-Length",
    raw: `${OK}Content-Length: 100\r\n${CHUNKED}\r\n2\r\n{}\r\n0\r\n\r\n`,
    want: ok("{}"),
  },
  {
    name: "transfer coding name is case-insensitive",
    raw: `${OK}Transfer-Encoding: Chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    want: ok("{}"),
  },
  {
    name: "100 Continue skipped",
    raw: `HTTP/1.1 100 Continue\r\n\r\n${OK}Content-Length: 2\r\n\r\n{}`,
    want: ok("{}"),
  },
  {
    name: "several interim answers with headers",
    raw:
      `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n${OK}Content-Length: 2\r\n\r\n{}`,
    want: ok("{}"),
  },
  { name: "bare LF line ends", raw: "HTTP/1.1 200 OK\nContent-Length: 2\n\n{}", want: ok("{}") },
  { name: "no reason phrase", raw: "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\n{}", want: ok("{}") },
  { name: "HTTP/1.0", raw: "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}", want: ok("{}") },
  {
    name: "repeated equal Content-Length",
    raw: `${OK}Content-Length: 2\r\nContent-Length: 2, 2\r\n\r\n{}`,
    want: ok("{}"),
  },
  {
    name: "obsolete header folding joined",
    raw: `${OK}X-Long: a\r\n  b\r\nContent-Length: 2\r\n\r\n{}`,
    want: ok("{}"),
  },
  { name: "EOF-delimited body", raw: `${OK}\r\n{"a":1}`, want: ok('{"a":1}'), close: true },
  { name: "204 has no body", raw: "HTTP/1.1 204 No Content\r\n\r\n", want: status(204) },
  {
    name: "304 ignores Content-Length",
    raw: "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n",
    want: status(304),
  },
  // Errors.
  { name: "4-digit status", raw: "HTTP/1.1 2000 OK\r\n\r\n", want: err("malformed HTTP response") },
  { name: "2-digit status", raw: "HTTP/1.1 20 OK\r\n\r\n", want: err("malformed HTTP response") },
  { name: "HTTP/2 status line", raw: "HTTP/2 200\r\n\r\n", want: err("malformed HTTP response") },
  { name: "not HTTP", raw: "SSH-2.0-OpenSSH\r\n\r\n", want: err("malformed HTTP response") },
  {
    name: "header line without colon",
    raw: `${OK}Content-Length 2\r\n\r\n{}`,
    want: err("malformed MIME header line"),
  },
  {
    name: "conflicting Content-Length",
    raw: `${OK}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x`,
    want: err("multiple Content-Length"),
  },
  {
    name: "conflicting Content-Length in one header",
    raw: `${OK}Content-Length: 2, 3\r\n\r\n{}x`,
    want: err("multiple Content-Length"),
  },
  {
    name: "signed Content-Length",
    raw: `${OK}Content-Length: +2\r\n\r\n{}`,
    want: err("bad Content-Length"),
  },
  {
    name: "0x chunk size",
    raw: `${OK}${CHUNKED}\r\n0x2\r\n{}\r\n0\r\n\r\n`,
    want: err("invalid chunk size"),
  },
  {
    name: "negative chunk size",
    raw: `${OK}${CHUNKED}\r\n-2\r\n{}\r\n0\r\n\r\n`,
    want: err("invalid chunk size"),
  },
  {
    name: "empty chunk size",
    raw: `${OK}${CHUNKED}\r\n\r\n{}\r\n0\r\n\r\n`,
    want: err("invalid chunk size"),
  },
  {
    name: "chunk data without CRLF",
    raw: `${OK}${CHUNKED}\r\n2\r\n{}XX0\r\n\r\n`,
    want: err("missing CRLF after chunk data"),
  },
  {
    name: "unsupported transfer coding",
    raw: `${OK}Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    want: err("unsupported transfer encoding"),
  },
  {
    name: "101 Switching Protocols",
    raw: "HTTP/1.1 101 Switching Protocols\r\n\r\n",
    want: err("unexpected 101"),
  },
  {
    name: "truncated Content-Length body",
    raw: `${OK}Content-Length: 10\r\n\r\n{}`,
    want: err("unexpected EOF"),
    close: true,
  },
  {
    name: "truncated chunked body",
    raw: `${OK}${CHUNKED}\r\n5\r\n{}`,
    want: err("unexpected EOF"),
    close: true,
  },
  { name: "closed without answer", raw: "", want: err("without a response"), close: true },
  {
    name: "declared body over the cap",
    raw: `${OK}Content-Length: 5000\r\n\r\n`,
    want: err("response body larger than 1000 bytes"),
  },
  {
    name: "chunked body over the cap",
    raw: `${OK}${CHUNKED}\r\n${"200\r\n" + "x".repeat(512) + "\r\n"}`.repeat(1) +
      ("200\r\n" + "x".repeat(512) + "\r\n"),
    want: err("response body larger than 1000 bytes"),
  },
  {
    name: "TLS record to a plain client",
    raw: "\x15\x03\x03\x00\x02\x02\x46\r\n\r\n",
    want: err("answered with TLS"),
  },
];

function ok(body: string) {
  return { status: 200, body };
}
function status(s: number) {
  return { status: s, body: "" };
}
function err(error: string) {
  return { error };
}

const CAP = 1000;

function readAll(raw: string, pieceSize: number, close: boolean) {
  const r = new ResponseReader(CAP);
  const b = bytes(raw);
  let done = false;
  for (let i = 0; i < b.length && !done; i += pieceSize) {
    done = r.feed(b.subarray(i, i + pieceSize));
  }
  if (!done && close) r.finish();
  const res = r.response();
  return { status: res.status, body: new TextDecoder().decode(res.body) };
}

Deno.test("ResponseReader: framing table, fed whole and one byte at a time", async (t) => {
  for (const c of CASES) {
    await t.step(c.name, () => {
      for (const piece of [1 << 20, 1, 3]) {
        if ("error" in c.want) {
          let msg = "";
          try {
            readAll(c.raw, piece, true);
          } catch (e) {
            msg = (e as Error).message;
          }
          assertStringIncludes(msg, c.want.error, `piece size ${piece}`);
        } else {
          assertEquals(readAll(c.raw, piece, c.close ?? false), c.want, `piece size ${piece}`);
        }
      }
    });
  }
});

Deno.test("client over a socket server that keeps the connection open: every framing case", async (t) => {
  for (const c of CASES) {
    await t.step(c.name, async () => {
      const server = await startRawServer({
        answer: () => [bytes(c.raw)],
        closeAfter: c.close ?? false,
      });
      const client = await createAgentClient(httpConfig(server.addr), {
        requestTimeoutMs: 3000,
        maxBodyBytes: CAP,
      });
      const t0 = performance.now();
      try {
        const got = await client.tokenSelf().then(() => "ok", (e) => (e as Error).message);
        if ("error" in c.want) {
          assertStringIncludes(got, c.want.error);
          assertStringIncludes(got, server.addr);
          assert(!got.includes("\n") && !got.includes("\x15"), got);
        } else if (c.want.status === 200) {
          assertEquals(got, "ok");
        } else {
          assertStringIncludes(got, `Unexpected response code: ${c.want.status}`);
        }
        assert(performance.now() - t0 < 1500, `took ${performance.now() - t0} ms`);
      } finally {
        await client.close();
        await server.close();
      }
    });
  }
});

Deno.test("reader: memory stays bounded by the cap on a 2 MB body in 1-byte chunks", () => {
  const body = 2 * 1024 * 1024;
  const r = new ResponseReader(16 * 1024 * 1024);
  r.feed(bytes(`${OK}${CHUNKED}\r\n`));
  const piece = bytes("1\r\nx\r\n");
  for (let i = 0; i < body; i++) r.feed(piece);
  assert(r.feed(bytes("0\r\n\r\n")));
  const res = r.response();
  assertEquals(res.body.length, body);
  // one buffer, grown by doubling: at most twice the body
  assert(res.body.buffer.byteLength <= 2 * body);
});

Deno.test("client: a 200 after 100 Continue through the body cap stays a clear error", async () => {
  const server = await startRawServer({
    answer: () => [bytes(`HTTP/1.1 100 Continue\r\n\r\n${OK}Content-Length: 2000\r\n\r\n`)],
  });
  const client = await createAgentClient(httpConfig(server.addr), { maxBodyBytes: CAP });
  try {
    const e = await assertRejects(() => client.self());
    assertStringIncludes((e as Error).message, "larger than 1000 bytes");
  } finally {
    await client.close();
    await server.close();
  }
});
