/**
 * The interface-address model used by the go-sockaddr template functions,
 * and its derived IP facts (numeric address, network, containment).
 *
 * @module
 */

import { formatIp, parseIp } from "../../go/net_ip.ts";
import { TemplateError } from "../../template/mod.ts";

/** Interface flags we know about (Go `net.Flags` names). */
export type IfFlag = "up" | "loopback" | "broadcast" | "multicast" | "pointtopoint";

/** One IP address configured on one network interface. */
export interface IfAddr {
  /** Interface name, e.g. `eth0`. */
  name: string;
  /** IP literal without prefix, e.g. `10.0.0.5` or `fe80::1`. */
  address: string;
  family: "IPv4" | "IPv6";
  /** Prefix length of the address's network (e.g. 24). */
  prefixLength: number;
  flags: Set<IfFlag>;
  /** True when this interface holds the default route. */
  isDefault?: boolean;
}

/** An IP network (or address with prefix) in numeric form. */
export interface IpNet {
  family: "IPv4" | "IPv6";
  /** Address as an unsigned integer (32 or 128 bits). */
  value: bigint;
  prefixLength: number;
}

/** Bit width of a family's addresses. */
export function familyBits(family: "IPv4" | "IPv6"): number {
  return family === "IPv4" ? 32 : 128;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function bigIntToBytes(v: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Parses `a.b.c.d[/n]` or `x::y[/n]` into an {@linkcode IpNet} (Go-sockaddr `NewIPAddr`). */
export function parseIpNet(text: string): IpNet {
  const slash = text.indexOf("/");
  const host = slash < 0 ? text : text.slice(0, slash);
  const ip = parseIp(host);
  if (!ip || ip.zone !== undefined) {
    throw new TemplateError(`unable to parse IP address ${JSON.stringify(text)}`);
  }
  const family = ip.family === 4 ? "IPv4" : "IPv6";
  const bits = familyBits(family);
  let prefixLength = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) {
      throw new TemplateError(`invalid network prefix length in ${JSON.stringify(text)}`);
    }
    prefixLength = Number(p);
  }
  return { family, value: bytesToBigInt(ip.bytes), prefixLength };
}

function hostMask(n: IpNet): bigint {
  return (1n << BigInt(familyBits(n.family) - n.prefixLength)) - 1n;
}

/** The network address of `n` (host bits cleared). */
export function networkOf(n: IpNet): IpNet {
  return { ...n, value: n.value & ~hostMask(n) };
}

/** Whether the whole network of `inner` lies inside `outer` (same family). */
export function containsNetwork(outer: IpNet, inner: IpNet): boolean {
  if (outer.family !== inner.family || inner.prefixLength < outer.prefixLength) return false;
  const shift = BigInt(familyBits(outer.family) - outer.prefixLength);
  return (outer.value >> shift) === (inner.value >> shift);
}

/** Canonical text of an address value (Go `net.IP.String`). */
export function formatIpValue(family: "IPv4" | "IPv6", value: bigint): string {
  const len = family === "IPv4" ? 4 : 16;
  return formatIp({ family: family === "IPv4" ? 4 : 6, bytes: bigIntToBytes(value, len) });
}

/** Number of addresses in the network of `n`. */
export function networkSize(n: IpNet): bigint {
  return 1n << BigInt(familyBits(n.family) - n.prefixLength);
}

/** The netmask of `n` as an address value. */
export function netmaskValue(n: IpNet): bigint {
  const all = (1n << BigInt(familyBits(n.family))) - 1n;
  return all & ~hostMask(n);
}

/**
 * An {@linkcode IfAddr} with its parsed address; the element type of the
 * lists flowing through sockaddr templates. Prints like go-sockaddr's
 * `SockAddr.String()` (`10.0.0.5/24`, or the bare IP for a host prefix).
 */
export class SockAddrIf {
  readonly ip: IpNet;

  constructor(readonly ifAddr: IfAddr) {
    const parsed = parseIp(ifAddr.address);
    if (!parsed) {
      throw new TemplateError(`interface ${ifAddr.name}: invalid address ${ifAddr.address}`);
    }
    const family = parsed.family === 4 ? "IPv4" : "IPv6";
    const bits = familyBits(family);
    const prefixLength = Math.min(Math.max(0, Math.trunc(ifAddr.prefixLength)), bits);
    this.ip = { family, value: bytesToBigInt(parsed.bytes), prefixLength };
  }

  /** Interface name. */
  get name(): string {
    return this.ifAddr.name;
  }

  /** Canonical IP text (no prefix). */
  get address(): string {
    return formatIpValue(this.ip.family, this.ip.value);
  }

  /** go-sockaddr `SockAddr.String()`. */
  toString(): string {
    if (this.ip.prefixLength === familyBits(this.ip.family)) return this.address;
    return `${this.address}/${this.ip.prefixLength}`;
  }
}

/** Wraps a list of model addresses (validating each). */
export function wrapAll(ifaces: readonly IfAddr[]): SockAddrIf[] {
  return ifaces.map((i) => new SockAddrIf(i));
}
