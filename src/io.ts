/**
 * The process's text streams, injected so that every stage can be tested
 * without touching the real stdout/stderr.
 *
 * @module
 */

/** Where a stage writes user-visible text. Each call writes exactly `text`. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const encoder = new TextEncoder();

function writeAll(stream: { writeSync(p: Uint8Array): number }, text: string): void {
  let data = encoder.encode(text);
  while (data.length > 0) {
    const n = stream.writeSync(data);
    data = data.subarray(n);
  }
}

/** The real process streams (synchronous, unbuffered writes). */
export const processIo: Io = {
  stdout: (text) => writeAll(Deno.stdout, text),
  stderr: (text) => writeAll(Deno.stderr, text),
};
