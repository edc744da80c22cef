/**
 * The process's text streams, injected so that every stage can be tested
 * without touching the real stdout/stderr.
 *
 * @module
 */

import { CliError } from "./errors.ts";

/** Where a stage writes user-visible text. Each call writes exactly `text`. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const encoder = new TextEncoder();

/** The one line printed when the reader of stdout went away (`… | head -c1`). */
export const STDOUT_CLOSED_MESSAGE =
  "connect-envoy: writing to stdout: broken pipe (the reading end was closed)";

/** A stream that can be written synchronously (`Deno.stdout`, `Deno.stderr`). */
export interface SyncWriter {
  writeSync(p: Uint8Array): number;
}

/** Write all of `text` to `stream`, looping over short writes. */
export function writeAll(stream: SyncWriter, text: string): void {
  let data = encoder.encode(text);
  while (data.length > 0) {
    const n = stream.writeSync(data);
    data = data.subarray(n);
  }
}

/** An OS error's reason without Deno's `(os error N)` suffix, starting lower-case. */
function writeReason(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err))
    .replace(/\s*\(os error \d+\)\s*$/, "").replace(/\s+/g, " ").trim();
  return text === "" ? "write failed" : text[0].toLowerCase() + text.slice(1);
}

/**
 * Like {@linkcode writeAll}, but a failed write (a closed reading end, a
 * full disk, …) becomes a {@linkcode CliError} with one line naming stdout
 * instead of an internal error.
 */
export function writeStdout(stream: SyncWriter, text: string): void {
  try {
    writeAll(stream, text);
  } catch (err) {
    if (err instanceof Deno.errors.BrokenPipe) throw new CliError(STDOUT_CLOSED_MESSAGE);
    throw new CliError(`connect-envoy: writing to stdout: ${writeReason(err)}`);
  }
}

/** The real process streams (synchronous, unbuffered writes). */
export const processIo: Io = {
  stdout: (text) => writeStdout(Deno.stdout, text),
  stderr: (text) => writeAll(Deno.stderr, text),
};
