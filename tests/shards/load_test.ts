import { assert, assertEquals } from "../helpers/assert.ts";
import { SHARD_COUNT, shardFiles, testFiles } from "./load.ts";

Deno.test("shards: together they import every test file exactly once", async () => {
  const files = await testFiles();
  assert(files.length > 50, `only ${files.length} test files found`);
  assert(files.includes("shards/load_test.ts") && files.includes("go/quote_test.ts"));
  const shards = Array.from({ length: SHARD_COUNT }, (_, i) => shardFiles(files, i));
  assertEquals(shards.flat().sort(), files);
  for (const shard of shards) assert(shard.length > 0, "an empty shard");
});

Deno.test("shards: one shard module per shard index", async () => {
  const here = new URL("./", import.meta.url);
  const modules: string[] = [];
  for await (const e of Deno.readDir(here)) {
    if (/^shard_\d+\.ts$/.test(e.name)) modules.push(e.name);
  }
  const want = Array.from({ length: SHARD_COUNT }, (_, i) => `shard_${i}.ts`);
  assertEquals(modules.sort(), want.sort());
  for (const name of want) {
    const text = await Deno.readTextFile(new URL(name, here));
    assert(text.includes(`loadShard(${name.match(/\d+/)![0]})`), `${name} loads its own shard`);
  }
});

Deno.test("shardFiles: round robin over the sorted list", () => {
  const files = ["a", "b", "c", "d", "e"];
  assertEquals(shardFiles(files, 0, 2), ["a", "c", "e"]);
  assertEquals(shardFiles(files, 1, 2), ["b", "d"]);
  assertEquals(shardFiles(files, 3, 4), ["d"]);
});
