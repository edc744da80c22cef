/**
 * An {@linkcode Io} that records everything written, so a test can read
 * back what a stage printed.
 *
 * @module
 */

import type { Io } from "../../src/io.ts";

/** An `Io` that records everything: `out` holds stdout, `err` stderr. */
export function memoryIo(): Io & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}
