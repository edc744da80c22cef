/**
 * Go `text/template` predefined functions (`and`, `or`, `not`, `len`,
 * `index`, `slice`, `print*`, `html`, `js`, `urlquery`, `call` and the
 * comparisons). `and`/`or` are listed for arity checks only; the executor
 * evaluates them lazily.
 *
 * @module
 */

import { formatValue, sprint, sprintf, sprintln } from "./format.ts";
import { goTypeName, isNil, isPlainObject, truth, utf8 } from "./values.ts";

/** A predefined function: argument-count bounds and the implementation. */
export interface Builtin {
  /** Minimum number of arguments (including a piped value). */
  min: number;
  /** Maximum number of arguments; undefined = variadic. */
  max?: number;
  fn: (args: unknown[]) => unknown;
}

type Kind = "invalid" | "bool" | "number" | "string" | "other";

function basicKind(v: unknown): Kind {
  if (isNil(v)) return "invalid";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "number":
    case "bigint":
      return "number";
    case "string":
      return "string";
  }
  return "other";
}

function isCollection(v: unknown): boolean {
  return Array.isArray(v) || isPlainObject(v) || v instanceof Map || v instanceof Set ||
    typeof v === "function";
}

/** Go's `eq arg1 arg2...`: true if arg1 equals any of the others. */
export function eq(args: unknown[]): boolean {
  const [a, ...rest] = args;
  if (rest.length === 0) throw new Error("missing argument for comparison");
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let equal = false;
    if (k1 !== k2) {
      if (k1 !== "invalid" && k2 !== "invalid") {
        throw new Error("incompatible types for comparison");
      }
    } else if (k1 === "other") {
      for (const x of [a, b]) {
        if (isCollection(x)) {
          throw new Error(`non-comparable type ${formatValue(x)}: ${goTypeName(x)}`);
        }
      }
      equal = a === b;
    } else if (k1 === "number") {
      equal = Number(a) === Number(b);
    } else {
      equal = a === b;
    }
    if (equal) return true;
  }
  return false;
}

function orderedKind(v: unknown): Kind {
  const k = basicKind(v);
  if (k !== "number" && k !== "string") throw new Error("invalid type for comparison");
  return k;
}

/** Go's `lt a b` (numbers or strings of the same kind). */
export function lt(a: unknown, b: unknown): boolean {
  if (orderedKind(a) !== orderedKind(b)) throw new Error("incompatible types for comparison");
  if (typeof a === "string") return a < (b as string);
  return Number(a) < Number(b);
}

function length(v: unknown): number {
  if (isNil(v)) throw new Error("len of nil pointer");
  if (typeof v === "string") return utf8(v).length;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length;
  if (v instanceof Map || v instanceof Set) return v.size;
  if (isPlainObject(v)) return Object.keys(v).length;
  throw new Error(`len of type ${goTypeName(v)}`);
}

function intIndex(i: unknown, size: number, what = "slice/array"): number {
  if (isNil(i)) throw new Error(`cannot index ${what} with nil`);
  if (typeof i !== "number" || !Number.isInteger(i)) {
    throw new Error(`cannot index ${what} with type ${goTypeName(i)}`);
  }
  if (i < 0 || i > size) throw new Error(`index out of range: ${i}`);
  return i;
}

