/**
 * Go literal syntax used by templates: quoted/raw strings, character and
 * number constants.
 *
 * @module
 */

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  "\\": 92,
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function pushCodePoint(bytes: number[], cp: number): void {
  for (const b of encoder.encode(String.fromCodePoint(cp))) bytes.push(b);
}

/**
 * Decodes the escapes in the body of a Go interpreted literal (without the
 * quotes) into bytes. Throws `Error` with Go's "invalid syntax" on bad input.
 */
function decodeEscapes(body: string, quote: string): number[] {
  const bytes: number[] = [];
  let i = 0;
  const fail = (): never => {
    throw new Error("invalid syntax");
  };
  while (i < body.length) {
    const c = body.codePointAt(i)!;
    const ch = String.fromCodePoint(c);
    if (ch !== "\\") {
      if (ch === quote || ch === "\n") fail();
      pushCodePoint(bytes, c);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) fail();
    i += 2;
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e]);
    } else if (e === quote) {
      bytes.push(quote.charCodeAt(0));
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) fail();
      const v = parseInt(hex, 16);
      i += n;
      if (e === "x") bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) fail();
      else pushCodePoint(bytes, v);
    } else if (e >= "0" && e <= "7") {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) fail();
      const v = parseInt(oct, 8);
      if (v > 255) fail();
      bytes.push(v);
      i += 2;
    } else {
      fail();
    }
  }
  return bytes;
}

/** Go `strconv.Unquote` for `"…"` and `` `…` `` literals. */
export function unquoteString(text: string): string {
  if (text.length >= 2 && text[0] === "`" && text[text.length - 1] === "`") {
    return text.slice(1, -1).replaceAll("\r", "");
  }
  if (text.length >= 2 && text[0] === '"' && text[text.length - 1] === '"') {
    return decoder.decode(new Uint8Array(decodeEscapes(text.slice(1, -1), '"')));
  }
  throw new Error("invalid syntax");
}

/** Value of a Go character constant such as `'a'` or `'\n'` (its code point). */
export function unquoteChar(text: string): number {
  if (text.length < 3 || text[0] !== "'" || text[text.length - 1] !== "'") {
    throw new Error("invalid syntax");
  }
  const body = text.slice(1, -1);
  if (body[0] !== "\\") {
    const cp = body.codePointAt(0)!;
    if (String.fromCodePoint(cp).length !== body.length) throw new Error("invalid syntax");
    return cp;
  }
  const bytes = decodeEscapes(body, "'");
  const e = body[1];
  if (e === "x" || (e >= "0" && e <= "7")) {
    if (bytes.length !== 1) throw new Error("invalid syntax");
    return bytes[0];
  }
  const s = decoder.decode(new Uint8Array(bytes));
  const cp = s.codePointAt(0);
  if (cp === undefined || String.fromCodePoint(cp).length !== s.length) {
    throw new Error("invalid syntax");
  }
  return cp;
}

/**
 * Parses a Go number literal (decimal, `0x`, `0o`, `0b`, legacy octal,
 * underscores, floats, hex floats). Complex numbers are rejected.
 * Throws `Error("illegal number syntax: …")`.
 */
export function parseNumber(text: string): number {
  const illegal = () => new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  if (text.endsWith("i")) throw new Error(`complex numbers are not supported: ${text}`);
  let s = text;
  let sign = 1;
  if (s[0] === "+" || s[0] === "-") {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "" || s.startsWith("_") || s.endsWith("_") || s.includes("__")) throw illegal();
  const prefix = s.slice(0, 2).toLowerCase();
  const body = s.replaceAll("_", "");
  let v: number;
  if (prefix === "0x") {
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(body);
    if (!m || (m[1] === "" && !m[2])) throw illegal();
    if (m[2] === undefined && m[3] === undefined) {
      v = parseInt(m[1], 16);
    } else {
      if (m[3] === undefined) throw illegal(); // hex float needs an exponent
      const frac = m[2] ?? "";
      const mant = parseInt((m[1] + frac) || "0", 16);
      v = mant * Math.pow(2, Number(m[3]) - 4 * frac.length);
    }
  } else if (prefix === "0b") {
    if (!/^0[bB][01]+$/.test(body)) throw illegal();
    v = parseInt(body.slice(2), 2);
  } else if (prefix === "0o") {
    if (!/^0[oO][0-7]+$/.test(body)) throw illegal();
    v = parseInt(body.slice(2), 8);
  } else if (/^0[0-7]+$/.test(body)) {
    v = parseInt(body, 8);
  } else if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) {
    if (/^0\d/.test(body) && !/[.eE]/.test(body)) throw illegal();
    v = Number(body);
  } else {
    throw illegal();
  }
  if (!Number.isFinite(v)) throw illegal();
  return sign * v;
}
