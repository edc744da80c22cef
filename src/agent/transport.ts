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
  /** Full URL (`http://localhost/...` for unix sockets); used in messages and redirects. */
  url: string;
  /** Path plus query, as sent on the request line. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** The answer: any status; body decoded as UTF-8. */
export interface TransportResponse {
  status: number;
  /** Lower-case header names; every value of repeated headers. */
  headers: Map<string, string[]>;
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