function index(args: unknown[]): unknown {
  let item = args[0];
  if (isNil(item)) throw new Error("index of untyped nil");
  for (const idx of args.slice(1)) {
    if (isNil(item)) throw new Error("index of nil pointer");
    if (typeof item === "string" || Array.isArray(item) || item instanceof Uint8Array) {
      const seq = typeof item === "string" ? utf8(item) : item;
      const x = intIndex(idx, seq.length);
      if (x >= seq.length) throw new Error(`index out of range: ${x}`);
      item = seq[x];
    } else if (item instanceof Map) {
      item = item.get(idx);
    } else if (isPlainObject(item)) {
      if (typeof idx !== "string") {
        throw new Error(`value has type ${goTypeName(idx)}; should be string`);
      }
      item = Object.hasOwn(item, idx) ? item[idx] : undefined;
    } else {
      throw new Error(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function slice(args: unknown[]): unknown {
  const item = args[0];
  if (isNil(item)) throw new Error("slice of untyped nil");
  const idx = args.slice(1);
  if (idx.length > 3) throw new Error(`too many slice indexes: ${idx.length}`);
  let seq: string | unknown[];
  let cap: number;
  if (typeof item === "string") {
    if (idx.length === 3) throw new Error("cannot 3-index slice a string");
    seq = item;
    cap = utf8(item).length;
  } else if (Array.isArray(item)) {
    seq = item;
    cap = item.length;
  } else {
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  }
  const bounds = [0, cap];
  for (let i = 0; i < idx.length; i++) bounds[i] = intIndex(idx[i], cap);
  if (idx.length > 1 && bounds[1] < bounds[0]) {
    throw new Error(`invalid slice index: ${bounds[0]} > ${bounds[1]}`);
  }
  if (idx.length === 3 && bounds[2] < bounds[1]) {
    throw new Error(`invalid slice index: ${bounds[1]} > ${bounds[2]}`);
  }
  if (typeof seq === "string") {
    return new TextDecoder().decode(utf8(seq).subarray(bounds[0], bounds[1]));
  }
  return seq.slice(bounds[0], bounds[1]);
}

/** Go's evalArgs: a single string is used as is, otherwise Sprint. */
function argText(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args);
}

function htmlEscape(s: string): string {
  return s.replace(
    /[\0"'&<>]/g,
    (c) =>
      ({ "\0": "\uFFFD", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!,
  );
}

function jsEscape(s: string): string {
  let out = "";
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    switch (c) {
      case "\\":
        out += "\\\\";
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case "<":
      case ">":
      case "&":
      case "=":
      case "`":
        out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) {
      out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
    } else {
      out += c;
    }
  }
  return out;
}

function queryEscape(s: string): string {
  let out = "";
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function call(args: unknown[]): unknown {
  const [fn, ...rest] = args;
  if (isNil(fn)) throw new Error("call of nil");
  if (typeof fn !== "function") throw new Error(`non-function of type ${goTypeName(fn)}`);
  return fn(...rest);
}

/** The predefined functions, by name. */
export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["and", { min: 1, fn: (a) => a.find((x) => !truth(x)) ?? a[a.length - 1] }],
  ["or", { min: 1, fn: (a) => a.find((x) => truth(x)) ?? a[a.length - 1] }],
  ["not", { min: 1, max: 1, fn: (a) => !truth(a[0]) }],
  ["len", { min: 1, max: 1, fn: (a) => length(a[0]) }],
  ["index", { min: 1, fn: index }],
  ["slice", { min: 1, fn: slice }],
  ["call", { min: 1, fn: call }],
  ["print", { min: 0, fn: sprint }],
  ["println", { min: 0, fn: sprintln }],
  [
    "printf",
    {
      min: 1,
      fn: (a) => {
        if (typeof a[0] !== "string") {
          throw new Error(`wrong type for value; expected string; got ${goTypeName(a[0])}`);
        }
        return sprintf(a[0], a.slice(1));
      },
    },
  ],
  ["html", { min: 0, fn: (a) => htmlEscape(argText(a)) }],
  ["js", { min: 0, fn: (a) => jsEscape(argText(a)) }],
  ["urlquery", { min: 0, fn: (a) => queryEscape(argText(a)) }],
  ["eq", { min: 1, fn: eq }],
  ["ne", { min: 2, max: 2, fn: (a) => !eq(a) }],
  ["lt", { min: 2, max: 2, fn: (a) => lt(a[0], a[1]) }],
  ["le", { min: 2, max: 2, fn: (a) => lt(a[0], a[1]) || eq(a) }],
  ["gt", { min: 2, max: 2, fn: (a) => !(lt(a[0], a[1]) || eq(a)) }],
  ["ge", { min: 2, max: 2, fn: (a) => !lt(a[0], a[1]) }],
]);
