/**
 * Field access on decoded agent answers the way Go's `encoding/json` fills
 * a struct: keys match field names case-insensitively, and when several keys
 * match, the last one in the object wins (each later key overwrites).
 *
 * @module
 */

/** Whether a decoded JSON value is an object (not `null`, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The value of the last key equal to `name` ignoring case, else `undefined`. */
export function field(obj: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  let value: unknown = undefined;
  for (const key of Object.keys(obj)) {
    if (key.toLowerCase() === lower) value = obj[key];
  }
  return value;
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
  return isObject(v) ? v : undefined;
}
