/**
 * URL building as Consul's Go API client does it: query keys sorted bytewise with form-encoded values, and IDs placed in
 * the path with URL path escaping.
 *
 * @module
 */

const encoder = new TextEncoder();

function isUnreserved(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) ||
    b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e;
}

function pct(b: number): string {
  return "%" + b.toString(16).toUpperCase().padStart(2, "0");
}

/** Go `url.QueryEscape`: unreserved bytes kept, space → `+`, everything else `%XX`. */
export function formEncode(value: string): string {
  let out = "";
  for (const b of encoder.encode(value)) {
    if (isUnreserved(b)) out += String.fromCharCode(b);
    else if (b === 0x20) out += "+";
    else out += pct(b);
  }
  return out;
}

// Reserved characters Go leaves literal in a path ("?" is escaped).
const PATH_KEEP = new Set([..."$&+,/:;=@"].map((c) => c.charCodeAt(0)));

/** Go URL path escaping: unreserved and `$&+,/:;=@` kept, the rest `%XX` (space → `%20`). */
export function escapePath(path: string): string {
  let out = "";
  for (const b of encoder.encode(path)) {
    if (isUnreserved(b) || PATH_KEEP.has(b)) out += String.fromCharCode(b);
    else out += pct(b);
  }
  return out;
}

/**
 * Go `url.Values.Encode` for single values: `k=v` pairs joined by `&`, keys
 * sorted bytewise; an empty value gives `k=`. `""` when there are no keys.
 */
export function encodeQuery(params: Record<string, string>): string {
  const keys = Object.keys(params).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => `${formEncode(k)}=${formEncode(params[k])}`).join("&");
}
