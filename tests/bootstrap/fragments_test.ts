import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import {
  parseFragments,
  parseListFragment,
  parseValueFragment,
} from "../../src/bootstrap/fragments.ts";
import { emptyProxyConfigSettings } from "../../src/bootstrap/proxy_config.ts";

Deno.test("parseListFragment: one, several, blank", () => {
  assertEquals(parseListFragment("k", '{"name": "a"}'), { ok: true, value: [{ name: "a" }] });
  assertEquals(parseListFragment("k", '\n\t{"name": "a"} , {"name":"b"}'), {
    ok: true,
    value: [{ name: "a" }, { name: "b" }],
  });
  assertEquals(parseListFragment("k", ""), { ok: true, value: [] });
  assertEquals(parseListFragment("k", " \n\t"), { ok: true, value: [] });
});

Deno.test("parseListFragment / parseValueFragment: invalid JSON names the key", () => {
  for (const bad of ['{"a": }', '{"a": 1},', "nope", '{"a": 1}}']) {
    const r = parseListFragment("envoy_extra_static_clusters_json", bad);
    assertEquals(r.ok, false);
    if (!r.ok) {
      assertEquals(
        r.error.startsWith("envoy_extra_static_clusters_json is not valid JSON: "),
        true,
      );
    }
  }
  const v = parseValueFragment("envoy_tracing_json", '{"a":1}, {"b":2}');
  assertEquals(v.ok, false);
  assertEquals(parseValueFragment("envoy_tracing_json", "  "), { ok: true, value: undefined });
  assertEquals(parseValueFragment("envoy_tracing_json", '{"http": {}}'), {
    ok: true,
    value: { http: {} },
  });
});

Deno.test("parseFragments: all keys; errors collected with the Proxy.Config prefix", () => {
  const s = emptyProxyConfigSettings();
  s.extraStaticClustersJson = '{"name":"c1"},{"name":"c2"}';
  s.extraStaticListenersJson = '{"name":"l1"}';
  s.extraStatsSinksJson = '{"name":"s1"}';
  s.statsConfigJson = '{"name":"fake_config"}';
  s.tracingJson = '{"http":{"name":"z"}}';
  assertEquals(parseFragments(s), {
    extraClusters: [{ name: "c1" }, { name: "c2" }],
    extraListeners: [{ name: "l1" }],
    extraSinks: [{ name: "s1" }],
    statsConfig: { name: "fake_config" },
    tracing: { http: { name: "z" } },
  });
  s.extraStaticListenersJson = "{";
  s.tracingJson = "[";
  const err = assertThrows(() => parseFragments(s), CliError);
  const lines = err.message.split("; ");
  assertEquals(lines.length, 2);
  assertEquals(
    lines[0].startsWith(
      "failed parsing Proxy.Config: envoy_extra_static_listeners_json is not valid JSON: ",
    ),
    true,
  );
  assertEquals(lines[1].startsWith("envoy_tracing_json is not valid JSON: "), true);
});

Deno.test("parseListFragment / parseValueFragment: a value Envoy cannot take as a message names the key", () => {
  const lists: [string, string][] = [
    ["1", "a number"],
    ['{"name":"x"}, 5', "a number"],
    ['"s"', "a string"],
    ["[[1]]", "an array"],
    ["null", "null"],
    ["true", "a boolean"],
  ];
  for (const [text, kind] of lists) {
    assertEquals(parseListFragment("envoy_extra_static_clusters_json", text), {
      ok: false,
      error: `envoy_extra_static_clusters_json must hold JSON objects, got ${kind}`,
    }, text);
  }
  const singles: [string, string][] = [['"str"', "a string"], ["[]", "an array"], [
    "3",
    "a number",
  ]];
  for (const [text, kind] of singles) {
    assertEquals(parseValueFragment("envoy_tracing_json", text), {
      ok: false,
      error: `envoy_tracing_json must be a JSON object, got ${kind}`,
    }, text);
  }
  assertEquals(parseValueFragment("envoy_stats_config_json", "null"), { ok: true, value: null });
});
