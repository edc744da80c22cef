/**
 * Go's `strconv.ParseInt(s, 0, 64)`, the syntax of Go `int` flags: optional
 * sign, base prefixes `0b`,
 * `0o`, `0x` (any case) and a bare leading `0` for octal, `_` separators
 * only together with base-0 parsing, 64-bit range.
 *
 * @module
 */

/** Why a Go integer failed to parse (`flag` prints these words). */
export type GoIntFailure = "parse error" | "value out of range";

/** Result of {@linkcode parseGoInt}. */
export type GoIntResult = { ok: true; value: bigint } | { ok: false; error: GoIntFailure };

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_LIMIT = 1n << 63n;

function digitValue(ch: string): number {
  const c = ch.toLowerCase();
  if (c >= "0" && c <= "9") return c.charCodeAt(0) - 48;
  if (c >= "a" && c <= "z") return c.charCodeAt(0) - 97 + 10;
  return 99;
}

/** Go's `underscoreOK`: `_` only between digits or after a base prefix. */
function underscoreOk(text: string): boolean {
  let s = text;
  if (s.length >= 1 && (s[0] === "-" || s[0] === "+")) s = s.slice(1);
  let saw = "^";
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === "0" && "bBoOxX".includes(s[1])) {
    i = 2;
    saw = "0";
    hex = s[1] === "x" || s[1] === "X";
  }
  for (; i < s.length; i++) {
    const c = s[i];
    const lower = c.toLowerCase();
    if ((c >= "0" && c <= "9") || (hex && lower >= "a" && lower <= "f")) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/** Go's `ParseUint(s, 0, 64)` on an unsigned text. */
function parseUnsigned(
  text: string,
): { ok: true; value: bigint } | { ok: false; error: GoIntFailure } {
  if (text === "") return { ok: false, error: "parse error" };
  let s = text;
  let base = 10;
  if (s[0] === "0") {
    const prefix = s.length >= 3 ? s[1].toLowerCase() : "";
    const prefixed: Record<string, number> = { b: 2, o: 8, x: 16 };
    if (prefixed[prefix] !== undefined) {
      base = prefixed[prefix];
      s = s.slice(2);
    } else {
      base = 8; // a bare leading zero means octal
      s = s.slice(1);
    }
  }
  let n = 0n;
  let underscores = false;
  const bigBase = BigInt(base);
  for (const ch of s) {
    if (ch === "_") {
      underscores = true;
      continue;
    }
    const d = digitValue(ch);
    if (d >= base) return { ok: false, error: "parse error" };
    n = n * bigBase + BigInt(d);
    if (n > MAX_UINT64) return { ok: false, error: "value out of range" };
  }
  if (underscores && !underscoreOk(text)) return { ok: false, error: "parse error" };
  return { ok: true, value: n };
}

/**
 * Parse `text` like Go's `strconv.ParseInt(text, 0, 64)`. The value is a
 * `bigint` so that the whole 64-bit range is exact.
 */
export function parseGoInt(text: string): GoIntResult {
  if (text === "") return { ok: false, error: "parse error" };
  let s = text;
  let negative = false;
  if (s[0] === "+" || s[0] === "-") {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  const unsigned = parseUnsigned(s);
  if (!unsigned.ok) return unsigned;
  const n = unsigned.value;
  if (!negative && n >= INT64_LIMIT) return { ok: false, error: "value out of range" };
  if (negative && n > INT64_LIMIT) return { ok: false, error: "value out of range" };
  return { ok: true, value: negative ? -n : n };
}
