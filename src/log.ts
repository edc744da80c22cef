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

/** Replace every occurrence of each non-empty secret with `<redacted>`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s !== "") out = out.split(s).join("<redacted>");
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
