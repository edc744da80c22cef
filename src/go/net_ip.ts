/**
 * IP literals and `host:port` strings with Go's rules: `netip.ParseAddr`
 * syntax (IPv4 dotted quad without leading zeros, IPv6 with `::`, an embedded
 * IPv4 tail and an optional `%zone`), `net.IP.String` canonical text, and
 * `net.SplitHostPort` / `net.JoinHostPort` with Go's error texts. Pure.
 *
 * @module
 */

/** A parsed IP literal. `bytes` has 4 entries for IPv4, 16 for IPv6. */
export interface ParsedIp {
  family: 4 | 6;
  bytes: Uint8Array;
  /** IPv6 zone (the text after `%`), when present. */
  zone?: string;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    if (p.length > 1 && p[0] === "0") return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

function hexValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

function parseIpv6(text: string): ParsedIp | undefined {
  let s = text;
  let zone: string | undefined;
  const pct = s.indexOf("%");
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === "") return undefined;
  }
  const bytes = new Uint8Array(16);
  let ellipsis = -1;
  let i = 0;
  if (s.startsWith("::")) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === "") return { family: 6, bytes, zone };
  }
  while (i < 16) {
    let off = 0;
    let acc = 0;
    while (off < s.length) {
      const h = hexValue(s[off]);
      if (h < 0) break;
      acc = acc * 16 + h;
      off++;
      if (off > 4) return undefined;
    }
    if (off === 0) return undefined;
    if (off < s.length && s[off] === ".") {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4 = parseIpv4(s);
      if (v4 === undefined) return undefined;
      bytes.set(v4, i);
      i += 4;
      s = "";
      break;
    }
    bytes[i] = acc >> 8;
    bytes[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s === "") break;
    if (s[0] !== ":" || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s === "") break;
    }
  }
  if (s !== "") return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) bytes[j + n] = bytes[j];
    bytes.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return { family: 6, bytes, zone };
}

/**
 * Parse an IP literal (Go `netip.ParseAddr` syntax). IPv6 may carry a
 * non-empty `%zone`; IPv4 may not. Returns `undefined` when `text` is not
 * an IP literal (hostnames, brackets, ports, whitespace, leading zeros).
 */
export function parseIp(text: string): ParsedIp | undefined {
  for (const c of text) {
    if (c === ".") {
      const v4 = parseIpv4(text);
      return v4 ? { family: 4, bytes: v4 } : undefined;
    }
    if (c === ":") return parseIpv6(text);
    if (c === "%") return undefined;
  }
  return undefined;
}

/** Whether 16 address bytes are an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`). */
function isMapped(bytes: Uint8Array): boolean {
  if (bytes.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(":");
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

/**
 * The canonical text of a parsed IP (Go `net.IP.String`): IPv4 and
 * IPv4-mapped IPv6 (without zone) as a dotted quad, other IPv6 in lower-case
 * RFC 5952 compressed form, followed by `%zone` when there is one.
 */
export function formatIp(ip: ParsedIp): string {
  if (ip.family === 4) return Array.from(ip.bytes).join(".");
  if (isMapped(ip.bytes) && ip.zone === undefined) {
    return Array.from(ip.bytes.subarray(12)).join(".");
  }
  return formatIpv6(ip.bytes) + (ip.zone !== undefined ? `%${ip.zone}` : "");
}

/** Canonical text of an IP literal (see {@linkcode formatIp}), or `undefined` if not one. */
export function canonicalIp(text: string): string | undefined {
  const ip = parseIp(text);
  return ip === undefined ? undefined : formatIp(ip);
}

/** True iff `text` is an IPv6 literal that is not an IPv4-mapped address. */
export function isIpv6NotMapped(text: string): boolean {
  const ip = parseIp(text);
  return ip !== undefined && ip.family === 6 && !isMapped(ip.bytes);
}

/**
 * A host:port syntax error, worded like Go's `net.AddrError`:
 * `address <addr>: <reason>` (just `<reason>` when `addr` is empty).
 */
export class AddrError extends Error {
  /** The offending text. */
  readonly addr: string;
  /** Go's reason, e.g. `missing port in address`. */
  readonly reason: string;
  constructor(addr: string, reason: string) {
    super(addr === "" ? reason : `address ${addr}: ${reason}`);
    this.name = "AddrError";
    this.addr = addr;
    this.reason = reason;
  }
}

/** Go's reason text for a `host:port` string without a port. */
export const MISSING_PORT = "missing port in address";
/** Go's reason text for an unbracketed host with a colon (an IPv6 address without brackets). */
export const TOO_MANY_COLONS = "too many colons in address";

/**
 * Split `host:port` with Go `net.SplitHostPort` rules: the port follows the
 * last colon; IPv6 hosts must be bracketed; the port may be empty and is not
 * validated. Throws {@linkcode AddrError} with Go's texts
 * (`missing port in address`, `too many colons in address`,
 * `missing ']' in address`, `unexpected '[' in address`,
 * `unexpected ']' in address`).
 */
export function splitHostPort(text: string): { host: string; port: string } {
  const i = text.lastIndexOf(":");
  if (i < 0) throw new AddrError(text, MISSING_PORT);
  let host: string;
  let j = 0;
  let k = 0;
  if (text[0] === "[") {
    const end = text.indexOf("]");
    if (end < 0) throw new AddrError(text, "missing ']' in address");
    if (end + 1 === text.length) throw new AddrError(text, MISSING_PORT);
    if (end + 1 !== i) {
      throw new AddrError(text, text[end + 1] === ":" ? TOO_MANY_COLONS : MISSING_PORT);
    }
    host = text.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = text.slice(0, i);
    if (host.includes(":")) throw new AddrError(text, TOO_MANY_COLONS);
  }
  if (text.slice(j).includes("[")) throw new AddrError(text, "unexpected '[' in address");
  if (text.slice(k).includes("]")) throw new AddrError(text, "unexpected ']' in address");
  return { host, port: text.slice(i + 1) };
}

/** Join host and port (Go `net.JoinHostPort`): hosts containing `:` are bracketed. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
