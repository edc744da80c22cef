import { assertEquals } from "../helpers/assert.ts";
import { formatValue, sprint, sprintf } from "../../src/template/format.ts";

Deno.test("format: sprintf verbs and flags (Go fmt)", () => {
  const table: [string, unknown[], string][] = [
    ["%s|%v|%d", ["a", "b", 42], "a|b|42"],
    ["%q %q", ['a"b\n', 65], '"a\\"b\\n" \'A\''],
    ["%#q", ["raw"], "`raw`"],
    ["%t %v", [true, false], "true false"],
    ["%x %X %#x %o %#o %b", [255, 255, 255, 8, 8, 5], "ff FF 0xff 10 010 101"],
    ["%x % x", ["hi", "hi"], "6869 68 69"],
    ["%5d|%-5d|%05d|%+d|% d", [42, 42, -42, 42, 42], "   42|42   |-0042|+42| 42"],
    ["%.3d", [7], "007"],
    ["%6.2f|%-8.3f|%f", [3.14159, 2.5, 1], "  3.14|2.500   |1.000000"],
    [
      "%e %E %g %g %.3g",
      [1234.5678, 0.00012, 1e21, 0.0001, 3.14159],
      "1.234568e+03 1.200000E-04 1e+21 0.0001 3.14",
    ],
    ["%v %v %v", [1.5, 1e6, 2.5e-5], "1.5 1000000 2.5e-05"],
    ["%8s|%-8s|%.2s", ["ab", "ab", "héllo"], "      ab|ab      |hé"],
    ["%c %U %#U", [0x263a, 0x263a, 65], "☺ U+263A U+0041 'A'"],
    ["%*d|%-*d", [4, 7, 4, 7], "   7|7   "],
    ["%v %s", [["a", "b"], ["c", 1]], "[a b] [c %!s(int=1)]"],
    ["%v", [{ b: 1, a: [true] }], "map[a:[true] b:1]"],
    ["%T %T %T %T", ["s", 1, 1.5, null], "string int float64 <nil>"],
    ["100%%", [], "100%"],
    ["%d", ["x"], "%!d(string=x)"],
    ["%d", [1.5], "%!d(float64=1.5)"],
    ["%s", [null], "%!s(<nil>)"],
    ["%d %d", [1], "1 %!d(MISSING)"],
    ["%d", [1, "x", 2], "1%!(EXTRA string=x, int=2)"],
    ["%z", [1], "%!z(int=1)"],
    ["trailing %", [], "trailing %!(NOVERB)"],
  ];
  for (const [format, args, expected] of table) {
    assertEquals(sprintf(format, args), expected, `sprintf(${JSON.stringify(format)})`);
  }
});

Deno.test("format: %v rendering of values", () => {
  const table: [unknown, string][] = [
    ["s", "s"],
    [null, "<nil>"],
    [undefined, "<nil>"],
    [true, "true"],
    [-0.5, "-0.5"],
    [1e-7, "1e-07"],
    [123456789.5, "1.234567895e+08"],
    [NaN, "NaN"],
    [-Infinity, "-Inf"],
    [2 ** 60, "1152921504606846976"],
    [[1, [2, null]], "[1 [2 <nil>]]"],
    [new Map([["k", "v"]]), "map[k:v]"],
    [new Error("boom"), "boom"],
  ];
  for (const [v, expected] of table) assertEquals(formatValue(v), expected);
});

Deno.test("format: Sprint spacing, %q and %+q", () => {
  assertEquals(sprint([1, 2, "a", "b", 3, true]), "1 2ab3 true");
  assertEquals(sprintf("%q %+q %q", ["é\u00a0", "é", 0xd800]), '"é\\u00a0" "\\u00e9" \'�\'');
});
