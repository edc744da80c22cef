/**
 * "Did you mean …?" for typos in flag and function names.
 *
 * @module
 */

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The known name nearest to a typo (case-insensitive match or edit distance ≤ 2), if any. */
export function closestName(typo: string, names: readonly string[]): string | undefined {
  const lower = typo.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const d = name.toLowerCase() === lower ? 0 : editDistance(lower, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
