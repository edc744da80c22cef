/**
 * How `deno task test` runs the suite: every `*_test.ts` file under
 * `tests/` is imported by one of a few shard modules, and each shard runs in
 * one isolate. Deno gives every test module its own isolate, and starting
 * one (and loading its imports again) costs about a third of a CPU-second
 * per file; with over a hundred test files that was most of the suite's
 * time. Files are found at run time, so a new test file needs no listing;
 * `deno task check` type-checks them all.
 *
 * A single test file still runs on its own: `deno test -A tests/go/quote_test.ts`.
 *
 * @module
 */

/** How many shards the suite is split into (the shard modules `shard_<i>.ts`). */
export const SHARD_COUNT = 8;

const TESTS_ROOT = new URL("../", import.meta.url);

/** Every `*_test.ts` under `tests/`, as sorted paths relative to `tests/`. */
export async function testFiles(root: URL = TESTS_ROOT): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: URL, rel: string) => {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) await walk(new URL(`${entry.name}/`, dir), `${rel}${entry.name}/`);
      else if (entry.isFile && entry.name.endsWith("_test.ts")) found.push(rel + entry.name);
    }
  };
  await walk(root, "");
  return found.sort();
}

/** The files of shard `index` (of `count`): every `count`-th file, round robin. Pure. */
export function shardFiles(files: readonly string[], index: number, count = SHARD_COUNT): string[] {
  return files.filter((_, i) => i % count === index);
}

/** Import (and so register the tests of) every file of shard `index`. */
export async function loadShard(index: number): Promise<void> {
  for (const file of shardFiles(await testFiles(), index)) {
    await import(new URL(file, TESTS_ROOT).href);
  }
}
