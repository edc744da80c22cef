/**
 * Protobuf JSON durations (`"10s"`, `"0.25s"`) as Envoy reads them, and the
 * duration-valued `envoy_*` keys of `Proxy.Config` with the bounds Envoy
 * puts on the fields they fill. A value outside these is refused before a
 * bootstrap is printed, since Envoy would reject the whole document. Pure.
 *
 * @module
 */

import { parseGoDuration } from "../go/duration.ts";

/** A duration in nanoseconds (exact: protobuf allows up to 9 fractional digits). */
export type Nanos = bigint;

const NANOS_PER_SECOND = 1_000_000_000n;
/** Protobuf's limit on `Duration.seconds`: about 10,000 years. */
const MAX_SECONDS = 315_576_000_000n;

/**
 * Parse a protobuf JSON duration: optional `-`, decimal seconds with at most
 * nine fractional digits, then `s`; no spaces, exponents or other units.
 * `undefined` when the text is not one.
 */
export function parseProtoDuration(text: string): Nanos | undefined {
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(text);
  if (m === null) return undefined;
  const seconds = BigInt(m[2]);
  if (seconds > MAX_SECONDS) return undefined;
  const nanos = seconds * NANOS_PER_SECOND + BigInt((m[3] ?? "").padEnd(9, "0"));
  return m[1] === "-" ? -nanos : nanos;
}

/** A duration-valued key and Envoy's bounds on its field. */
export interface DurationKey {
  key: string;
  /** Smallest accepted value (inclusive). */
  min: Nanos;
  /** Largest accepted value (exclusive). */
  below: Nanos;
  /** Bounds in words, as Envoy documents them. */
  bounds: string;
}

/**
 * Duration-valued `Proxy.Config` keys. `envoy_stats_flush_interval` fills
 * the bootstrap's `stats_flush_interval`, which Envoy requires to be at
 * least 1 ms and less than 5 minutes.
 */
export const DURATION_KEYS: readonly DurationKey[] = [
  {
    key: "envoy_stats_flush_interval",
    min: 1_000_000n,
    below: 300n * NANOS_PER_SECOND,
    bounds: "from 0.001s up to (not including) 300s",
  },
];

/**
 * A bare number (seconds) or a Go duration with one unit (`1m`, `500ms`),
 * as seconds text for the hint.
 */
function asSeconds(text: string): string | undefined {
  const t = text.trim();
  const m = /^\d+(?:\.\d+)?(ns|us|µs|ms|s|m|h)?$/.exec(t);
  if (m === null) return undefined;
  const nanos = parseGoDuration(m[1] === undefined ? `${t}s` : t);
  if (nanos === undefined) return undefined;
  return `${Number((Number(nanos) / 1e9).toFixed(9))}s`;
}

/**
 * The error text for `value` of duration key `k`, or `undefined` when Envoy
 * accepts it. Suggests the seconds form for a value like `1m`.
 */
export function durationKeyProblem(k: DurationKey, value: string): string | undefined {
  const nanos = parseProtoDuration(value);
  if (nanos !== undefined && nanos >= k.min && nanos < k.below) return undefined;
  const quoted = JSON.stringify(value);
  if (nanos !== undefined) return `'${k.key}' ${quoted} is out of range: Envoy accepts ${k.bounds}`;
  const seconds = asSeconds(value);
  const hint = seconds !== undefined && seconds !== value
    ? ` (write ${JSON.stringify(seconds)})`
    : "";
  return `'${k.key}' ${quoted} is not a duration Envoy accepts: write seconds with an "s" ` +
    `suffix, ${k.bounds}, e.g. "10s"${hint}`;
}
