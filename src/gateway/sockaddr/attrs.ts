/**
 * Attributes of an interface address (`attr`, `join`), IP classification
 * helpers (Go `net.IP.Is*`) and go-sockaddr's address comparisons.
 *
 * @module
 */

import { goQuote } from "../../go/quote.ts";
import { TemplateError } from "../../template/mod.ts";
import {
  familyBits,
  formatIpValue,
  type IpNet,
  netmaskValue,
  networkOf,
  networkSize,
  type SockAddrIf,
} from "./ifaddr.ts";

const FLAG_ORDER = ["up", "broadcast", "loopback", "pointtopoint", "multicast"] as const;

/** Go `net.Flags.String()` of the interface's flags (`0` when none). */
export function flagsString(a: SockAddrIf): string {
  const names = FLAG_ORDER.filter((f) => a.ifAddr.flags.has(f));
  return names.length === 0 ? "0" : names.join("|");
}

/**
 * Value of attribute `name` (case-insensitive) of one interface address.
 * Throws TemplateError `unsupported attribute name "<name>"` otherwise.
 */
export function attrOf(a: SockAddrIf, name: string): string {
  const ip = a.ip;
  switch (name.toLowerCase()) {
    case "name":
      return a.name;
    case "flags":
      return flagsString(a);
    case "address":
      return a.address;
    case "network":
      return formatIpValue(ip.family, networkOf(ip).value);
    case "mask_bits":
      return String(ip.prefixLength);
    case "netmask":
      return formatIpValue(ip.family, netmaskValue(ip));
    case "size":
      return networkSize(ip).toString();
    case "port":
      return "0";
    case "type":
      return ip.family;
    case "string":
      return a.toString();
  }
  throw new TemplateError(`unsupported attribute name ${goQuote(name, true)}`);
}

function inNet(ip: IpNet, v4: [string, number], v6: [string, number]): boolean {
  const [base, prefix] = ip.family === "IPv4" ? v4 : v6;
  const shift = BigInt(familyBits(ip.family) - prefix);
  return (ip.value >> shift) === (BigInt(base) >> shift);
}

/** Go `IsLoopback` on the address alone. */
export function isLoopbackIp(ip: IpNet): boolean {
  return ip.family === "IPv4" ? inNet(ip, ["0x7f000000", 8], ["0", 0]) : ip.value === 1n;
}

/** Go `IsMulticast`. */
export function isMulticastIp(ip: IpNet): boolean {
  return inNet(ip, ["0xe0000000", 4], ["0xff" + "0".repeat(30), 8]);
}

/** Go `IsUnspecified`. */
export function isUnspecifiedIp(ip: IpNet): boolean {
  return ip.value === 0n;
}

/** Go `IsLinkLocalUnicast`. */
export function isLinkLocalUnicastIp(ip: IpNet): boolean {
  return inNet(ip, ["0xa9fe0000", 16], ["0xfe8" + "0".repeat(29), 10]);
}

/** Go `IsLinkLocalMulticast`. */
export function isLinkLocalMulticastIp(ip: IpNet): boolean {
  if (ip.family === "IPv4") return inNet(ip, ["0xe0000000", 24], ["0", 0]);
  const top = Number(ip.value >> 112n);
  return (top >> 8) === 0xff && (top & 0x0f) === 0x02;
}

/** Go `IsInterfaceLocalMulticast`. */
export function isInterfaceLocalMulticastIp(ip: IpNet): boolean {
  if (ip.family === "IPv4") return false;
  const top = Number(ip.value >> 112n);
  return (top >> 8) === 0xff && (top & 0x0f) === 0x01;
}

/** Go `IsGlobalUnicast`. */
export function isGlobalUnicastIp(ip: IpNet): boolean {
  if (ip.family === "IPv4" && ip.value === 0xffffffffn) return false;
  return !isUnspecifiedIp(ip) && !isLoopbackIp(ip) && !isMulticastIp(ip) &&
    !isLinkLocalUnicastIp(ip);
}

/** Numeric value of an address type for ordering (IPv4 before IPv6). */
export function typeRank(a: SockAddrIf): number {
  return a.ip.family === "IPv4" ? 1 : 2;
}
