/**
 * Telling a 404 from a Consul agent (an unknown service, a missing config
 * entry) from a 404 of some other server at the agent's address (a web
 * server, a proxy, another service): the latter gets a hint that the
 * address may be wrong.
 *
 * @module
 */

import type { TransportResponse } from "./transport.ts";

/** True when the answer carries Consul's signs: an `X-Consul-*` header or a Consul error text. */
export function looksLikeConsul(res: TransportResponse): boolean {
  for (const name of res.headers.keys()) if (name.startsWith("x-consul-")) return true;
  const body = res.body.trim();
  if (body === "" || body.startsWith("<")) return false;
  if (/html/i.test(res.headers.get("content-type")?.[0] ?? "")) return false;
  return !/^(404\s*)?(page\s+|file\s+)?not\s+found\.?$/i.test(body);
}

/** `""`, or the hint appended to a 404 from a server that does not answer like an agent. */
export function notConsulHint(res: TransportResponse, origin: string): string {
  if (looksLikeConsul(res)) return "";
  return `; the server at ${origin} may not be a Consul agent (check -http-addr or CONSUL_HTTP_ADDR)`;
}
