/**
 * Byte helpers for reading with a size cap: join chunks, and read a source
 * to its end without ever holding more than a given number of bytes.
 *
 * @module
 */

/** The chunks joined into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Anything with `read(buffer)` (a file, a connection). */
export interface ByteSource {
  read(p: Uint8Array): Promise<number | null>;
}

/**
 * Read `source` to its end in `bufferSize` pieces; throws `tooLarge()` as
 * soon as more than `maxBytes` have arrived.
 */
export async function readCapped(
  source: ByteSource,
  maxBytes: number,
  tooLarge: () => Error,
  bufferSize = 16 * 1024,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const buf = new Uint8Array(bufferSize);
  for (;;) {
    const n = await source.read(buf);
    if (n === null) break;
    total += n;
    if (total > maxBytes) throw tooLarge();
    chunks.push(buf.slice(0, n));
  }
  return concatBytes(chunks);
}
