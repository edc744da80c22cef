/**
 * Go `fmt`-style printing of template values: `%v` rendering, `Sprint`,
 * `Sprintln` and `Sprintf` (common verbs and flags; `%q` quotes with `src/go/quote.ts`).
 *
 * @module
 */

import { goTypeName, isNil, isPlainObject, mapGet, sortedKeys, utf8 } from "./values.ts";
import { goQuote, goQuoteRune, validRune } from "../go/quote.ts";

// ---- plain value rendering (%v) ----------------------------------------------

/** Go `strconv.FormatFloat(f, 'g', -1, 64)` as used by `%v`. */
export function formatFloatShortest(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const [mant, expText] = n.toExponential().split("e");
  const exp = Number(expText);
  // Shortest formatting decides with precision 6 (strconv 'g', -1).
  if (exp < -4 || exp >= 6) return goExponent(mant, exp);
  return String(n);
}

function goExponent(mant: string, exp: number): string {
  const sign = exp < 0 ? "-" : "+";
  const digits = String(Math.abs(exp)).padStart(2, "0");
  return `${mant}e${sign}${digits}`;
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) {
    return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  }
  return formatFloatShortest(n);
}

/** True when a value prints itself (Go's Stringer / error). */
function selfPrinting(v: object): string | undefined {
  if (v instanceof Error) return v.message;
  const s = (v as { String?: unknown }).String;
  if (typeof s === "function") return String(s.call(v));
  const t = (v as { toString?: unknown }).toString;
  if (typeof t === "function" && t !== Object.prototype.toString && !Array.isArray(v)) {
    return String(t.call(v));
  }
  return undefined;
}

/** Go `%v` rendering of any value (nil ⇒ `<nil>`). */
export function formatValue(v: unknown): string {
  if (isNil(v)) return "<nil>";
  switch (typeof v) {
    case "string":
      return v;
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return formatNumber(v);
    case "bigint":
      return v.toString();
    case "function":
      return "<func>";
    case "symbol":
      return v.toString();
  }
  if (Array.isArray(v)) return `[${v.map(formatValue).join(" ")}]`;
  if (v instanceof Uint8Array) return `[${[...v].join(" ")}]`;
  if (isPlainObject(v) || v instanceof Map) {
    const m = v as Record<string, unknown> | Map<unknown, unknown>;
    const parts = sortedKeys(m).map((k) => `${formatValue(k)}:${formatValue(mapGet(m, k))}`);
    return `map[${parts.join(" ")}]`;
  }
  const self = selfPrinting(v as object);
  if (self !== undefined) return self;
  return `{${Object.values(v as object).map(formatValue).join(" ")}}`;
}

/** Go `fmt.Sprint`: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = "";
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += formatValue(a);
  });
  return out;
}

/** Go `fmt.Sprintln`: operands separated by spaces, then a newline. */
export function sprintln(args: unknown[]): string {
  return args.map(formatValue).join(" ") + "\n";
}

// ---- quoting ----------------------------------------------------------------------

function canBackquote(s: string): boolean {
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === "`" || c === "\ufeff") return false;
    if (cp < 0x20 && c !== "\t") return false;
    if (cp === 0x7f) return false;
  }
  return true;
}

// ---- Sprintf ------------------------------------------------------------------------

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const len = [...s].length;
  if (spec.width === undefined || len >= spec.width) return s;
  const fill = spec.width - len;
  if (spec.minus) return s + " ".repeat(fill);
  if (spec.zero && numeric) {
    const signLen = /^[+\- ]/.test(s) ? 1 : 0;
    return s.slice(0, signLen) + "0".repeat(fill) + s.slice(signLen);
  }
  return " ".repeat(fill) + s;
}

function signed(body: string, negative: boolean, spec: Spec): string {
  if (negative) return "-" + body;
  if (spec.plus) return "+" + body;
  if (spec.space) return " " + body;
  return body;
}

function formatInteger(n: number, verb: string, spec: Spec): string {
  const neg = n < 0;
  const abs = BigInt(Math.abs(n));
  let digits: string;
  let prefix = "";
  switch (verb) {
    case "b":
      digits = abs.toString(2);
      if (spec.sharp) prefix = "0b";
      break;
    case "o":
    case "O":
      digits = abs.toString(8);
      if (verb === "O") prefix = "0o";
      else if (spec.sharp && digits !== "0") prefix = "0";
      break;
    case "x":
      digits = abs.toString(16);
      if (spec.sharp) prefix = "0x";
      break;
    case "X":
      digits = abs.toString(16).toUpperCase();
      if (spec.sharp) prefix = "0X";
      break;
    default:
      digits = abs.toString(10);
  }
  if (spec.prec !== undefined) {
    if (spec.prec === 0 && n === 0) digits = "";
    digits = digits.padStart(spec.prec, "0");
  }
  const s = signed(prefix + digits, neg, spec);
  return pad(s, spec.prec === undefined ? spec : { ...spec, zero: false }, true);
}

