/**
 * Whether a gateway address can be bound on this host
 * (Consul's `canBind`, used to pick the registered address). Pure: the local interface
 * addresses are injected.
 *
 * @module
 */

import type { Addr } from "./address.ts";
import { canonicalIp, formatIp, parseIp } from "../go/net_ip.ts";

/**
 * True iff `addr.address` is an IP literal (Go `net.ParseIP`: no hostnames,
 * no zones) whose canonical text equals that of one of `localAddresses`
 * (the host's interface addresses, canonical or not).
 */
export function canBind(addr: Addr, localAddresses: readonly string[]): boolean {
  const ip = parseIp(addr.address);
  if (ip === undefined || ip.zone !== undefined) return false;
  const text = formatIp(ip);
  return localAddresses.some((local) => (canonicalIp(local) ?? local) === text);
}
