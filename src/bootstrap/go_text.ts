/**
 * Small Go formatting helpers needed to reproduce Consul's message texts:
 * `strconv.Quote` (`%q`) and `net.SplitHostPort`. Pure.
 *
 * @module
 */

const SHORT_ESCAPES: Record<number, string> = {
  0x07: "\\a",
  0x08: "\\b",
  0x0c: "\\f",
  0x0a: "\\n",
  0x0d: "\\r",
  0x09: "\\t",
  0x0b: "\\v",
  0x5c: "\\\\",
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** Whether Go's `strconv.IsPrint` would accept the code point (approximation). */
function isPrint(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0x80 && cp <= 0xa0) return false;
  if (cp === 0xad) return false;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(String.fromCodePoint(cp));
}

/** Escape one code point the way `strconv.Quote` does, given the quote character. */
export function goEscapeRune(cp: number, quote: string): string {
  if (String.fromCodePoint(cp) === quote) return "\\" + quote;
  if (SHORT_ESCAPES[cp] !== undefined) return SHORT_ESCAPES[cp];
  if (isPrint(cp)) return String.fromCodePoint(cp);
  if (cp < 0x80) return "\\x" + hex(cp, 2);
  if (cp < 0x10000) return "\\u" + hex(cp, 4);
  return "\\U" + hex(cp, 8);
}

/** Go's `strconv.Quote(s)` (what `%q` prints for a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += goEscapeRune(ch.codePointAt(0)!, '"');
  return out + '"';
}

/** Result of {@linkcode splitHostPort}. */
export type HostPort = { ok: true; host: string; port: string } | { ok: false; error: string };

/**
 * Go's `net.SplitHostPort`: `host:port`, `[v6]:port`. The error text is
 * Go's `address <addr>: <reason>`.
 */
export function splitHostPort(addr: string): HostPort {
  const fail = (why: string): HostPort => ({ ok: false, error: `address ${addr}: ${why}` });
  const i = addr.lastIndexOf(":");
  if (i < 0) return fail("missing port in address");
  let host: string;
  let j = 0;
  let k = 0;
  if (addr[0] === "[") {
    const end = addr.indexOf("]");
    if (end < 0) return fail("missing ']' in address");
    if (end + 1 === addr.length) return fail("missing port in address");
    if (end + 1 !== i) {
      return fail(addr[end + 1] === ":" ? "too many colons in address" : "missing port in address");
    }
    host = addr.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = addr.slice(0, i);
    if (host.includes(":")) return fail("too many colons in address");
  }
  if (addr.indexOf("[", j) >= 0) return fail("unexpected '[' in address");
  if (addr.indexOf("]", k) >= 0) return fail("unexpected ']' in address");
  return { ok: true, host, port: addr.slice(i + 1) };
}

/** Go's `net.JoinHostPort`: brackets hosts containing a colon. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
