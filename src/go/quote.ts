/**
 * Go's `strconv.Quote`, `QuoteToASCII` and `QuoteRune` (what `%q` and `%+q`
 * print), used wherever a message must read like Consul's. Pure.
 *
 * A JavaScript string is UTF-16; Go strings are UTF-8 bytes. A lone
 * surrogate (`"\ud800"`) has no UTF-8 form: writing it out yields U+FFFD,
 * which is also what Go makes of an invalid code point (`string(rune)`,
 * `encoding/json` decoding of `"\ud800"`, `QuoteRune`). So a lone surrogate
 * is quoted as U+FFFD: printed as is by `Quote`, as `\ufffd` by
 * `QuoteToASCII`.
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

const REPLACEMENT = 0xfffd;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/**
 * `cp` when it is a Unicode scalar value, else U+FFFD (a surrogate or an
 * out-of-range value), as Go's `string(rune)` and `%c` treat it.
 */
export function validRune(cp: number): number {
  return cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000) ? REPLACEMENT : cp;
}

/**
 * Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and
 * the ASCII space (U+00A0 and the other spaces are not printable).
 */
function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

/**
 * Escape one code point the way `strconv.Quote` does inside `quote`
 * delimiters (`"` or `'`); `asciiOnly` escapes every non-ASCII code point
 * (`QuoteToASCII`). An invalid code point is treated as U+FFFD.
 */
export function goEscapeRune(cp: number, quote: string, asciiOnly = false): string {
  cp = validRune(cp);
  if (String.fromCodePoint(cp) === quote) return "\\" + quote;
  if (SHORT_ESCAPES[cp] !== undefined) return SHORT_ESCAPES[cp];
  if (isPrint(cp) && (cp < 0x80 || !asciiOnly)) return String.fromCodePoint(cp);
  if (cp < 0x80) return "\\x" + hex(cp, 2);
  if (cp < 0x10000) return "\\u" + hex(cp, 4);
  return "\\U" + hex(cp, 8);
}

/** Go's `strconv.Quote(s)` (`%q`), or `QuoteToASCII(s)` (`%+q`) when `asciiOnly`. */
export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += goEscapeRune(ch.codePointAt(0)!, '"', asciiOnly);
  return out + '"';
}

/** Go's `strconv.QuoteRune(r)` (`%q` of an integer), or `QuoteRuneToASCII` when `asciiOnly`. */
export function goQuoteRune(cp: number, asciiOnly = false): string {
  return `'${goEscapeRune(cp, "'", asciiOnly)}'`;
}
