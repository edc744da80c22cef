import { assert, assertEquals, assertStringIncludes, assertThrows } from "../helpers/assert.ts";
import { parseTemplate, TemplateError } from "../../src/template/mod.ts";
import { Budget, DEFAULT_EXEC_LIMITS } from "../../src/template/budget.ts";
import { sprintf } from "../../src/template/format.ts";

const run = (text: string, limits = {}) => parseTemplate("bootstrap", text).execute({}, limits);

Deno.test("budget: a loop beyond the step budget stops with one TemplateError", () => {
  const table: [string, string][] = [
    ["{{range 1000}}{{range 1000}}{{end}}{{end}}{}", "execution stopped after 5000 steps"],
    ["{{range 1000000000}}x{{end}}", "execution stopped after 5000 steps"],
    ['{{define "t"}}{{range 100}}x{{end}}{{end}}{{range 1000}}{{template "t"}}{{end}}', "5000"],
  ];
  for (const [text, want] of table) {
    assertThrows(() => run(text, { maxSteps: 5000 }), TemplateError, want);
  }
  // Within budget: unchanged output.
  assertEquals(run("{{range 3}}{{.}},{{end}}", { maxSteps: 5000 }), "0,1,2,");
});

Deno.test("budget: output and single values are capped", () => {
  const limits = { maxOutputChars: 1000 };
  assertThrows(
    () => run('{{range 100}}{{printf "%20d" .}}{{end}}', limits),
    TemplateError,
    "template: bootstrap: the output grew larger than 1000 bytes",
  );
  // Doubling a string never reaches the output, but each value is checked.
  assertThrows(
    () => run('{{$x := "x"}}{{range 40}}{{$x = printf "%s%s" $x $x}}{{end}}', limits),
    TemplateError,
    "a value grew larger than 1000 bytes",
  );
  assertEquals(run('{{printf "%10s" "a"}}', limits), "         a");
});

Deno.test("Budget: many one-character pieces join to the right text", () => {
  const b = new Budget("t", DEFAULT_EXEC_LIMITS);
  for (let i = 0; i < 10_000; i++) b.push(String(i % 10));
  const text = b.text();
  assertEquals(text.length, 10_000);
  assertEquals(text.slice(0, 12), "012345678901");
  assertEquals(b.text(), text);
});

Deno.test("sprintf: widths and precisions beyond a million are refused as in Go", () => {
  const table: [string, unknown[], string][] = [
    ["%99999999d|", [1], "%!(NOVERB)%!(EXTRA int=1)"],
    ["%.99999999d|", [1], "%!(NOVERB)%!(EXTRA int=1)"],
    ["%*d|", [2_000_000, 1], "%!(BADWIDTH)1|"],
    ["%.*d|", [2_000_000, 1], "%!(BADPREC)1|"],
  ];
  for (const [format, args, want] of table) assertEquals(sprintf(format, args), want, format);
  assertEquals(sprintf("%1000000d", [1]).length, 1_000_000);
});

Deno.test("parseTemplate: nesting deep enough to exhaust the stack is a TemplateError", () => {
  const table = [
    "{{if 1}}".repeat(50_000) + "{{end}}".repeat(50_000),
    "{{" + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "}}",
  ];
  for (const text of table) {
    assertThrows(() => parseTemplate("bootstrap", text), TemplateError, "nested too deeply");
  }
});

Deno.test("a template that calls itself without end stops with Go's depth message, not a stack overflow", () => {
  const t = parseTemplate("bootstrap", '{{define "a"}}{{template "a" .}}{{end}}{{template "a" .}}');
  const err = assertThrows(() => t.execute({}), TemplateError);
  assertStringIncludes(err.message, "template: bootstrap:");
  assertStringIncludes(err.message, "exceeded maximum template depth");
  assert(!err.message.includes("call stack"), err.message);
});
