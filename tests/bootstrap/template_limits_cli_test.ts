/**
 * The real CLI with hostile `envoy_bootstrap_json_tpl` values, at the real
 * limits: one line naming the key, quickly, in bounded memory.
 */

import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { bootstrapWithConfig } from "../helpers/measured_cli.ts";

const CASES: [string, string, string][] = [
  [
    "a nested loop that would run 10^10 times",
    "{{range 100000}}{{range 100000}}{{end}}{{end}}{}",
    "execution stopped after 10000000 steps",
  ],
  ["a loop rendering 1 GB", "{{range 1000000000}}x{{end}}", "execution stopped after"],
  [
    "wide printf output beyond the output cap",
    '{{range 100000}}{{printf "%1000d" .}}{{end}}',
    "the output grew larger than 16 MiB",
  ],
];

for (const [what, tpl, want] of CASES) {
  Deno.test(`CLI: envoy_bootstrap_json_tpl with ${what}: one line within 10 s`, async () => {
    const run = await bootstrapWithConfig({ envoy_bootstrap_json_tpl: tpl });
    assertEquals(run.code, 1);
    assertEquals(run.stdout, "");
    assertEquals(run.stderr.split("\n").length, 2, run.stderr);
    assertStringIncludes(run.stderr, "envoy_bootstrap_json_tpl: ");
    assertStringIncludes(run.stderr, want);
    assert(run.wallMs < 10_000, `took ${run.wallMs} ms`);
    assert(run.peakRssMiB < 500, `peak RSS ${run.peakRssMiB} MiB`);
  });
}
