import { assert, assertEquals, assertThrows } from "../helpers/assert.ts";
import {
  type GoFlagDef,
  GoFlagError,
  goUsageBlock,
  parseGoFlags,
  unquoteUsage,
} from "../../src/go/flag.ts";

const DEFS: GoFlagDef[] = [
  { name: "s", kind: "string" },
  { name: "name", kind: "string" },
  { name: "b", kind: "bool" },
  { name: "n", kind: "int", check: (x) => (x === "13" ? "unlucky" : undefined) },
  { name: "d", kind: "duration" },
  { name: "v", kind: "value", check: (x) => (x === "bad" ? "nope" : undefined) },
  { name: "l", kind: "list", check: (x) => (x.includes("=") ? undefined : "no equals") },
];

type Ok = { values: Record<string, unknown>; rest: string[] };
const OK_CASES: [string, string[], Ok][] = [
  ["empty argv", [], { values: {}, rest: [] }],
  ["value as next arg", ["-s", "x"], { values: { s: "x" }, rest: [] }],
  ["value with =", ["-s=x"], { values: { s: "x" }, rest: [] }],
  ["two dashes", ["--s=x", "--b"], { values: { s: "x", b: true }, rest: [] }],
  ["next arg taken even with dash", ["-s", "-x"], { values: { s: "-x" }, rest: [] }],
  ["next arg taken even if -h", ["-s", "-h"], { values: { s: "-h" }, rest: [] }],
  ["next arg taken even if --", ["-s", "--", "a"], { values: { s: "--" }, rest: ["a"] }],
  ["empty value", ["-s="], { values: { s: "" }, rest: [] }],
  ["= inside value", ["-s=a=b"], { values: { s: "a=b" }, rest: [] }],
  ["bool alone", ["-b"], { values: { b: true }, rest: [] }],
  ["bool =false", ["-b=false"], { values: { b: false }, rest: [] }],
  ["bool =0", ["-b=0"], { values: { b: false }, rest: [] }],
  ["bool =T", ["-b=T"], { values: { b: true }, rest: [] }],
  ["bool does not consume", ["-b", "false"], { values: { b: true }, rest: ["false"] }],
  ["stop at non-flag", ["-s", "a", "x", "-b"], { values: { s: "a" }, rest: ["x", "-b"] }],
  ["lone dash is positional", ["-", "-b"], { values: {}, rest: ["-", "-b"] }],
  ["-- ends and is dropped", ["-b", "--", "-s", "x"], { values: { b: true }, rest: ["-s", "x"] }],
  ["second -- kept", ["--", "--"], { values: {}, rest: ["--"] }],
  ["empty string is positional", ["", "-b"], { values: {}, rest: ["", "-b"] }],
  ["last wins", ["-s=a", "-s", "b"], { values: { s: "b" }, rest: [] }],
  ["bool last wins", ["-b", "-b=false"], { values: { b: false }, rest: [] }],
  ["int hex", ["-n", "0x10"], { values: { n: 16n }, rest: [] }],
  ["int negative", ["-n=-3"], { values: { n: -3n }, rest: [] }],
  ["duration", ["-d", "1m"], { values: { d: 60_000_000_000n }, rest: [] }],
  ["value accepted", ["-v", "ok"], { values: { v: "ok" }, rest: [] }],
  ["list accumulates", ["-l", "a=1", "-l=b=2"], { values: { l: ["a=1", "b=2"] }, rest: [] }],
];

Deno.test("parseGoFlags: accepted command lines", () => {
  for (const [label, argv, want] of OK_CASES) {
    const got = parseGoFlags(argv, DEFS);
    assertEquals(Object.fromEntries(got.values), want.values, label);
    assertEquals(got.rest, want.rest, label);
  }
});

const ERROR_CASES: [string[], string][] = [
  [["---x"], "bad flag syntax: ---x"],
  [["-=x"], "bad flag syntax: -=x"],
  [["--=x"], "bad flag syntax: --=x"],
  [["-s"], "flag needs an argument: -s"],
  [["-b", "-s"], "flag needs an argument: -s"],
  [["-b=yes"], 'invalid boolean value "yes" for -b: parse error'],
  [["-b="], 'invalid boolean value "" for -b: parse error'],
  [["-n", "x"], 'invalid value "x" for flag -n: parse error'],
  [
    ["-n=99999999999999999999"],
    'invalid value "99999999999999999999" for flag -n: value out of range',
  ],
  [["-d", "5"], 'invalid value "5" for flag -d: parse error'],
  [["-n", "13"], 'invalid value "13" for flag -n: unlucky'],
  [["-v", "bad"], 'invalid value "bad" for flag -v: nope'],
  [["-l", "x"], 'invalid value "x" for flag -l: no equals'],
  [["-nope"], "flag provided but not defined: -nope"],
  [["--nope=1"], "flag provided but not defined: -nope"],
  [["-S"], "flag provided but not defined: -S"],
  [["-n", 'a"\n'], 'invalid value "a\\"\\n" for flag -n: parse error'],
];

Deno.test("parseGoFlags: Go's error texts", () => {
  for (const [argv, message] of ERROR_CASES) {
    const err = assertThrows(() => parseGoFlags(argv, DEFS), GoFlagError) as GoFlagError;
    assertEquals(err.message, message, argv.join(" "));
    assertEquals(err.helpRequested, false);
  }
});

Deno.test("parseGoFlags: undefined -h/-help request help", () => {
  for (const argv of [["-h"], ["-help"], ["--help"], ["-h=true"], ["--help=1"], ["-help=x"]]) {
    const err = assertThrows(() => parseGoFlags(argv, DEFS), GoFlagError) as GoFlagError;
    assert(err.helpRequested, argv.join(" "));
  }
});

Deno.test("unquoteUsage: back-quoted word wins, else by kind", () => {
  assertEquals(unquoteUsage("The `path` to it", "string"), {
    word: "path",
    usage: "The path to it",
  });
  assertEquals(unquoteUsage("A `word` even for bools", "bool").word, "word");
  assertEquals(unquoteUsage("plain", "bool").word, "");
  assertEquals(unquoteUsage("plain", "string").word, "string");
  assertEquals(unquoteUsage("plain", "int").word, "int");
  assertEquals(unquoteUsage("plain", "duration").word, "duration");
  assertEquals(unquoteUsage("plain", "value").word, "value");
  assertEquals(unquoteUsage("one ` only", "list").word, "value");
});

Deno.test("goUsageBlock: Go's PrintDefaults layout", () => {
  const block = goUsageBlock([
    { name: "zeta", kind: "string", usage: "Z `file`", defValue: "x y" },
    { name: "b", kind: "bool", usage: "a bool", defValue: "false" },
    { name: "alpha", kind: "int", usage: "an int", defValue: "0" },
    { name: "t", kind: "bool", usage: "on", defValue: "true" },
    { name: "dur", kind: "duration", usage: "wait", defValue: "0s" },
  ]);
  assertEquals(
    block,
    "Usage:\n" +
      "  -alpha int\n    \tan int\n" +
      "  -b\ta bool\n" +
      "  -dur duration\n    \twait\n" +
      "  -t\ton (default true)\n" +
      '  -zeta file\n    \tZ file (default "x y")\n',
  );
});
