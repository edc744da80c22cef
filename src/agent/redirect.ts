/**
 * Redirects as Go's HTTP client follows them for a GET: 301, 302, 303, 307
 * and 308 with a `Location`, at most 10 in a row. connect-envoy only follows
 * a redirect that stays on the agent's origin (same scheme, host and port),
 * so the ACL token never travels to another server; any other target is an
 * error naming both addresses. Other methods get the redirect status back.
 *
 * @module
 */

import { transportFailure, type TransportRequest, type TransportResponse } from "./transport.ts";

/** Redirects followed before giving up (Go's limit). */
export const MAX_REDIRECTS = 10;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The next request of a redirect, or an error when it leaves the origin. */
export function redirectTarget(req: TransportRequest, location: string): TransportRequest {
  let next: URL;
  const from = new URL(req.url);
  try {
    next = new URL(location, from);
  } catch {
    throw transportFailure(req, "failed to parse Location header of a redirect");
  }
  if (next.origin !== from.origin) {
    const to = next.protocol === "http:" || next.protocol === "https:"
      ? next.origin
      : next.protocol;
    throw transportFailure(
      req,
      `redirect from ${from.origin} to ${to} refused: only redirects within the agent's address are followed`,
    );
  }
  return {
    ...req,
    url: next.origin + next.pathname + next.search,
    path: next.pathname + next.search,
  };
}

/** Send `req`, following same-origin redirects of a GET. */
export async function followRedirects(
  req: TransportRequest,
  send: (r: TransportRequest) => Promise<TransportResponse>,
): Promise<TransportResponse> {
  let current = req;
  for (let hops = 0;; hops++) {
    const res = await send(current);
    const location = res.headers.get("location")?.[0];
    if (current.method !== "GET" || !REDIRECT_STATUSES.has(res.status) || !location) return res;
    if (hops >= MAX_REDIRECTS) {
      throw transportFailure(current, `stopped after ${MAX_REDIRECTS} redirects`);
    }
    current = redirectTarget(current, location);
  }
}
