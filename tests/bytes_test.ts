import { assertEquals, assertRejects } from "./helpers/assert.ts";
import { concatBytes, readCapped } from "../src/bytes.ts";

/** A source that hands out `pieces` one read at a time. */
function source(pieces: number[][]) {
  let i = 0;
  return {
    read(p: Uint8Array): Promise<number | null> {
      if (i === pieces.length) return Promise.resolve(null);
      p.set(pieces[i]);
      return Promise.resolve(pieces[i++].length);
    },
  };
}

Deno.test("concatBytes joins chunks in order, none at all is empty", () => {
  const joined = concatBytes([new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3])]);
  assertEquals(joined, new Uint8Array([1, 2, 3]));
  assertEquals(concatBytes([]), new Uint8Array());
});

Deno.test("readCapped: reads to the end within the cap, throws the caller's error past it", async () => {
  assertEquals(
    await readCapped(source([[1, 2], [3]]), 3, () => new Error("big")),
    new Uint8Array([1, 2, 3]),
  );
  const err = await assertRejects(() =>
    readCapped(source([[1, 2], [3, 4]]), 3, () => new Error("big"))
  );
  assertEquals((err as Error).message, "big");
});
