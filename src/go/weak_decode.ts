/**
 * mapstructure-style "weak" decoding of JSON values into strings and string
 * lists (go-viper/mapstructure v2.4.0 `WeakDecode`), as Consul decodes a
 * proxy's `Config` map: numbers and booleans become strings, a lone value
 * becomes a one-element list. Pure.
 *
 * @module
 */

/** Result of one weak conversion: a value or an error text. */
export type WeakResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Go's `%T` name of a decoded JSON value that cannot become a string. */
function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return "[]interface {}";
  if (v !== null && typeof v === "object") return "map[string]interface {}";
  return typeof v;
}

/**
 * Format a float like Go's `strconv.FormatFloat(f, 'f', -1, 64)`: the
 * shortest decimal that round-trips, never in exponent notation.
 */
export function formatFloatNoExponent(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (!Number.isFinite(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const text = String(f);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, frac = "", expText] = m;
  const digits = lead + frac;
  const exp = Number(expText);
  // Position of the decimal point counted from the start of `digits`.
  const point = 1 + exp;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Weakly convert a JSON value to a string: strings as is, numbers as
 * shortest decimals, booleans as `"1"`/`"0"`; objects and arrays fail with
 * mapstructure's message naming `name`. `null` is the caller's business
 * (it means "unset" for a top-level key, `""` for a list element).
 */
export function weakString(name: string, value: unknown): WeakResult<string> {
  switch (typeof value) {
    case "string":
      return { ok: true, value };
    case "number":
      return { ok: true, value: formatFloatNoExponent(value) };
    case "boolean":
      return { ok: true, value: value ? "1" : "0" };
  }
  if (value === null || value === undefined) return { ok: true, value: "" };
  return {
    ok: false,
    error: `'${name}' expected type 'string', got unconvertible type '${goTypeName(value)}'`,
  };
}

/**
 * Weakly convert a JSON value to a list of strings: arrays element-wise,
 * scalars to a one-element list, `{}` to an empty list, a non-empty object to
 * a one-element list (whose element then fails). Returns every element error.
 */
export function weakStringList(
  name: string,
  value: unknown,
): { ok: true; value: string[] } | { ok: false; errors: string[] } {
  let items: unknown[];
  if (Array.isArray(value)) {
    items = value;
  } else if (value !== null && typeof value === "object") {
    items = Object.keys(value).length === 0 ? [] : [value];
  } else {
    items = [value];
  }
  const out: string[] = [];
  const errors: string[] = [];
  items.forEach((item, i) => {
    const r = weakString(`${name}[${i}]`, item);
    if (r.ok) out.push(r.value);
    else errors.push(r.error);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

/**
 * Find `key` in `map`: the exact key first, then the first key equal to it
 * ignoring case (Go `strings.EqualFold`). Returns `undefined` when absent.
 */
export function lookupKey(map: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(map, key)) return map[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(map)) {
    if (k.toLowerCase() === lower) return map[k];
  }
  return undefined;
}
