import { assert, assertEquals } from "../helpers/assert.ts";
import { wrapText } from "../../src/cli/wrap.ts";

Deno.test("wrapText: short text stays on one line, whitespace collapsed", () => {
  assertEquals(wrapText("  a  b\nc ", 10), ["a b c"]);
  assertEquals(wrapText("", 10), [""]);
});

Deno.test("wrapText: lines never exceed the limit and keep every word", () => {
  const text = "the quick brown fox jumps over the lazy dog and keeps on running far away";
  for (const limit of [10, 15, 20, 33]) {
    const lines = wrapText(text, limit);
    for (const l of lines) assert(l.length <= limit, `${limit}: ${l}`);
    assertEquals(lines.join(" "), text);
  }
});

Deno.test("wrapText: balances lines instead of filling greedily", () => {
  // Greedy would give ["aaa bb", "cc", "ddddd"]; balanced minimises squared gaps.
  assertEquals(wrapText("aaa bb cc ddddd", 6), ["aaa", "bb cc", "ddddd"]);
});

Deno.test("wrapText: an over-long word gets its own line", () => {
  assertEquals(wrapText("a verylongword b", 5), ["a", "verylongword", "b"]);
});
