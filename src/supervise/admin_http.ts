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
import { secondsText } from "../units.ts";
import { encodeRequest, ResponseReader } from "../agent/http1.ts";

/** An admin API answer. */
export interface AdminResponse {
  status: number;
  body: string;
}

/** Sends one admin request; rejects with a one-line reason. */
export type AdminCall = (method: "GET" | "POST", path: string) => Promise<AdminResponse>;

/** Largest answer read (the admin endpoints used answer a few bytes). */
export const MAX_ADMIN_RESPONSE_BYTES = 64 * 1024;

/** Parse a complete `Connection: close` answer with the agent client's HTTP/1.1 reader. */
export function parseResponse(raw: Uint8Array, method = "GET"): AdminResponse {
  const reader = new ResponseReader(MAX_ADMIN_RESPONSE_BYTES, method);
  if (!reader.feed(raw)) reader.finish();
  const { status, body } = reader.response();
  return { status, body: new TextDecoder().decode(body) };
}

function readAll(conn: Deno.Conn): Promise<Uint8Array> {
  return readCapped(conn, MAX_ADMIN_RESPONSE_BYTES, () => new Error("answer too large"), 4096);
}

async function exchange(
  host: string,
  port: number,
  method: string,
  request: Uint8Array,
  signal: AbortSignal,
) {
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
    for (let off = 0; off < request.length;) off += await conn.write(request.subarray(off));
    return parseResponse(await readAll(conn), method);
  } finally {
    signal.removeEventListener("abort", onAbort);
    onAbort();
  }
}

/** An {@linkcode AdminCall} for Envoy's admin API at `host:port`. */
export function adminClient(host: string, port: number, timeoutMs = 5_000): AdminCall {
  return async (method, path) => {
    const request = encodeRequest(method, path, { Host: joinHostPort(host, port) }, "");
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      return await exchange(host, port, method, request, signal);
    } catch (err) {
      if (signal.aborted) throw new Error(`no answer within ${secondsText(timeoutMs)}`);
      throw err instanceof Error ? new Error(err.message.split("\n")[0]) : err;
    }
  };
}
