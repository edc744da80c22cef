/**
 * The `-admin-bind` value, checked before it reaches the bootstrap: it must
 * be `host:port` with a non-empty host (Envoy rejects an admin listener
 * with an empty address, although Consul writes one). Errors name the flag
 * and say what form is wanted.
 *
 * @module
 */

import { AddrError, MISSING_PORT, splitHostPort, TOO_MANY_COLONS } from "../go/net_ip.ts";
import { goQuote } from "../go/quote.ts";

const EXAMPLE = "127.0.0.1:19000";

/**
 * Split `value` (the flag, or the default when the flag is empty) into host
 * and port. Throws `Error` with a one-line message naming `-admin-bind`.
 * The port itself is checked where it is written into the bootstrap.
 */
export function parseAdminBind(value: string): { host: string; port: string } {
  const bad = (why: string) => new Error(`invalid -admin-bind ${goQuote(value)}: ${why}`);
  let split: { host: string; port: string };
  try {
    split = splitHostPort(value);
  } catch (err) {
    if (!(err instanceof AddrError)) throw err;
    if (err.reason === MISSING_PORT) {
      throw bad(`missing port; want host:port, e.g. ${EXAMPLE}`);
    }
    if (err.reason === TOO_MANY_COLONS) {
      throw bad("too many colons; put an IPv6 address in brackets, e.g. [::1]:19000");
    }
    throw bad(`${err.reason}; want host:port, e.g. ${EXAMPLE}`);
  }
  if (split.host === "") throw bad(`missing host; want host:port, e.g. ${EXAMPLE}`);
  return split;
}
