import { assertEquals } from "../helpers/assert.ts";
import { durationHint } from "../../src/cli/flag_hints.ts";
import { parseArgs } from "../../src/cli/parse.ts";
import { CliError } from "../../src/errors.ts";

const msg = (v: string, flag: string) => `invalid value "${v}" for flag -${flag}: parse error`;

Deno.test("durationHint: what to write instead", () => {
  const table: [string, string | undefined][] = [
    [msg("3", "wait-for-registration"), " (a duration needs a unit, e.g. 3s)"],
    [msg("1.5", "deregister-after-critical"), " (a duration needs a unit, e.g. 1.5s)"],
    [msg("-1s", "wait-for-registration"), " (the duration must not be negative)"],
    [msg("soon", "deregister-after-critical"), " (want a duration such as 30s, 1m30s or 6h)"],
    [msg("x", "admin-bind"), undefined],
    ["flag provided but not defined: -x", undefined],
  ];
  for (const [input, suffix] of table) {
    assertEquals(durationHint(input), suffix === undefined ? undefined : input + suffix, input);
  }
});

Deno.test("parseArgs: duration flags refuse values Consul's agent would reject, with a hint", () => {
  const table: [string[], string][] = [
    [
      ["-wait-for-registration", "3"],
      msg("3", "wait-for-registration") + " (a duration needs a unit, e.g. 3s)",
    ],
    [
      ["-deregister-after-critical", "soon"],
      msg("soon", "deregister-after-critical") + " (want a duration such as 30s, 1m30s or 6h)",
    ],
  ];
  for (const [argv, want] of table) {
    let got = "";
    try {
      parseArgs(argv, {}, "linux");
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      got = err.message;
    }
    assertEquals(got, want);
  }
  const ok = parseArgs(["-deregister-after-critical", "90m"], {}, "linux");
  assertEquals(ok.kind === "run" ? ok.options.deregisterAfterCritical : "", "90m");
});
