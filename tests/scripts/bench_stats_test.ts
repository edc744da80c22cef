import { assertEquals, assertThrowsMatching } from "../helpers/assert.ts";
import { maximum, median, percentile, summarize } from "../../scripts/bench/stats.ts";

Deno.test("median: odd and even counts, order-independent", () => {
  const table: [number[], number][] = [
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 10, 90], 10],
    [[-1, 1], 0],
  ];
  for (const [xs, want] of table) assertEquals(median(xs), want, JSON.stringify(xs));
});

Deno.test("percentile: nearest rank", () => {
  const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
  const table: [number[], number, number][] = [
    [ten, 90, 9],
    [ten, 100, 10],
    [ten, 50, 5],
    [ten, 10, 1],
    [ten, 1, 1],
    [[1, 2, 3], 90, 3],
    [[42], 90, 42],
    // 15 runs (the bench default): rank ceil(13.5) = 14.
    [Array.from({ length: 15 }, (_, i) => i + 1), 90, 14],
  ];
  for (const [xs, p, want] of table) assertEquals(percentile(xs, p), want, `p${p} of ${xs}`);
});

Deno.test("statistics reject empty input, bad percentiles and non-finite samples", () => {
  assertThrowsMatching(() => median([]), /no samples/);
  assertThrowsMatching(() => percentile([1], 0), /out of range/);
  assertThrowsMatching(() => percentile([1], 101), /out of range/);
  assertThrowsMatching(() => maximum([1, NaN]), /not a finite sample/);
});

Deno.test("summarize does not reorder its input", () => {
  const xs = [3, 1, 2];
  assertEquals(summarize(xs), { median: 2, p90: 3, max: 3 });
  assertEquals(xs, [3, 1, 2]);
});
