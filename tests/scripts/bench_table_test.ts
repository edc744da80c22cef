import { assertEquals, assertThrowsMatching } from "../helpers/assert.ts";
import { type Column, fixed, formatTable, ratio } from "../../scripts/bench/table.ts";

const columns: Column[] = [
  { header: "name", align: "left" },
  { header: "ms", align: "right" },
];

Deno.test("formatTable pads columns and marks alignment in the rule", () => {
  const text = formatTable(columns, [["floor", "22.5"], ["connect-envoy", "7.0"]]);
  const lines = text.split("\n");
  assertEquals(lines.length, 5);
  assertEquals(lines[4], "");
  assertEquals(lines[0], "| name          |   ms |");
  assertEquals(lines[1], "|:--------------|-----:|");
  assertEquals(lines[2], "| floor         | 22.5 |");
  assertEquals(lines[3], "| connect-envoy |  7.0 |");
  const widths = lines.slice(0, 4).map((l) => l.length);
  assertEquals(new Set(widths).size, 1);
});

Deno.test("formatTable: narrow columns keep a 3-character minimum, empty tables have a header", () => {
  const text = formatTable([{ header: "n", align: "right" }], []);
  assertEquals(text, "|   n |\n|----:|\n");
});

Deno.test("formatTable rejects rows with the wrong number of cells", () => {
  assertThrowsMatching(() => formatTable(columns, [["only one"]]), /row 0 has 1 cells, expected 2/);
});

Deno.test("fixed and ratio format numbers and show a dash when absent", () => {
  const table: [string, string][] = [
    [fixed(1.25, 1), "1.3"],
    [fixed(3, 0), "3"],
    [fixed(undefined, 1), "–"],
    [ratio(1.5), "1.50×"],
    [ratio(undefined), "–"],
  ];
  for (const [got, want] of table) assertEquals(got, want);
});
