import { assertEquals } from "../helpers/assert.ts";
import { parseGoBool } from "../../src/go/parse_bool.ts";
import { parseGoInt } from "../../src/go/parse_int.ts";
import { parseGoDuration } from "../../src/go/duration.ts";

Deno.test("parseGoBool accepts exactly Go's spellings", () => {
  for (const t of ["1", "t", "T", "TRUE", "true", "True"]) assertEquals(parseGoBool(t), true, t);
  for (const f of ["0", "f", "F", "FALSE", "false", "False"]) {
    assertEquals(parseGoBool(f), false, f);
  }
  for (const bad of ["", "yes", "tRUE", "2", " true", "on"]) {
    assertEquals(parseGoBool(bad), undefined, bad);
  }
});

const INT_CASES: [string, bigint | "parse error" | "value out of range"][] = [
  ["0", 0n],
  ["42", 42n],
  ["+42", 42n],
  ["-42", -42n],
  ["0x1F", 31n],
  ["0X1f", 31n],
  ["0o17", 15n],
  ["0O17", 15n],
  ["017", 15n],
  ["0b101", 5n],
  ["0B101", 5n],
  ["1_000", 1000n],
  ["0x_1F", 31n],
  ["-0b1_0", -2n],
  ["9223372036854775807", 9223372036854775807n],
  ["-9223372036854775808", -9223372036854775808n],
  ["9223372036854775808", "value out of range"],
  ["-9223372036854775809", "value out of range"],
  ["99999999999999999999", "value out of range"],
  ["0x8000000000000000", "value out of range"],
  ["", "parse error"],
  ["-", "parse error"],
  ["+", "parse error"],
  ["08", "parse error"],
  ["0b2", "parse error"],
  ["0x", "parse error"],
  ["0b", "parse error"],
  ["1_", "parse error"],
  ["_1", "parse error"],
  ["1__0", "parse error"],
  ["12a", "parse error"],
  [" 1", "parse error"],
  ["1.5", "parse error"],
  ["--1", "parse error"],
];

Deno.test("parseGoInt follows strconv.ParseInt(s, 0, 64)", () => {
  for (const [text, want] of INT_CASES) {
    const got = parseGoInt(text);
    if (typeof want === "bigint") assertEquals(got, { ok: true, value: want }, text);
    else assertEquals(got, { ok: false, error: want }, text);
  }
});

const NS = 1n;
const MS = 1_000_000n;
const S = 1_000n * MS;
const DURATION_CASES: [string, bigint | undefined][] = [
  ["0", 0n],
  ["-0", 0n],
  ["+0", 0n],
  ["30s", 30n * S],
  ["1m30s", 90n * S],
  ["500ms", 500n * MS],
  ["1.5h", 5400n * S],
  [".5s", 500n * MS],
  ["1.s", S],
  ["2h45m", (2n * 3600n + 45n * 60n) * S],
  ["-1.5s", -1500n * MS],
  ["1us", 1000n * NS],
  ["1\u00b5s", 1000n * NS],
  ["1\u03bcs", 1000n * NS],
  ["3ns", 3n],
  ["9223372036854775807ns", 9223372036854775807n],
  ["-9223372036854775808ns", -9223372036854775808n],
  ["9223372036854775808ns", undefined],
  ["", undefined],
  ["-", undefined],
  ["30", undefined],
  ["1x", undefined],
  ["s", undefined],
  [".s", undefined],
  ["1.5.5s", undefined],
  ["1 s", undefined],
  ["3000000h", undefined],
];

Deno.test("parseGoDuration follows time.ParseDuration", () => {
  for (const [text, want] of DURATION_CASES) assertEquals(parseGoDuration(text), want, text);
});
