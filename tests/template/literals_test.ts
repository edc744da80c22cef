import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { parseNumber, unquoteChar, unquoteString } from "../../src/template/literals.ts";

Deno.test("literals: Go number syntax", () => {
  const table: [string, number][] = [
    ["0", 0],
    ["42", 42],
    ["-7", -7],
    ["+3", 3],
    ["1_000_000", 1000000],
    ["0x1F", 31],
    ["0X_ff", 255],
    ["017", 15],
    ["0o17", 15],
    ["0b1010", 10],
    ["1.5", 1.5],
    [".5", 0.5],
    ["1.", 1],
    ["1e3", 1000],
    ["2.5E-2", 0.025],
    ["0x1p4", 16],
    ["0x1.8p1", 3],
  ];
  for (const [text, v] of table) assertEquals(parseNumber(text), v, text);
  for (const bad of ["08", "1__0", "_1", "0x", "0b2", "1e", "0x1.8", "1i"]) {
    assertThrows(() => parseNumber(bad), Error);
  }
});

Deno.test("literals: strings and characters", () => {
  const strings: [string, string][] = [
    ['"plain"', "plain"],
    ['"\\a\\b\\f\\n\\r\\t\\v\\\\\\""', '\x07\b\f\n\r\t\v\\"'],
    ['"\\x41\\101\\u00e9\\U0001F600"', "AAé😀"],
    ['"\\xc3\\xa9"', "é"],
    ["`raw \\n\r`", "raw \\n"],
  ];
  for (const [text, v] of strings) assertEquals(unquoteString(text), v, text);
  for (const bad of ['"\\q"', '"\\x4"', '"\\400"', "'a'", '"\\\'"']) {
    assertThrows(() => unquoteString(bad), Error);
  }
  const chars: [string, number][] = [["'a'", 97], ["'\\n'", 10], ["'\\''", 39], ["'é'", 233], [
    "'\\x7f'",
    127,
  ]];
  for (const [text, v] of chars) assertEquals(unquoteChar(text), v, text);
  for (const bad of ["'ab'", "''", "'\\\"'"]) assertThrows(() => unquoteChar(bad), Error);
});
