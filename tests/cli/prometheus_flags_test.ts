import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { checkPrometheusTls } from "../../src/cli/prometheus_flags.ts";
import { parseArgs } from "../../src/cli/parse.ts";
import { CliError } from "../../src/errors.ts";

function options(args: string[]) {
  const p = parseArgs(args, {}, "linux");
  if (p.kind !== "run") throw new Error("expected run");
  return p.options;
}

Deno.test("checkPrometheusTls: all or nothing (cert, key, and a CA file or path)", async (t) => {
  const cases: [string[], boolean][] = [
    [[], true],
    [
      ["-prometheus-cert-file", "c", "-prometheus-key-file", "k", "-prometheus-ca-file", "ca"],
      true,
    ],
    [["-prometheus-cert-file", "c", "-prometheus-key-file", "k", "-prometheus-ca-path", "d"], true],
    [["-prometheus-cert-file", "c", "-prometheus-key-file", "k"], false],
    [["-prometheus-ca-file", "ca"], false],
    [["-prometheus-key-file", "k", "-prometheus-ca-path", "d"], false],
  ];
  for (const [args, ok] of cases) {
    await t.step(args.join(" ") || "(none)", () => {
      if (ok) assertEquals(checkPrometheusTls(options(args)), undefined);
      else {assertThrows(
          () => checkPrometheusTls(options(args)),
          CliError,
          "Must provide a CA (-prometheus-ca-file or -prometheus-ca-path)",
        );}
    });
  }
});
