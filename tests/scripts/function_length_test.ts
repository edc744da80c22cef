import { assertEquals } from "../helpers/assert.ts";
import plugin, { MAX_FUNCTION_LINES, measured } from "../../scripts/lint/function_length.ts";

/** A function of `n` lines in total (signature and closing brace included). */
function fn(head: string, n: number, tail = "}"): string {
  return `${head}\n${"  x++;\n".repeat(n - 2)}${tail}\n`;
}

function report(source: string): string[] {
  return Deno.lint.runPlugin(plugin, "/repo/src/input.ts", source).map((d) => d.message);
}

const at = MAX_FUNCTION_LINES;
const over = at + 1;

Deno.test("function-length: each kind of function over the limit is reported by its name", () => {
  const cases: [string, string, string[]][] = [
    ["declaration at the limit", fn("function ok() {", at), []],
    ["declaration over it", fn("function big() {", over), [`function big spans ${over} lines`]],
    ["arrow bound to a const", fn("const arrow = () => {", over, "};"), [
      `function arrow spans ${over} lines`,
    ]],
    // The class lines are not the method's: from `m() {` to its `}`.
    ["method", fn("class C {\nm() {", over, "}\n}"), [`function m spans ${over} lines`]],
    ["object key", fn("const o = { k: function () {", over, "} };"), [
      `function k spans ${over} lines`,
    ]],
    ["anonymous callback", fn("[].map(() => {", over, "});"), [
      `function (anonymous) spans ${over} lines`,
    ]],
  ];
  for (const [name, source, want] of cases) {
    const got = report("let x = 0;\n" + source).map((m) => m.replace(/ \(at most \d+\)$/, ""));
    assertEquals(got, want, name);
  }
});

Deno.test("function-length: a long data table is not a function", () => {
  const table = `export const TABLE = [\n${"  { a: 1 },\n".repeat(over * 2)}];\n`;
  assertEquals(report(table), []);
});

Deno.test("function-length: only files under a src/ folder are measured", () => {
  const long = fn("function big() {", over);
  assertEquals(Deno.lint.runPlugin(plugin, "/repo/tests/big_test.ts", long), []);
  assertEquals(measured("/repo/src/a/b.ts"), true);
  assertEquals(measured("C:\\repo\\src\\b.ts"), true);
  assertEquals(measured("/repo/scripts/src_like.ts"), false);
});
