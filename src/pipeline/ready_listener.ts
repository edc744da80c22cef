/**
 * Where the `/ready` listener binds. Pure.
 *
 * @module
 */

import { joinHostPort } from "../go/net_ip.ts";

/**
 * The ready listener's `host:port`, or `""` for none. Ingress gateways get
 * one at the string form of `-address` (`127.0.0.1` when it has no host);
 * `-envoy-ready-bind-address` with a non-zero `-envoy-ready-bind-port`
 * overrides it for every proxy kind.
 */
export function readyBindAddress(p: {
  kind: string;
  lanString: string;
  readyAddress: string;
  readyPort: number;
}): string {
  let addr = "";
  if (p.kind === "ingress-gateway") {
    addr = p.lanString.startsWith(":") ? `127.0.0.1${p.lanString}` : p.lanString;
  }
  if (p.readyAddress !== "" && p.readyPort !== 0) {
    addr = joinHostPort(p.readyAddress, String(p.readyPort));
  }
  return addr;
}
