/**
 * A nesting-depth limit for JSON text supplied by users (the `*_json`
 * `Proxy.Config` keys, the access-log `JSONFormat`), checked before the text
 * is parsed. Without it a deeply nested value passes `JSON.parse` but
 * overflows the stack later (serialisation, key sorting), and its indented
 * form grows with the square of the depth. Pure.
 *
 * @module
 */

/**
 * The deepest nesting of `[`/`{` accepted in a user-supplied JSON value.
 * Real Envoy resources (a listener with its filter chains, HTTP filters and
 * routes) nest a few dozen levels; at this depth the indented output of one
 * value carries about 20 KB of indentation, and serialisation stays far
 * from the stack limit.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * The deepest `[`/`{` nesting in `text`, ignoring brackets inside strings;
 * stops counting (and returns) as soon as the depth exceeds `limit`.
 * Iterative, linear in the length of `text`, and tolerant of invalid JSON
 * (the parser reports that afterwards).
 */
export function jsonNestingDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return deepest;
}

/**
 * `undefined` when `text` nests at most {@linkcode MAX_JSON_DEPTH} levels,
 * else the reason to report after the key's name.
 */
export function depthError(text: string, limit = MAX_JSON_DEPTH): string | undefined {
  if (jsonNestingDepth(text, limit) <= limit) return undefined;
  return `is nested more than ${limit} levels deep (at most ${limit} levels of [ and { are accepted)`;
}
