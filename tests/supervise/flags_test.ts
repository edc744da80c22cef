import { assert, assertEquals, assertThrows } from "../helpers/assert.ts";
import { parseArgs, usageBlock } from "../../src/cli/parse.ts";
import { helpText } from "../../src/cli/help.ts";
import { superviseSettings } from "../../src/supervise/flags.ts";
import { CliError } from "../../src/errors.ts";
import type { Options } from "../../src/cli/options.ts";

function options(argv: string[]): Options {
  const p = parseArgs(argv, {}, "linux");
  if (p.kind !== "run") throw new Error(p.kind);
  return p.options;
}

Deno.test("supervise flags: defaults 15s grace, 10s timeout, drain on, 30s re-registration", () => {
  const o = options(["-sidecar-for", "web", "-supervise"]);
  assertEquals(superviseSettings(o, "linux"), {
    gracePeriodMs: 15_000,
    timeoutMs: 10_000,
    drainListeners: true,
    lifecycle: undefined,
    reregisterIntervalMs: 30_000,
  });
  assertEquals(superviseSettings(options(["-sidecar-for", "web"]), "linux"), undefined);
});

Deno.test("supervise flags: values given on the command line", () => {
  const o = options([
    "-supervise",
    "-shutdown-grace-period=2s",
    "-shutdown-timeout",
    "500ms",
    "-shutdown-drain-listeners=false",
    "-lifecycle-bind",
    ":19100",
    "-reregister-interval",
    "1m",
  ]);
  assertEquals(superviseSettings(o, "darwin"), {
    gracePeriodMs: 2000,
    timeoutMs: 500,
    drainListeners: false,
    lifecycle: { host: "127.0.0.1", port: 19100 },
    reregisterIntervalMs: 60_000,
  });
});

Deno.test("supervise flags: bad combinations and values are one-line errors naming the flag", () => {
  const cases: [string[], string, string][] = [
    [["-shutdown-grace-period", "5s"], "linux", "-shutdown-grace-period requires -supervise"],
    [["-lifecycle-bind", ":1"], "linux", "-lifecycle-bind requires -supervise"],
    [["-shutdown-drain-listeners=false"], "linux", "-shutdown-drain-listeners requires -supervise"],
    [["-supervise", "-bootstrap"], "linux", "-supervise cannot be used with -bootstrap"],
    [["-supervise"], "windows", "not supported on Windows"],
    [["-supervise", "-lifecycle-bind", "19100"], "linux", "-lifecycle-bind 19100"],
  ];
  for (const [argv, os, want] of cases) {
    const err = assertThrows(() => superviseSettings(options(argv), os), CliError, want);
    assert(!err.message.includes("\n"), want);
  }
  assertThrows(() => options(["-supervise", "-shutdown-timeout", "-1s"]), CliError);
  assertThrows(() => options(["-supervise", "-reregister-interval", "soon"]), CliError);
});

Deno.test("supervise flags: listed in -h help and in Go's usage block with Go defaults", () => {
  const help = helpText("linux");
  for (
    const name of [
      "supervise",
      "shutdown-grace-period",
      "shutdown-timeout",
      "shutdown-drain-listeners",
      "lifecycle-bind",
      "reregister-interval",
    ]
  ) {
    assert(help.includes(`  -${name}`), name);
  }
  const block = usageBlock({}, "linux");
  assert(block.includes("(default 15s)"), "grace default shown as a Go duration");
  assert(block.includes("(default 10s)"));
  assert(block.includes("(default 30s)"));
  assert(block.includes("(default true)"));
});
