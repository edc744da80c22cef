/**
 * The transport contract under the agent client: send one HTTP request,
 * get back the status and the (size-capped) body text. Shared helpers turn
 * failures into one-line `AgentRequestError`s in Go's `Get "<url>": <reason>`
 * form. The URL never carries the token (it travels in a header only).
 *
 * @module
 */

import { AgentRequestError } from "./types.ts";

/** One request, fully built by the client. */
export interface TransportRequest {
  method: "GET" | "PUT" | "POST";
  /** Full URL (`http://localhost/...` for unix sockets); used in messages. */
  url: string;
  /** Path plus query, as sent on the request line. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** The answer: any status; body decoded as UTF-8. */
export interface TransportResponse {
  status: number;
  body: string;
}

/** Sends requests to one agent. */
export interface Transport {
  send(req: TransportRequest): Promise<TransportResponse>;
  /** Release pooled connections. */
  close(): Promise<void>;
}

/** Limits every transport applies. */
export interface TransportLimits {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxBodyBytes: number;
}

/** Go's `url.Error` operation name: `Get`, `Put`, `Post`. */
export function goMethod(method: string): string {
  return method.charAt(0) + method.slice(1).toLowerCase();
}

/** `10000` → `10s`, `250` → `250ms`, `1500` → `1.5s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${ms / 1000}s`;
}

/** `Get "<url>": <reason>` as an `AgentRequestError` (no status). */
export function transportFailure(req: TransportRequest, reason: string): AgentRequestError {
  return new AgentRequestError(`${goMethod(req.method)} "${req.url}": ${reason}`);
}

/** Thrown by {@linkcode readCapped} when the body exceeds the limit. */
export class BodyTooLarge extends Error {
  constructor(limit: number) {
    super(`response body larger than ${limit} bytes`);
  }
}

/** Concatenate `chunks` as UTF-8 text; throw `BodyTooLarge` past `limit` bytes. */
export async function readCapped(
  chunks: AsyncIterable<Uint8Array>,
  limit: number,
): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLarge(limit);
    parts.push(chunk);
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** Strip OS error suffixes and lower-case the first letter, Go style. */
function tidy(text: string): string {
  const t = text.replace(/\s*\(os error \d+\)/g, "").trim();
  return t.charAt(0).toLowerCase() + t.slice(1);
}

/**
 * A one-line reason for an error thrown by `fetch` or undici: `connection refused`,
 * `no such file or directory`, `TLS certificate verification failed: <reason>`, ...
 */
export function networkReason(err: unknown): string {
  const chain: { code?: string; message?: string }[] = [];
  for (let cur: unknown = err, i = 0; cur && i < 5; i++) {
    chain.push(cur as { code?: string; message?: string });
    cur = (cur as { cause?: unknown }).cause;
  }
  const text = chain.map((c) => c.message ?? String(c)).join(" | ");
  const code = chain.map((c) => c.code).find((c) => typeof c === "string") ?? "";
  const cert = /invalid peer certificate: ([^|)]*)/.exec(text);
  if (cert) return `TLS certificate verification failed: ${cert[1].trim()}`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /certificate/i.test(text)) {
    return `TLS certificate verification failed: ${tidy(chain[chain.length - 1].message ?? text)}`;
  }
  if (code === "ECONNREFUSED" || /connection refused/i.test(text)) return "connection refused";
  if (code === "ENOENT" || /no such file or directory/i.test(text)) {
    return "no such file or directory";
  }
  if (code === "ECONNRESET" || /connection reset/i.test(text)) return "connection reset by peer";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || /dns error|failed to lookup/i.test(text)) {
    return "no such host";
  }
  const deepest = chain[chain.length - 1].message ?? String(err);
  const detail = tidy(
    deepest.replace(/^error sending request for url \([^)]*\): /, "").replace(
      /^client error \([^)]*\): /,
      "",
    ),
  );
  if (
    /handshake|tls|ssl|corrupt message/i.test(text) || code.startsWith("ERR_SSL") ||
    code.startsWith("ERR_TLS")
  ) {
    return `TLS handshake failed: ${detail}`;
  }
  return detail;
}
