import { assertEquals, assertThrows } from "../helpers/assert.ts";
import {
  IndentedTooLarge,
  indentJson,
  JsonSyntaxError,
  quoteChar,
} from "../../src/go/json_indent.ts";

Deno.test("indentJson: layout", () => {
  const table: [string, string][] = [
    ["{}", "{}"],
    ["[]", "[]"],
    ['{"a":{},"b":[]}', '{\n  "a": {},\n  "b": []\n}'],
    [' \t\r\n{"a" : [1 ,2]}', '{\n  "a": [\n    1,\n    2\n  ]\n}'],
    ['[{"x":null}]', '[\n  {\n    "x": null\n  }\n]'],
    ["  7", "7"],
    ['"s"', '"s"'],
  ];
  for (const [src, want] of table) assertEquals(indentJson(src), want, src);
});

Deno.test("indentJson: tokens copied verbatim (no parse-and-stringify)", () => {
  const src = '{"2":1.0,"1":"\\u003c\\/x","a":1,"a":2e5,"n":-0}';
  assertEquals(
    indentJson(src),
    '{\n  "2": 1.0,\n  "1": "\\u003c\\/x",\n  "a": 1,\n  "a": 2e5,\n  "n": -0\n}',
  );
  // string contents incl. whitespace and punctuation are untouched
  assertEquals(indentJson('{"k":"a, b: {c} [d]\\n"}'), '{\n  "k": "a, b: {c} [d]\\n"\n}');
  // non-ASCII passes through
  assertEquals(indentJson('["é😀"]'), '[\n  "é😀"\n]');
});

Deno.test("indentJson: trailing whitespace kept, leading dropped", () => {
  assertEquals(indentJson("\n\n{}\n"), "{}\n");
  assertEquals(indentJson("{} \t\n "), "{} \t\n ");
  assertEquals(indentJson('\n\t\t{"a":1}'), '{\n  "a": 1\n}');
});

Deno.test("indentJson: Go error messages", () => {
  const table: [string, string][] = [
    ["", "unexpected end of JSON input"],
    ["  ", "unexpected end of JSON input"],
    ['{"a":', "unexpected end of JSON input"],
    ["abc", "invalid character 'a' looking for beginning of value"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ["[1 2]", "invalid character '2' after array element"],
    ["[1,]", "invalid character ']' looking for beginning of value"],
    ['"a\rb"', "invalid character '\\r' in string literal"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['"\\u12x4"', "invalid character 'x' in \\u hexadecimal character escape"],
    ["01", "invalid character '1' after top-level value"],
    ["{} x", "invalid character 'x' after top-level value"],
    ["{}}", "invalid character '}' after top-level value"],
    ["-a", "invalid character 'a' in numeric literal"],
    ["1.e5", "invalid character 'e' after decimal point in numeric literal"],
    ["1e+", "invalid character ' ' in exponent of numeric literal"],
    ["[tru]", "invalid character ']' in literal true (expecting 'e')"],
    ["fals", "invalid character ' ' in literal false (expecting 'e')"],
    ["nUll", "invalid character 'U' in literal null (expecting 'u')"],
    ['{"a":é}', "invalid character 'Ã' looking for beginning of value"],
    ["\u0001", "invalid character '\\x01' looking for beginning of value"],
  ];
  for (const [src, msg] of table) {
    const err = assertThrows(() => indentJson(src), JsonSyntaxError);
    assertEquals(err.message, msg, JSON.stringify(src));
  }
});

Deno.test("indentJson: nesting limit", () => {
  assertEquals(indentJson("[".repeat(100) + "]".repeat(100)).length > 0, true);
  assertThrows(
    () => indentJson("[".repeat(10001)),
    JsonSyntaxError,
    "invalid character '[' exceeded max depth",
  );
});

Deno.test("quoteChar", () => {
  assertEquals(quoteChar("a"), "'a'");
  assertEquals(quoteChar("'"), "'\\''");
  assertEquals(quoteChar('"'), "'\"'");
  assertEquals(quoteChar("\n"), "'\\n'");
  assertEquals(quoteChar("\x7f"), "'\\x7f'");
});

Deno.test("indentJson: the indented size is capped; many small pieces stay correct", () => {
  const deep = "[".repeat(50) + "1,".repeat(1000) + "1" + "]".repeat(50);
  assertThrows(() => indentJson(deep, 10_000), IndentedTooLarge, "larger than 10000 characters");
  const out = indentJson(deep);
  assertEquals(out.length > 100_000, true);
  assertEquals(JSON.parse(out), JSON.parse(deep));
});
