/**
 * Go's `strconv.Quote` (what `%q` prints for a string), used wherever a
 * message must read like Consul's. Pure.
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
