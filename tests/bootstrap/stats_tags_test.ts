import { assertEquals } from "../helpers/assert.ts";
import {
  CURRENT_TAG_RULES,
  customStatsTags,
  DEPRECATED_TAG_RULES,
  statsConfig,
  statsTags,
} from "../../src/bootstrap/stats_tags.ts";

const ID = {
  proxyCluster: "web",
  proxySourceService: "web",
  namespace: "",
  partition: "",
  datacenter: "dc1",
};

Deno.test("rule tables: 16 current, 9 deprecated, Consul's regexes", () => {
  assertEquals(CURRENT_TAG_RULES.length, 16);
  assertEquals(DEPRECATED_TAG_RULES.length, 9);
  const byName = new Map([...CURRENT_TAG_RULES, ...DEPRECATED_TAG_RULES]);
  // Spot checks of Consul's tag regexes (unescaped).
  assertEquals(
    byName.get("consul.destination.peer"),
    String.raw`^cluster\.([^.]+\.(?:[^.]+\.)?([^.]+)\.external\.[^.]+\.consul\.)`,
  );
  assertEquals(
    byName.get("consul.destination.partition"),
    String
      .raw`^cluster\.(?:passthrough~)?((?:[^.]+~)?(?:[^.]+\.)?[^.]+\.[^.]+\.(?:([^.]+)\.)?[^.]+\.internal[^.]*\.[^.]+\.consul\.)`,
  );
  assertEquals(
    byName.get("consul.full_target"),
    String
      .raw`^cluster\.(((?:[^.]+~)?(?:[^.]+\.)?[^.]+\.[^.]+\.(?:[^.]+\.)?[^.]+\.[^.]+\.[^.]+)\.consul\.)`,
  );
  assertEquals(
    byName.get("consul.upstream.partition"),
    String.raw`^(?:tcp|http)\.upstream\.([^.]+(?:\.[^.]+)?(?:\.([^.]+))?\.[^.]+\.)`,
  );
  assertEquals(DEPRECATED_TAG_RULES.map(([n]) => n), [
    "consul.custom_hash",
    "consul.service_subset",
    "consul.service",
    "consul.namespace",
    "consul.datacenter",
    "consul.routing_type",
    "consul.trust_domain",
    "consul.target",
    "consul.full_target",
  ]);
  // every regex compiles
  for (const [, re] of [...CURRENT_TAG_RULES, ...DEPRECATED_TAG_RULES]) new RegExp(re);
});

Deno.test("customStatsTags: split at first '=', lower-case name only, default value 1", () => {
  assertEquals(customStatsTags(["Canary", "Env=Prod", "a=b=c", "=v", ""]), [
    { tag_name: "canary", fixed_value: "1" },
    { tag_name: "env", fixed_value: "Prod" },
    { tag_name: "a", fixed_value: "b=c" },
    { tag_name: "", fixed_value: "v" },
    { tag_name: "", fixed_value: "1" },
  ]);
});

Deno.test("statsTags: order custom, current, deprecated, defaults", () => {
  const tags = statsTags(["x=1"], ID, false);
  assertEquals(tags.length, 1 + 16 + 9 + 5);
  assertEquals(tags[0], { tag_name: "x", fixed_value: "1" });
  assertEquals(tags[1], { regex: CURRENT_TAG_RULES[0][1], tag_name: CURRENT_TAG_RULES[0][0] });
  assertEquals(tags[17], { regex: DEPRECATED_TAG_RULES[0][1], tag_name: "consul.custom_hash" });
  assertEquals(tags.slice(26), [
    { tag_name: "local_cluster", fixed_value: "web" },
    { tag_name: "consul.source.service", fixed_value: "web" },
    { tag_name: "consul.source.namespace", fixed_value: "default" },
    { tag_name: "consul.source.partition", fixed_value: "default" },
    { tag_name: "consul.source.datacenter", fixed_value: "dc1" },
  ]);
});

Deno.test("statsTags: omitDeprecated drops the 9 deprecated rules", () => {
  const tags = statsTags([], ID, true);
  assertEquals(tags.length, 16 + 5);
  assertEquals(tags.some((t) => t.tag_name === "consul.service"), false);
});

Deno.test("statsTags: defaults skipped when empty or overridden by a custom tag", () => {
  const tags = statsTags(
    ["LOCAL_CLUSTER=mine", "consul.source.namespace=ns"],
    { ...ID, proxySourceService: "", datacenter: "", namespace: "n1", partition: "p1" },
    true,
  );
  const fixed = tags.filter((t) => "fixed_value" in t);
  assertEquals(fixed, [
    { tag_name: "local_cluster", fixed_value: "mine" },
    { tag_name: "consul.source.namespace", fixed_value: "ns" },
    { tag_name: "consul.source.partition", fixed_value: "p1" },
  ]);
});

Deno.test("statsConfig wraps the tags", () => {
  const c = statsConfig([], ID, true);
  assertEquals(c.use_all_default_tags, true);
  assertEquals(c.stats_tags, statsTags([], ID, true));
  assertEquals(Object.keys(c), ["stats_tags", "use_all_default_tags"]);
});
