/**
 * Go's `time.ParseDuration`, the syntax of Go `duration` flags such as
 * `-wait-for-registration` (`30s`, `1m30s`, `500ms`, `1.5h`, `0`).
 *
 * @module
 */

/** Nanoseconds per unit, as Go's `time` package spells the units. */
const UNIT_NS: Readonly<Record<string, bigint>> = Object.freeze(
  Object.assign(Object.create(null), {
    ns: 1n,
    us: 1_000n,
    "\u00b5s": 1_000n, // micro sign
    "\u03bcs": 1_000n, // Greek mu
    ms: 1_000_000n,
    s: 1_000_000_000n,
    m: 60_000_000_000n,
    h: 3_600_000_000_000n,
  }),
);

const INT64_LIMIT = 1n << 63n;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/**
 * Parse a Go duration; returns nanoseconds as a `bigint`, or `undefined`
 * when Go would reject the text (bad syntax, unknown or missing unit,
 * overflow of the signed 64-bit nanosecond range).
 */
export function parseGoDuration(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") return undefined;
  let total = 0n;
  while (s !== "") {
    if (!(s[0] === "." || isDigit(s[0]))) return undefined;
    let i = 0;
    while (isDigit(s[i])) i++;
    const whole = s.slice(0, i);
    s = s.slice(i);
    let fraction = "";
    if (s[0] === ".") {
      let j = 1;
      while (isDigit(s[j])) j++;
      fraction = s.slice(1, j);
      s = s.slice(j);
    }
    if (whole === "" && fraction === "") return undefined;
    let u = 0;
    while (u < s.length && s[u] !== "." && !isDigit(s[u])) u++;
    if (u === 0) return undefined;
    const unit = UNIT_NS[s.slice(0, u)];
    s = s.slice(u);
    if (unit === undefined) return undefined;
    const wholeValue = whole === "" ? 0n : BigInt(whole);
    if (wholeValue > INT64_LIMIT / unit) return undefined;
    let value = wholeValue * unit;
    if (fraction !== "") {
      // Go scales the fraction in floating point; this keeps it exact and
      // truncates towards zero like Go's conversion to an integer.
      value += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
      if (value > INT64_LIMIT) return undefined;
    }
    total += value;
    if (total > INT64_LIMIT) return undefined;
  }
  if (!negative && total > INT64_LIMIT - 1n) return undefined;
  return negative ? -total : total;
}
