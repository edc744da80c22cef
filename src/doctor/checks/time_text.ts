/**
 * Times in the agent's answers and durations in the checks' messages. Pure.
 *
 * @module
 */

/** RFC 3339 text → epoch ms; `undefined` when absent, zero (Go's zero time) or unparsable. */
export function parseTime(text: string): number | undefined {
  if (text === "" || text.startsWith("0001-01-01")) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A duration in words: `3d 4h`, `5h 12m`, `42m`, `30s`. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400),
    h = Math.floor((s % 86400) / 3600),
    m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return m > 0 ? `${m}m` : `${s}s`;
}
