import { assertEquals, assertStringIncludes, assertThrows } from "../helpers/assert.ts";
import { type FuncMap, parseTemplate, TemplateError } from "../../src/template/mod.ts";

class Person {
  constructor(public Name: string) {}
  Greet(who: string): string {
    return `hi ${who} from ${this.Name}`;
  }
}

const funcs: FuncMap = {
  up: (s) => String(s).toUpperCase(),
  pair: (a, b) => `${a}+${b}`,
  boom: () => {
    throw new Error("kaboom");
  },
  person: () => new Person("fn"),
  nothing: () => undefined,
};

const data = {
  S: "str",
  Empty: "",
  N: 3,
  Zero: 0,
  T: true,
  F: false,
  Nil: null,
  L: ["a", "b", "c"],
  Nums: [1, 2, 3, 4, 5],
  EmptyL: [],
  M: { b: 2, a: 1 },
  EmptyM: {},
  Nested: { Inner: { Leaf: "leaf" } },
  P: new Person("p"),
  GRPC: { AgentAddress: "127.0.0.1", AgentPort: "8502" },
};

/** [description, template, expected output] — all executed with `data`. */
const ok: [string, string, string][] = [
  ["plain text", "no actions here", "no actions here"],
  ["empty template", "", ""],
  ["field", "x={{.S}}", "x=str"],
  ["nested field chain", "{{ .Nested.Inner.Leaf }}", "leaf"],
  ["grouped field", "{{ .GRPC.AgentAddress }}:{{ .GRPC.AgentPort }}", "127.0.0.1:8502"],
  [
    "number printing",
    "{{ .N }} {{ 1.5 }} {{ 1.0 }} {{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 1_000 }}",
    "3 1.5 1 31 15 5 1000",
  ],
  ["float exponent form", "{{ 1e-7 }} {{ 123456789.5 }}", "1e-07 1.234567895e+08"],
  ["char constant", "{{ 'a' }} {{ '\\n' }}", "97 10"],
  ["booleans", "{{ .T }} {{ false }}", "true false"],
  ["array printing", "{{ .L }}", "[a b c]"],
  ["map printing sorted", "{{ .M }}", "map[a:1 b:2]"],
  ["nil prints no value", "{{ .Nil }}", "<no value>"],
  ["string escapes", '{{ "a\\tb\\x41\\u00e9\\"" }}', 'a\tbAé"'],
  ["raw string", "{{ `raw\\n` }}", "raw\\n"],
  ["dot", "{{ with .S }}{{ . }}{{ end }}", "str"],
  ["dollar", "{{ range .L }}{{ $.S }}{{ end }}", "strstrstr"],
  ["trim both sides", "a  \n {{- .S -}} \n  b", "astrb"],
  ["trim left only", "a  {{- .S }}  b", "astr  b"],
  ["trim right only", "a  {{ .S -}}  b", "a  strb"],
  ["minus number is not trim", "{{-3}}", "-3"],
  ["trim before number", "x {{- -3 -}} y", "x-3y"],
  ["comment", "a{{/* hidden */}}b", "ab"],
  ["trimmed comment", "a  {{- /* hidden */ -}}  b", "ab"],
  ["multi-line comment", "a{{/* line1\nline2 */}}b", "ab"],
  ["declare and assign", "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "2"],
  ["declaration prints nothing", "{{ $x := .S }}", ""],
  ["variable field", "{{ $n := .Nested }}{{ $n.Inner.Leaf }}", "leaf"],
  ["if true", "{{ if .T }}yes{{ end }}", "yes"],
  ["if else", "{{ if .F }}yes{{ else }}no{{ end }}", "no"],
  ["else if chain", "{{ if .F }}1{{ else if .Zero }}2{{ else if .S }}3{{ else }}4{{ end }}", "3"],
  ["empty string is false", "{{ if .Empty }}t{{ else }}f{{ end }}", "f"],
  ["zero is false", "{{ if .Zero }}t{{ else }}f{{ end }}", "f"],
  ["nil is false", "{{ if .Nil }}t{{ else }}f{{ end }}", "f"],
  ["empty list is false", "{{ if .EmptyL }}t{{ else }}f{{ end }}", "f"],
  ["empty map is false", "{{ if .EmptyM }}t{{ else }}f{{ end }}", "f"],
  ["object is true", "{{ if .P }}t{{ else }}f{{ end }}", "t"],
  ["with sets dot", "{{ with .Nested.Inner }}{{ .Leaf }}{{ end }}", "leaf"],
  ["with else", "{{ with .Empty }}x{{ else }}empty{{ end }}", "empty"],
  ["else with", "{{ with .Empty }}a{{ else with .S }}b={{ . }}{{ end }}", "b=str"],
  ["range list", "{{ range .L }}<{{ . }}>{{ end }}", "<a><b><c>"],
  ["range index elem", "{{ range $i, $e := .L }}{{ $i }}={{ $e }};{{ end }}", "0=a;1=b;2=c;"],
  ["range one var", "{{ range $e := .L }}{{ $e }}{{ end }}", "abc"],
  ["range map sorted", "{{ range $k, $v := .M }}{{ $k }}:{{ $v }} {{ end }}", "a:1 b:2 "],
  ["range else", "{{ range .EmptyL }}x{{ else }}none{{ end }}", "none"],
  ["range nil goes to else", "{{ range .Nil }}x{{ else }}none{{ end }}", "none"],
  ["range int", "{{ range 3 }}{{ . }}{{ end }}", "012"],
  [
    "break and continue",
    "{{ range .Nums }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}",
    "13",
  ],
  ["range assign to outer vars", "{{ $e := 0 }}{{ range $e = .L }}{{ end }}{{ $e }}", "c"],
  ["pipeline last arg", '{{ "a" | pair "b" }}', "b+a"],
  ["pipeline chain", '{{ .S | up | printf "%s!" }}', "STR!"],
  ["parenthesised", '{{ (printf "%s%s" "ab" "c") | len }}', "3"],
  ["chain on paren", "{{ (index .L 1) }} {{ (person).Name }}", "b fn"],
  ["method call", '{{ .P.Greet "x" }} {{ "y" | .P.Greet }}', "hi x from p hi y from p"],
  ["function returning undefined", "{{ nothing }}", "<no value>"],
  [
    "and/or return operands",
    '{{ and 1 0 }} {{ and 1 "x" }} {{ or 0 "" }} {{ or 0 "z" }}',
    "0 x  z",
  ],
  ["and short-circuits", "{{ and .F (boom) }}", "false"],
  ["or short-circuits", "{{ or .T (boom) }}", "true"],
  ["not", "{{ not .T }} {{ not .Empty }}", "false true"],
  ["eq multi-arg", '{{ eq .N 1 2 3 }} {{ eq .S "x" "y" }}', "true false"],
  ["eq nil", "{{ eq .Nil nil }} {{ eq .S nil }}", "true false"],
  [
    "ne lt le gt ge",
    '{{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1 2 }}',
    "true true true true false",
  ],
  ["len", '{{ len .L }} {{ len .M }} {{ len "héllo" }}', "3 2 6"],
  ["index", '{{ index .L 1 }} {{ index .M "a" }} {{ index .M "zz" }}', "b 1 <no value>"],
  ["index string gives byte", '{{ index "AB" 1 }}', "66"],
  ["slice", '{{ slice "hello" 1 3 }} {{ slice .L 1 }}', "el [b c]"],
  ["print spacing", '{{ print 1 2 "a" 3 "b" "c" }}', "1 2a3bc"],
  ["println", '{{ println 1 "x" }}', "1 x\n"],
  [
    "printf verbs",
    '{{ printf "%s %d %v %q %t %x" "a" 5 .L "q" true 255 }}',
    'a 5 [a b c] "q" true ff',
  ],
  ["html", `{{ html "<a&'\\">" }}`, "&lt;a&amp;&#39;&#34;&gt;"],
  ["urlquery", '{{ urlquery "a b/c" }}', "a+b%2Fc"],
  ["js", `{{ js "it's <x>" }}`, "it\\'s \\u003Cx\\u003E"],
  [
    "define and template",
    '{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" .N }}{{ template "t" }}',
    "[3][<no value>]",
  ],
  ["block", '{{ block "b" .S }}<{{ . }}>{{ end }}', "<str>"],
  [
    "template vars are fresh",
    '{{ define "t" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template "t" "in" }}',
    "in",
  ],
  [
    "multi-line json",
    '{\n  "id": "{{ .S }}",\n  "n": {{ .N }}\n}\n',
    '{\n  "id": "str",\n  "n": 3\n}\n',
  ],
  ["trailing whitespace kept", "{{ .S }}  \n", "str  \n"],
];

Deno.test("template: successful executions", async (t) => {
  for (const [name, text, expected] of ok) {
    await t.step(name, () => {
      assertEquals(parseTemplate("bootstrap", text, funcs).execute(data), expected);
    });
  }
});

/** [description, template, exact error message] */
const errors: [string, string, string][] = [
  [
    "missing field",
    "{{ .Foo }}",
    'template: bootstrap:1:3: executing "bootstrap" at <.Foo>: can\'t evaluate field Foo in type map[string]interface {}',
  ],
  [
    "missing field with line and column",
    '{\n  "a": 1,\n  "b": {{ .Nested.Nope }}\n}',
    'template: bootstrap:3:10: executing "bootstrap" at <.Nested.Nope>: can\'t evaluate field Nope in type map[string]interface {}',
  ],
  [
    "field on nil",
    "{{ .Nil.X }}",
    'template: bootstrap:1:3: executing "bootstrap" at <.Nil.X>: nil pointer evaluating interface {}.X',
  ],
  [
    "field on string",
    "{{ .S.X }}",
    'template: bootstrap:1:3: executing "bootstrap" at <.S.X>: can\'t evaluate field X in type string',
  ],
  [
    "unknown function",
    "line1\n{{ nosuch 1 }}",
    'template: bootstrap:2: function "nosuch" not defined',
  ],
  ["stray brace", "a\nb\n\n\n\n\n{{ .S } }}", 'template: bootstrap:7: unexpected "}" in operand'],
  ["unclosed if", "{{ if .T }}x", "template: bootstrap:1: unexpected EOF"],
  ["stray end", "{{ end }}", "template: bootstrap:1: unexpected {{end}}"],
  ["stray else", "{{ else }}", "template: bootstrap:1: unexpected {{else}}"],
  ["empty if", "{{ if }}{{ end }}", "template: bootstrap:1: missing value for if"],
  ["empty action", "{{ }}", "template: bootstrap:1: missing value for command"],
  [
    "unclosed action",
    "a\n{{ .S\n",
    "template: bootstrap:3: unclosed action started at bootstrap:2",
  ],
  ["unterminated string", '{{ "abc }}', "template: bootstrap:1: unterminated quoted string"],
  ["unclosed comment", "{{/* x", "template: bootstrap:1: unclosed comment"],
  [
    "comment without delimiter",
    "{{/* x */ .S }}",
    "template: bootstrap:1: comment ends before closing delimiter",
  ],
  ["undefined variable", "{{ $x }}", 'template: bootstrap:1: undefined variable "$x"'],
  [
    "variable out of scope",
    "{{ if .T }}{{ $y := 1 }}{{ end }}{{ $y }}",
    'template: bootstrap:1: undefined variable "$y"',
  ],
  [
    "non executable stage",
    '{{ .S | "x" }}',
    "template: bootstrap:1: non executable command in pipeline stage 2",
  ],
  ["bad number", "{{ 08 }}", 'template: bootstrap:1: illegal number syntax: "08"'],
  ["break outside range", "{{ break }}", "template: bootstrap:1: {{break}} outside {{range}}"],
  ["unclosed paren", "{{ (len .L }}", "template: bootstrap:1: unclosed left paren"],
  [
    "function error",
    'x\n  {{ "v" | boom }}',
    'template: bootstrap:2:11: executing "bootstrap" at <boom>: error calling boom: kaboom',
  ],
  [
    "wrong arg count",
    "{{ not }}",
    'template: bootstrap:1:3: executing "bootstrap" at <not>: wrong number of args for not: want 1 got 0',
  ],
  [
    "incompatible comparison",
    '{{ lt 1 "a" }}',
    'template: bootstrap:1:3: executing "bootstrap" at <lt 1 "a">: error calling lt: incompatible types for comparison',
  ],
  [
    "index out of range",
    "{{ index .L 5 }}",
    'template: bootstrap:1:3: executing "bootstrap" at <index .L 5>: error calling index: index out of range: 5',
  ],
  [
    "len of int",
    "{{ len 3 }}",
    'template: bootstrap:1:3: executing "bootstrap" at <len 3>: error calling len: len of type int',
  ],
  [
    "args to a non-method",
    "{{ .S 1 }}",
    'template: bootstrap:1:3: executing "bootstrap" at <.S>: S is not a method but has arguments',
  ],
  [
    "nil command",
    "{{ nil }}",
    'template: bootstrap:1:3: executing "bootstrap" at <nil>: nil is not a command',
  ],
  [
    "undefined template",
    '{{ template "nope" }}',
    'template: bootstrap:1:12: executing "bootstrap" at <{{template "nope"}}>: template "nope" not defined',
  ],
  [
    "range over string",
    "{{ range .S }}{{ end }}",
    'template: bootstrap:1:9: executing "bootstrap" at <{{range .S}}>: range can\'t iterate over str',
  ],
  [
    "long context truncated",
    '{{ printf "%s" .Nested.Inner.Missing }}',
    'template: bootstrap:1:15: executing "bootstrap" at <.Nested.Inner.Missin...>: can\'t evaluate field Missing in type map[string]interface {}',
  ],
];

Deno.test("template: errors have Go's shape", async (t) => {
  for (const [name, text, message] of errors) {
    await t.step(name, () => {
      const err = assertThrows(
        () => parseTemplate("bootstrap", text, funcs).execute(data),
        TemplateError,
      );
      assertEquals(err.message, message);
    });
  }
});

Deno.test("template: parse errors are raised by parseTemplate, not execute", () => {
  assertThrows(() => parseTemplate("bootstrap", "{{ if }}"), TemplateError, "missing value for if");
});

Deno.test("template: a parsed template can be executed repeatedly with other data", () => {
  const t = parseTemplate("x", "{{ .A }}");
  assertEquals(t.execute({ A: 1 }), "1");
  assertEquals(t.execute({ A: "two" }), "two");
});

Deno.test("template: user functions override builtins and see piped value last", () => {
  const seen: unknown[][] = [];
  const t = parseTemplate("x", '{{ 1 | len "a" }}', {
    len: (...args) => {
      seen.push(args);
      return "custom";
    },
  });
  assertEquals(t.execute({}), "custom");
  assertEquals(seen, [["a", 1]]);
});

Deno.test("template: custom objects flow through pipelines", () => {
  class Box {
    constructor(readonly items: number[]) {}
    toString(): string {
      return `Box(${this.items.join(",")})`;
    }
  }
  const t = parseTemplate("x", "{{ make | double }} {{ make }}", {
    make: () => new Box([1, 2]),
    double: (b) => new Box((b as Box).items.map((n) => n * 2)),
  });
  assertEquals(t.execute(null), "Box(2,4) Box(1,2)");
});

Deno.test("template: error message names the template", () => {
  const err = assertThrows(() => parseTemplate("sockaddr", "{{ .X }}").execute({}), TemplateError);
  assertStringIncludes(err.message, 'template: sockaddr:1:3: executing "sockaddr"');
});
