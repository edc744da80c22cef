/**
 * Go's `strconv.ParseBool`, the boolean syntax of Go flags and of the
 * `CONSUL_HTTP_SSL*` environment variables.
 *
 * @module
 */

const TRUE_SPELLINGS = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE_SPELLINGS = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/**
 * Parse `text` like Go's `strconv.ParseBool`: `1 t T TRUE true True` are
 * true, `0 f F FALSE false False` are false; anything else is `undefined`.
 */
export function parseGoBool(text: string): boolean | undefined {
  if (TRUE_SPELLINGS.has(text)) return true;
  if (FALSE_SPELLINGS.has(text)) return false;
  return undefined;
}
