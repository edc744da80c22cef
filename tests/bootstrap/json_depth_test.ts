import { assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { depthError, jsonNestingDepth, MAX_JSON_DEPTH } from "../../src/bootstrap/json_depth.ts";
import { parseFragments, parseListFragment } from "../../src/bootstrap/fragments.ts";
import { bootstrapWithConfig } from "../helpers/measured_cli.ts";

const nested = (d: number) => "[".repeat(d) + "]".repeat(d);
const nestedObject = (d: number) => '{"a":'.repeat(d) + "1" + "}".repeat(d);

Deno.test("jsonNestingDepth: counts [ and { outside strings, stops past the limit", () => {
  const cases: [string, number][] = [
    ["", 0],
    ["1", 0],
    ["[]", 1],
    ['{"a":[1,{"b":2}]}', 3],
    ['"[[[["', 0],
    ['["\\"[[", {}]', 2],
    ['"\\\\" [[', 2],
    [nested(5) + nested(3), 5],
    ["]]]][", 1],
  ];
  for (const [text, want] of cases) assertEquals(jsonNestingDepth(text), want, text);
  assertEquals(jsonNestingDepth(nested(10_000), 7), 8);
});

Deno.test("depthError: the limit itself passes, one more fails", () => {
  assertEquals(depthError(nested(MAX_JSON_DEPTH)), undefined);
  assertStringIncludes(depthError(nested(MAX_JSON_DEPTH + 1))!, `more than ${MAX_JSON_DEPTH}`);
  assertEquals(depthError(nested(3), 2) !== undefined, true);
});

Deno.test("fragments: a too-deep value is an error naming its key, before parsing", () => {
  const r = parseListFragment("envoy_extra_static_clusters_json", `{}, ${nested(10_000)}`);
  assertEquals(r.ok, false);
  if (!r.ok) assertStringIncludes(r.error, "envoy_extra_static_clusters_json is nested more");
  let message = "";
  try {
    parseFragments(
      {
        extraStaticClustersJson: "",
        extraStaticListenersJson: "",
        extraStatsSinksJson: "",
        statsConfigJson: "",
        tracingJson: nestedObject(10_000),
      } as Parameters<typeof parseFragments>[0],
    );
  } catch (err) {
    message = (err as Error).message;
  }
  assertStringIncludes(message, "envoy_tracing_json is nested more than 100 levels deep");
});

Deno.test("CLI: depth-10000 JSON in a *_json key is one line naming the key", async () => {
  const run = await bootstrapWithConfig({ envoy_extra_static_clusters_json: nested(10_000) });
  assertEquals(run.code, 1);
  assertEquals(run.stdout, "");
  assertEquals(run.stderr.split("\n").length, 2, run.stderr);
  assertStringIncludes(run.stderr, "envoy_extra_static_clusters_json is nested more than 100");
});

Deno.test("CLI: at the depth limit the output grows linearly, not with the square", async () => {
  const base = await bootstrapWithConfig({});
  const deep = await bootstrapWithConfig({ envoy_tracing_json: nestedObject(MAX_JSON_DEPTH) });
  assertEquals(deep.code, 0, deep.stderr);
  // Each level adds one indented line on each side: well under 64 KiB in all.
  const extra = deep.stdout.length - base.stdout.length;
  assertEquals(extra > 0 && extra < 64 * 1024, true, `${extra} extra bytes`);
});
