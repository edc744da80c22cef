/**
 * A minimal HTTP/1.1 client for Envoy's admin API on a plain TCP address:
 * one request per connection (`Connection: close`), a hard time limit and
 * a bounded answer. Built on `Deno.connect` rather than `fetch` so that
 * proxy variables (`HTTP_PROXY`, …) in the environment can never divert a
 * loopback admin call.
 *
 * @module
 */

import { joinHostPort } from "../go/net_ip.ts";
import { readCapped } from "../bytes.ts";

/** An admin API answer. */
export interface AdminResponse {
  status: number;
  body: string;
}

/** Sends one admin request; rejects with a one-line reason. */
export type AdminCall = (method: "GET" | "POST", path: string) => Promise<AdminResponse>;

/** Largest answer read (the admin endpoints used answer a few bytes). */
export const MAX_ADMIN_RESPONSE_BYTES = 64 * 1024;

function decodeChunked(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  const text = new TextDecoder("latin1").decode(bytes);
  let i = 0;
  for (;;) {
    const eol = text.indexOf("\r\n", i);
    if (eol < 0) break;
    const size = parseInt(text.slice(i, eol).split(";")[0], 16);
    if (!Number.isFinite(size) || size <= 0) break;
    for (let k = 0; k < size && eol + 2 + k < bytes.length; k++) out.push(bytes[eol + 2 + k]);
    i = eol + 2 + size + 2;
  }
  return new Uint8Array(out);
}

/** Parse a complete `Connection: close` answer. */
export function parseResponse(raw: Uint8Array): AdminResponse {
  const text = new TextDecoder("latin1").decode(raw);
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) throw new Error("incomplete HTTP answer");
  const [statusLine, ...headers] = text.slice(0, end).split("\r\n");
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (m === null) throw new Error(`not an HTTP answer: ${JSON.stringify(statusLine.slice(0, 40))}`);
  const chunked = headers.some((h) => /^transfer-encoding:\s*chunked\s*$/i.test(h));
  const rest = raw.subarray(end + 4);
  const body = chunked ? decodeChunked(rest) : rest;
  return { status: Number(m[1]), body: new TextDecoder().decode(body) };
}

function readAll(conn: Deno.Conn): Promise<Uint8Array> {
  return readCapped(conn, MAX_ADMIN_RESPONSE_BYTES, () => new Error("answer too large"), 4096);
}

async function exchange(host: string, port: number, request: string, signal: AbortSignal) {
  const conn = await Deno.connect({ hostname: host, port, signal });
  const onAbort = () => {
    try {
      conn.close();
    } catch {
      // already closed
    }
  };
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const data = new TextEncoder().encode(request);
    for (let off = 0; off < data.length;) off += await conn.write(data.subarray(off));
    return parseResponse(await readAll(conn));
  } finally {
    signal.removeEventListener("abort", onAbort);
    onAbort();
  }
}

/** An {@linkcode AdminCall} for Envoy's admin API at `host:port`. */
export function adminClient(host: string, port: number, timeoutMs = 5_000): AdminCall {
  return async (method, path) => {
    const request = `${method} ${path} HTTP/1.1\r\nHost: ${joinHostPort(host, port)}\r\n` +
      "Connection: close\r\nContent-Length: 0\r\n\r\n";
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      return await exchange(host, port, request, signal);
    } catch (err) {
      if (signal.aborted) throw new Error(`no answer within ${timeoutMs / 1000}s`);
      throw err instanceof Error ? new Error(err.message.split("\n")[0]) : err;
    }
  };
}
