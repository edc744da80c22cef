/**
 * Plain-text table formatting for the benchmark report (pure). The output is
 * a Markdown pipe table with padded columns, readable in a terminal and
 * pasteable into `docs/performance.md` as is.
 *
 * @module
 */

/** Column alignment: text left, numbers right. */
export type Align = "left" | "right";

/** One column: its header and alignment. */
export interface Column {
  header: string;
  align: Align;
}

/** Format rows of cells (already strings) under the given columns. */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  for (const [i, row] of rows.entries()) {
    if (row.length !== columns.length) {
      throw new RangeError(`row ${i} has ${row.length} cells, expected ${columns.length}`);
    }
  }
  const widths = columns.map((c, i) =>
    Math.max(3, c.header.length, ...rows.map((r) => r[i].length))
  );
  const pad = (text: string, i: number) =>
    columns[i].align === "right" ? text.padStart(widths[i]) : text.padEnd(widths[i]);
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `|${
    columns.map((c, i) =>
      c.align === "right" ? `${"-".repeat(widths[i] + 1)}:` : `:${"-".repeat(widths[i] + 1)}`
    ).join("|")
  }|`;
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join("\n") + "\n";
}

/** A number with a fixed count of decimals (`"–"` for `undefined`). */
export function fixed(value: number | undefined, decimals: number): string {
  return value === undefined ? "–" : value.toFixed(decimals);
}

/** A ratio as `1.23×` (`"–"` for `undefined`). */
export function ratio(value: number | undefined): string {
  return value === undefined ? "–" : `${value.toFixed(2)}×`;
}
