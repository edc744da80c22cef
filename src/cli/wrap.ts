/**
 * Minimum-raggedness word wrapping, the algorithm of the `kr/text` `Wrap`
 * function Consul uses for its help output: words are split on whitespace
 * and lines are chosen to minimise the sum of squared trailing gaps (the
 * last line is free), with a large penalty for a line over the limit (only
 * possible when a single word is longer than the limit).
 *
 * @module
 */

const OVERFLOW_PENALTY = 100_000;

/** Wrap `text` into lines of at most `limit` characters where possible. */
export function wrapText(text: string, limit: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== "");
  const n = words.length;
  if (n === 0) return [""];
  const sizes = words.map((w) => [...w].length);
  // width(i, j): length of words i..j joined by single spaces.
  const prefix = [0];
  for (const s of sizes) prefix.push(prefix[prefix.length - 1] + s);
  const width = (i: number, j: number) => prefix[j + 1] - prefix[i] + (j - i);

  const cost = new Array<number>(n).fill(Number.MAX_SAFE_INTEGER);
  const next = new Array<number>(n).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    if (width(i, n - 1) <= limit || i === n - 1) {
      cost[i] = 0;
      next[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const line = width(i, j - 1);
      const gap = limit - line;
      let c = gap * gap + cost[j];
      if (line > limit) c += OVERFLOW_PENALTY;
      if (c < cost[i]) {
        cost[i] = c;
        next[i] = j;
      }
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < n; i = next[i]) lines.push(words.slice(i, next[i]).join(" "));
  return lines;
}