function formatFloat(n: number, verb: string, spec: Spec): string {
  if (!Number.isFinite(n)) {
    const s = Number.isNaN(n) ? "NaN" : n > 0 ? (spec.plus ? "+Inf" : "Inf") : "-Inf";
    return pad(spec.space && s === "Inf" ? " Inf" : s, { ...spec, zero: false }, false);
  }
  const neg = n < 0 || Object.is(n, -0);
  const a = Math.abs(n);
  let body: string;
  const lower = verb.toLowerCase();
  if (lower === "f") {
    body = a.toFixed(spec.prec ?? 6);
  } else if (lower === "e") {
    const [m, e] = a.toExponential(spec.prec ?? 6).split("e");
    body = goExponent(m, Number(e));
  } else {
    // %g / %v
    if (spec.prec === undefined) {
      body = formatFloatShortest(a);
    } else {
      const p = spec.prec === 0 ? 1 : spec.prec;
      const [m, e] = a.toExponential(p - 1).split("e");
      const exp = Number(e);
      if (exp < -4 || exp >= p) {
        body = goExponent(spec.sharp ? m : m.replace(/\.?0+$/, ""), exp);
      } else {
        body = a.toFixed(Math.max(0, p - 1 - exp));
        if (!spec.sharp && body.includes(".")) body = body.replace(/\.?0+$/, "");
      }
    }
  }
  if (verb === "E" || verb === "G") body = body.toUpperCase();
  return pad(signed(body, neg, spec), spec, true);
}

function badVerb(verb: string, arg: unknown): string {
  if (isNil(arg)) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
}

function truncateRunes(s: string, prec: number | undefined): string {
  if (prec === undefined) return s;
  return [...s].slice(0, prec).join("");
}

function hexBytes(bytes: Uint8Array, verb: string, spec: Spec): string {
  const parts = [...bytes].map((b) => {
    const h = b.toString(16).padStart(2, "0");
    return verb === "X" ? h.toUpperCase() : h;
  });
  const pre = spec.sharp ? (verb === "X" ? "0X" : "0x") : "";
  if (spec.space) return parts.map((p) => pre + p).join(" ");
  return pre + parts.join("");
}

/** Formats a string operand. */
function formatStringArg(arg: string, verb: string, spec: Spec): string {
  switch (verb) {
    case "v":
      if (spec.sharp) return pad(goQuote(arg), spec, false);
      return pad(truncateRunes(arg, spec.prec), spec, false);
    case "s":
      return pad(truncateRunes(arg, spec.prec), spec, false);
    case "q": {
      const s = truncateRunes(arg, spec.prec);
      if (spec.sharp && canBackquote(s)) return pad("`" + s + "`", spec, false);
      return pad(goQuote(s, spec.plus), spec, false);
    }
    case "x":
    case "X": {
      let bytes = utf8(arg);
      if (spec.prec !== undefined) bytes = bytes.subarray(0, spec.prec);
      return pad(hexBytes(bytes, verb, spec), spec, false);
    }
  }
  return badVerb(verb, arg);
}

/** Formats a number or bigint operand. */
function formatNumberArg(arg: number | bigint, verb: string, spec: Spec): string {
  const n = Number(arg);
  const integral = typeof arg === "bigint" || Number.isInteger(n);
  switch (verb) {
    case "v":
      if (integral) return formatInteger(n, "d", spec);
      return formatFloat(n, "g", spec);
    case "d":
    case "b":
    case "o":
    case "O":
    case "x":
    case "X":
      if (integral) return formatInteger(n, verb, spec);
      return badVerb(verb, arg);
    case "c":
      if (integral) return pad(String.fromCodePoint(validRune(n)), spec, false);
      return badVerb(verb, arg);
    case "q":
      if (integral) return pad(goQuoteRune(n, spec.plus), spec, false);
      return badVerb(verb, arg);
    case "U": {
      if (!integral) return badVerb(verb, arg);
      const u = "U+" + n.toString(16).toUpperCase().padStart(4, "0");
      const withChar = spec.sharp ? `${u} '${String.fromCodePoint(validRune(n))}'` : u;
      return pad(withChar, spec, false);
    }
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
      return formatFloat(n, verb, spec);
  }
  return badVerb(verb, arg);
}

