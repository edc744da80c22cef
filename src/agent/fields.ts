/**
 * Case-insensitive field access on decoded agent answers: Consul's client
 * matches JSON keys to struct fields case-insensitively (exact match first).
 *
 * @module
 */

/** `obj[name]`, else the first key equal to `name` ignoring case, else `undefined`. */
export function field(obj: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) {
    if (key.toLowerCase() === lower) return obj[key];
  }
  return undefined;
}

/** A string field, or `""` when absent or not a string. */
export function stringField(obj: Record<string, unknown>, name: string): string {
  const v = field(obj, name);
  return typeof v === "string" ? v : "";
}

/** An object field, or `undefined` when absent or not a plain object. */
export function objectField(
  obj: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const v = field(obj, name);
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? v as Record<string, unknown>
    : undefined;
}
