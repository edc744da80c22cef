/**
 * Hints appended to Go-style flag errors, so the line says what to do:
 * a duration flag given a bare number (`-wait-for-registration 3`) is told
 * to add a unit, and any other unparsable duration is shown the form.
 *
 * @module
 */

/** Flags whose value is a Go duration (`90s`, `1m30s`, `6h`). */
export const DURATION_FLAGS: ReadonlySet<string> = new Set([
  "wait-for-registration",
  "deregister-after-critical",
]);

const INVALID = /^invalid value "((?:[^"\\]|\\.)*)" for flag -([\w-]+): parse error$/;

/**
 * `message` with a hint appended when it is a duration flag's parse error
 * (`invalid value "3" for flag -wait-for-registration: parse error`);
 * otherwise `undefined`.
 */
export function durationHint(message: string): string | undefined {
  const m = INVALID.exec(message);
  if (m === null || !DURATION_FLAGS.has(m[2])) return undefined;
  const value = m[1];
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
    const unsigned = value.replace(/^\+/, "");
    return `${message} (a duration needs a unit, e.g. ${unsigned}s)`;
  }
  if (value.startsWith("-")) return `${message} (the duration must not be negative)`;
  return `${message} (want a duration such as 30s, 1m30s or 6h)`;
}
