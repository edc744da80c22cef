/**
 * Sizes and durations in messages.
 *
 * @module
 */

/** `n` bytes (or characters) in binary units: `16 MiB`, `64 KiB`, `1000 bytes`. */
export function sizeText(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** Milliseconds as seconds: `30000` → `30s`, `1500` → `1.5s`. */
export function secondsText(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}
