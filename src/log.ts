/**
 * The `-enable-config-gen-logging` debug log:
 * `<timestamp> [DEBUG] <message>: key=value …` lines on stderr. Every line
 * passes through {@linkcode redact}, so a secret can never be logged even if
 * a caller slips it into a value.
 *
 * @module
 */

import type { Io } from "./io.ts";

/** A leveled logger; a disabled one does nothing. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

// Between two parts of a secret split at whitespace or control characters,
// a message may show the same characters, spaces (a message folded onto one
// line), escapes (`\n`, `\u000a`, `\x0a`, with any number of backslashes:
// JSON inside JSON), or nothing (controls stripped).
const SEPARATOR = String
  .raw`(?:[\s\x00-\x1f\x7f]|\\+(?:[nrtfvb0]|u00[0-9a-fA-F]{2}|x[0-9a-fA-F]{2}))`;

/** A regular expression for one part: `"` and `\` may appear escaped. */
function partPattern(part: string): string {
  let out = "";
  for (const ch of part) {
    if (ch === "\\") out += String.raw`\\+`;
    else if (ch === '"') out += String.raw`\\*"`;
    else out += ch.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  }
  return out;
}

/**
 * A pattern matching `secret` as written, folded onto one line, JSON- or
 * Go-escaped (once or more), or with its control characters removed;
 * `undefined` for an empty (or all-whitespace) secret.
 */
export function secretPattern(secret: string): RegExp | undefined {
  // deno-lint-ignore no-control-regex -- control characters are what this matches
  const parts = secret.split(/[\s\x00-\x1f\x7f]+/).filter((p) => p !== "");
  if (parts.length === 0) return undefined;
  // Short secrets must keep a visible separator, so "a b" does not redact every "ab".
  const sep = secret.length >= 8 ? `${SEPARATOR}*` : `${SEPARATOR}+`;
  return new RegExp(parts.map(partPattern).join(sep), "g");
}

/** Replace every occurrence of each non-empty secret, in any form above, with `<redacted>`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s === "") continue;
    out = out.split(s).join("<redacted>");
    const re = secretPattern(s);
    if (re !== undefined) out = out.replace(re, "<redacted>");
  }
  return out;
}

/** A logger that writes nothing. */
export const silentLogger: Logger = { debug() {}, warn() {} };

/**
 * A stderr logger. `secrets()` is consulted on every line (the token is only
 * known part-way through the run).
 */
export function createLogger(
  io: Io,
  enabled: boolean,
  secrets: () => readonly string[],
  now: () => Date = () => new Date(),
): Logger {
  if (!enabled) return silentLogger;
  const line = (level: string, message: string, fields?: Record<string, unknown>) => {
    const kv = fields === undefined ? "" : Object.entries(fields)
      .map(([k, v]) => ` ${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join("");
    const text = `${now().toISOString()} [${level}] ${message}${kv === "" ? "" : ":" + kv}\n`;
    io.stderr(redact(text, secrets()));
  };
  return {
    debug: (m, f) => line("DEBUG", m, f),
    warn: (m, f) => line("WARN", m, f),
  };
}
