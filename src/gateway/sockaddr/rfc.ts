/**
 * The RFC address-range table of go-sockaddr (`KnownRFCs`) and the
 * non-forwardable ranges, with membership tests on interface addresses.
 *
 * Membership follows go-sockaddr: the address's whole network (address plus
 * prefix length) must lie inside one of the RFC's ranges.
 *
 * @module
 */

import { containsNetwork, type IpNet, parseIpNet } from "./ifaddr.ts";

const RFC_RANGES: Record<number, string[]> = {
  919: ["255.255.255.255/32"],
  1112: ["240.0.0.0/4"],
  1122: ["0.0.0.0/8", "127.0.0.0/8"],
  1918: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
  2544: ["198.18.0.0/15"],
  2765: ["::ffff:0:0/96"],
  2928: ["2001::/23"],
  3056: ["2002::/16"],
  3068: ["192.88.99.0/24", "2002:c058:6301::/48"],
  3171: ["224.0.0.0/4"],
  3849: ["2001:db8::/32"],
  3927: ["169.254.0.0/16"],
  4038: ["::ffff:0:0/96"],
  4193: ["fc00::/7"],
  4291: ["::/128", "::1/128", "::ffff:0:0/96", "fe80::/10"],
  4380: ["2001::/32"],
  4773: ["2001::/23"],
  4843: ["2001:10::/28"],
  5180: ["2001:2::/48"],
  5735: ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15"],
  5737: ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"],
  6052: ["64:ff9b::/96"],
  6333: ["192.0.0.0/29"],
  6598: ["100.64.0.0/10"],
  6666: ["100::/64"],
  6890: [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.0.0/29",
    "192.0.2.0/24",
    "192.88.99.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "240.0.0.0/4",
    "255.255.255.255/32",
    "::1/128",
    "::/128",
    "64:ff9b::/96",
    "::ffff:0:0/96",
    "100::/64",
    "2001::/23",
    "2001::/32",
    "2001:2::/48",
    "2001:db8::/32",
    "2001:10::/28",
    "2002::/16",
    "fc00::/7",
    "fe80::/10",
  ],
  7335: ["192.0.0.0/29"],
};

/** Ranges go-sockaddr treats as not forwardable (its "forwarding blacklist"). */
const NON_FORWARDABLE = [
  "0.0.0.0/8",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "240.0.0.0/4",
  "255.255.255.255/32",
  "::1/128",
  "::/128",
  "::ffff:0:0/96",
  "2001:db8::/32",
  "fe80::/10",
].map(parseIpNet);

const PARSED: Map<number, IpNet[]> = new Map(
  Object.entries(RFC_RANGES).map(([k, v]) => [Number(k), v.map(parseIpNet)]),
);

/** Whether `rfc` is in the table. */
export function isKnownRfc(rfc: number): boolean {
  return PARSED.has(rfc);
}

/** Whether the network of `ip` lies in one of `rfc`'s ranges (false for unknown RFCs). */
export function isRfc(rfc: number, ip: IpNet): boolean {
  return (PARSED.get(rfc) ?? []).some((net) => containsNetwork(net, ip));
}

/** go-sockaddr's "forwardable": not inside any non-forwardable range. */
export function isForwardable(ip: IpNet): boolean {
  return !NON_FORWARDABLE.some((net) => containsNetwork(net, ip));
}
