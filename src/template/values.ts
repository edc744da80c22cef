/**
 * How JavaScript values play Go's roles inside templates: type names for
 * messages, truthiness, field lookup and iteration.
 *
 * Mapping: `null`/`undefined` ⇒ nil; strings, booleans; numbers (integral ⇒
 * Go int, otherwise float64); arrays ⇒ slices; plain objects and `Map` ⇒ maps;
 * any other object (class instance) ⇒ a struct whose fields are its properties
 * and whose methods are its function-valued properties.
 *
 * @module
 */

/** Marker for "no value piped into this command" (distinct from nil). */
export const MISSING: unique symbol = Symbol("missing");

/** True for Go's nil (`null` or `undefined`). */
export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** A plain object (`{}` literal or `Object.create(null)`), i.e. a Go map. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Go-style type name of a value, for error messages (`string`, `int`, …). */
export function goTypeName(v: unknown): string {
  if (isNil(v)) return "<nil>";
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(v) ? "int" : "float64";
    case "bigint":
      return "int64";
    case "function":
      return "func";
  }
  if (Array.isArray(v)) return "[]interface {}";
  if (v instanceof Uint8Array) return "[]uint8";
  if (isPlainObject(v) || v instanceof Map) return "map[string]interface {}";
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return ctor?.name ? ctor.name : "object";
}

/** Go's `isTrue`: nil, false, 0, "" and empty collections are false. */
export function truth(v: unknown): boolean {
  if (isNil(v)) return false;
  switch (typeof v) {
    case "string":
      return v.length > 0;
    case "boolean":
      return v;
    case "number":
      return v !== 0 && !Number.isNaN(v);
    case "bigint":
      return v !== 0n;
  }
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

/** Result of looking up `.Name` on a receiver. */
export type FieldLookup =
  | { found: true; value: unknown; method?: (...args: unknown[]) => unknown }
  | { found: false };

/**
 * Looks up a field (or method) named `name` on `receiver`.
 * Maps (plain objects, `Map`) look up the key; other objects look up own and
 * inherited properties except those of `Object.prototype`. Primitives, arrays
 * and nil have no fields.
 */
export function lookupField(receiver: unknown, name: string): FieldLookup {
  if (isNil(receiver) || typeof receiver !== "object") return { found: false };
  if (receiver instanceof Map) {
    return receiver.has(name) ? { found: true, value: receiver.get(name) } : { found: false };
  }
  if (Array.isArray(receiver)) return { found: false };
  if (isPlainObject(receiver)) {
    if (!Object.hasOwn(receiver, name)) return { found: false };
    return { found: true, value: receiver[name] };
  }
  let o: object | null = receiver;
  while (o !== null && o !== Object.prototype) {
    if (Object.hasOwn(o, name)) {
      const value = (receiver as Record<string, unknown>)[name];
      if (typeof value === "function") {
        return {
          found: true,
          value,
          method: (...args: unknown[]) =>
            (value as (...a: unknown[]) => unknown).apply(receiver, args),
        };
      }
      return { found: true, value };
    }
    o = Object.getPrototypeOf(o);
  }
  return { found: false };
}

/** Keys of a map-like value in Go's range/print order (sorted). */
export function sortedKeys(v: Record<string, unknown> | Map<unknown, unknown>): unknown[] {
  const keys = v instanceof Map ? [...v.keys()] : Object.keys(v);
  return keys.sort(compareKeys);
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Value stored under `key` in a map-like value. */
export function mapGet(v: Record<string, unknown> | Map<unknown, unknown>, key: unknown): unknown {
  return v instanceof Map ? v.get(key) : v[key as string];
}

/** UTF-8 bytes of a string (Go strings are byte sequences). */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