/** Formats one operand with one verb. */
function formatArg(arg: unknown, verb: string, spec: Spec): string {
  if (verb === "T") return pad(goTypeName(arg), spec, false);
  if (Array.isArray(arg) && verb !== "v") {
    return `[${arg.map((e) => formatArg(e, verb, { ...spec, width: undefined })).join(" ")}]`;
  }
  if (isNil(arg)) {
    return verb === "v" ? pad("<nil>", spec, false) : badVerb(verb, arg);
  }
  switch (typeof arg) {
    case "boolean":
      if (verb === "t" || verb === "v") return pad(String(arg), spec, false);
      return badVerb(verb, arg);
    case "string":
      return formatStringArg(arg, verb, spec);
    case "number":
    case "bigint":
      return formatNumberArg(arg, verb, spec);
  }
  if (arg instanceof Uint8Array && (verb === "s" || verb === "x" || verb === "X" || verb === "q")) {
    const s = new TextDecoder().decode(arg);
    return verb === "s" || verb === "q"
      ? formatArg(s, verb, spec)
      : pad(hexBytes(arg, verb, spec), spec, false);
  }
  if (verb === "v") return pad(formatValue(arg), spec, false);
  if (verb === "s" || verb === "q") {
    const self = typeof arg === "object" ? selfPrinting(arg as object) : undefined;
    if (self !== undefined) return formatArg(self, verb, spec);
  }
  return badVerb(verb, arg);
}

/** Go's `tooLarge`: widths and precisions beyond a million are refused. */
function tooLarge(n: number): boolean {
  return n > 1e6 || n < -1e6;
}

/**
 * Go's `parsenum`: decimal digits at `start`. A number that grows too large
 * ends the parse (`next` is the end of the format, so the verb is missing).
 */
function parseNum(format: string, start: number): { value: number; isNum: boolean; next: number } {
  let value = 0;
  let i = start;
  for (; i < format.length && format[i] >= "0" && format[i] <= "9"; i++) {
    if (tooLarge(value)) return { value: 0, isNum: false, next: format.length };
    value = value * 10 + (format.charCodeAt(i) - 48);
  }
  return { value, isNum: i > start, next: i };
}

/** Where `sprintf` is: the next format byte and the next argument. */
interface Cursor {
  i: number;
  argi: number;
}

/** The flags `-+# 0` after a `%`. */
function parseFlags(format: string, at: Cursor): Spec {
  const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
  for (; at.i < format.length; at.i++) {
    const c = format[at.i];
    if (c === "-") spec.minus = true;
    else if (c === "+") spec.plus = true;
    else if (c === "#") spec.sharp = true;
    else if (c === " ") spec.space = true;
    else if (c === "0") spec.zero = true;
    else break;
  }
  return spec;
}

/**
 * The width and `.precision` of a verb (digits, or `*` taking an argument)
 * into `spec`; returns Go's `%!(BADWIDTH)` / `%!(BADPREC)` text, if any.
 */
function parseWidthAndPrecision(format: string, args: unknown[], at: Cursor, spec: Spec): string {
  let bad = "";
  if (format[at.i] === "*") {
    at.i++;
    const w = args[at.argi++];
    if (typeof w === "number" && Number.isInteger(w) && !tooLarge(w)) {
      spec.width = Math.abs(w);
      if (w < 0) spec.minus = true;
    } else bad += "%!(BADWIDTH)";
  } else {
    const num = parseNum(format, at.i);
    if (num.isNum) spec.width = num.value;
    at.i = num.next;
  }
  if (format[at.i] === ".") {
    at.i++;
    if (format[at.i] === "*") {
      at.i++;
      const p = args[at.argi++];
      if (typeof p === "number" && Number.isInteger(p) && p >= 0 && !tooLarge(p)) spec.prec = p;
      else bad += "%!(BADPREC)";
    } else {
      const num = parseNum(format, at.i);
      spec.prec = num.isNum ? num.value : 0;
      at.i = num.next;
    }
  }
  return bad;
}

/** Go `fmt.Sprintf` for the common verbs (`v s d q t x X o b c U e f g T`). */
export function sprintf(format: string, args: unknown[]): string {
  let out = "";
  const at: Cursor = { i: 0, argi: 0 };
  const n = format.length;
  while (at.i < n) {
    const pct = format.indexOf("%", at.i);
    if (pct < 0) {
      out += format.slice(at.i);
      break;
    }
    out += format.slice(at.i, pct);
    at.i = pct + 1;
    const spec = parseFlags(format, at);
    const bad = parseWidthAndPrecision(format, args, at, spec);
    out += bad;
    if (at.i >= n) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(at.i)!);
    at.i += verb.length;
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (at.argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[at.argi++], verb, spec);
  }
  if (at.argi < args.length) {
    const extra = args.slice(at.argi).map((a) =>
      isNil(a) ? "<nil>" : `${goTypeName(a)}=${formatValue(a)}`
    );
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}
