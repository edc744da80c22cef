/**
 * The `stats_config.stats_tags` list:
 * custom fixed tags, the current and deprecated resource rules, then the
 * default fixed tags. Pure.
 *
 * @module
 */

import type { StatsConfig, StatsTag } from "./types.ts";

/** A resource rule: tag name and (unescaped) regex. */
export type TagRule = readonly [tagName: string, regex: string];

const DEST = String.raw`^cluster\.(?:passthrough~)?(`;
const OLD = String.raw`^cluster\.(`;
const SEG = String.raw`[^.]+`;

/** Rules for the destination tags, shared by current and deprecated forms. */
const CLUSTER_RULES: readonly TagRule[] = [
  [
    "custom_hash",
    String.raw`(?:([^.]+)~)?(?:[^.]+\.)?[^.]+\.[^.]+\.(?:[^.]+\.)?[^.]+\.[^.]+\.[^.]+\.consul\.)`,
  ],
  [
    "service_subset",
    String.raw`(?:[^.]+~)?(?:([^.]+)\.)?[^.]+\.[^.]+\.(?:[^.]+\.)?[^.]+\.[^.]+\.[^.]+\.consul\.)`,
  ],
  [
    "service",
    String.raw`(?:[^.]+~)?(?:[^.]+\.)?([^.]+)\.[^.]+\.(?:[^.]+\.)?[^.]+\.[^.]+\.[^.]+\.consul\.)`,
  ],
  [
    "namespace",
    String.raw`(?:[^.]+~)?(?:[^.]+\.)?[^.]+\.([^.]+)\.(?:[^.]+\.)?[^.]+\.[^.]+\.[^.]+\.consul\.)`,
  ],
  [
    "partition",
    String
      .raw`(?:[^.]+~)?(?:[^.]+\.)?[^.]+\.[^.]+\.(?:([^.]+)\.)?[^.]+\.internal[^.]*\.[^.]+\.consul\.)`,
  ],
  [
    "datacenter",
    String
      .raw`(?:[^.]+~)?(?:[^.]+\.)?[^.]+\.[^.]+\.(?:[^.]+\.)?([^.]+)\.internal[^.]*\.[^.]+\.consul\.)`,
  ],
  [
    "routing_type",
    String.raw`(?:[^.]+~)?(?:[^.]+\.)?[^.]+\.[^.]+\.(?:[^.]+\.)?[^.]+\.([^.]+)\.[^.]+\.consul\.)`,
  ],
  [
    "trust_domain",
    String.raw`(?:[^.]+~)?(?:[^.]+\.)?[^.]+\.[^.]+\.(?:[^.]+\.)?[^.]+\.[^.]+\.([^.]+)\.consul\.)`,
  ],
  [
    "target",
    String.raw`((?:[^.]+~)?(?:[^.]+\.)?[^.]+\.[^.]+\.(?:[^.]+\.)?[^.]+)\.[^.]+\.[^.]+\.consul\.)`,
  ],
  [
    "full_target",
    String.raw`((?:[^.]+~)?(?:[^.]+\.)?[^.]+\.[^.]+\.(?:[^.]+\.)?[^.]+\.[^.]+\.[^.]+)\.consul\.)`,
  ],
];

function clusterRule(name: string, prefix: string, tagPrefix: string): TagRule {
  const rule = CLUSTER_RULES.find(([n]) => n === name)!;
  return [tagPrefix + name, prefix + rule[1]];
}

/** The 16 current resource rules, in output order. */
export const CURRENT_TAG_RULES: readonly TagRule[] = [
  ...["custom_hash", "service_subset", "service", "namespace", "partition", "datacenter"].map((n) =>
    clusterRule(n, DEST, "consul.destination.")
  ),
  [
    "consul.destination.peer",
    String.raw`^cluster\.(${SEG}\.(?:${SEG}\.)?(${SEG})\.external\.${SEG}\.consul\.)`,
  ],
  ...["routing_type", "trust_domain", "target", "full_target"].map((n) =>
    clusterRule(n, DEST, "consul.destination.")
  ),
  [
    "consul.upstream.service",
    String.raw`^(?:tcp|http)\.upstream(?:_peered)?\.(([^.]+)(?:\.[^.]+)?(?:\.[^.]+)?\.[^.]+\.)`,
  ],
  [
    "consul.upstream.datacenter",
    String.raw`^(?:tcp|http)\.upstream\.([^.]+(?:\.[^.]+)?(?:\.[^.]+)?\.([^.]+)\.)`,
  ],
  [
    "consul.upstream.peer",
    String.raw`^(?:tcp|http)\.upstream_peered\.([^.]+(?:\.[^.]+)?\.([^.]+)\.)`,
  ],
  [
    "consul.upstream.namespace",
    String.raw`^(?:tcp|http)\.upstream(?:_peered)?\.([^.]+(?:\.([^.]+))?(?:\.[^.]+)?\.[^.]+\.)`,
  ],
  [
    "consul.upstream.partition",
    String.raw`^(?:tcp|http)\.upstream\.([^.]+(?:\.[^.]+)?(?:\.([^.]+))?\.[^.]+\.)`,
  ],
];

/** The 9 deprecated rules (omitted with `-omit-deprecated-tags`). */
export const DEPRECATED_TAG_RULES: readonly TagRule[] = [
  "custom_hash",
  "service_subset",
  "service",
  "namespace",
  "datacenter",
  "routing_type",
  "trust_domain",
  "target",
  "full_target",
].map((n) => clusterRule(n, OLD, "consul."));

/** What the default fixed tags are computed from. */
export interface StatsTagIdentity {
  proxyCluster: string;
  proxySourceService: string;
  namespace: string;
  partition: string;
  datacenter: string;
}

/** Custom tags from `envoy_stats_tags`: `k=v` → lower-cased `k`, value `v` (or `1`). */
export function customStatsTags(entries: readonly string[]): StatsTag[] {
  return entries.map((entry) => {
    const eq = entry.indexOf("=");
    const name = (eq < 0 ? entry : entry.slice(0, eq)).toLowerCase();
    return { tag_name: name, fixed_value: eq < 0 ? "1" : entry.slice(eq + 1) };
  });
}

/** The full tag list: custom fixed tags, current rules, deprecated rules, default fixed tags. */
export function statsTags(
  custom: readonly string[],
  id: StatsTagIdentity,
  omitDeprecated: boolean,
): StatsTag[] {
  const tags: StatsTag[] = customStatsTags(custom);
  const customNames = new Set(tags.map((t) => t.tag_name));
  const rules = omitDeprecated
    ? CURRENT_TAG_RULES
    : [...CURRENT_TAG_RULES, ...DEPRECATED_TAG_RULES];
  for (const [tagName, regex] of rules) tags.push({ regex, tag_name: tagName });
  const defaults: [string, string][] = [
    ["local_cluster", id.proxyCluster],
    ["consul.source.service", id.proxySourceService],
    ["consul.source.namespace", id.namespace || "default"],
    ["consul.source.partition", id.partition || "default"],
    ["consul.source.datacenter", id.datacenter],
  ];
  for (const [name, value] of defaults) {
    if (value === "" || customNames.has(name)) continue;
    tags.push({ tag_name: name, fixed_value: value });
  }
  return tags;
}

/** The generated `stats_config` object. */
export function statsConfig(
  custom: readonly string[],
  id: StatsTagIdentity,
  omitDeprecated: boolean,
): StatsConfig {
  return { stats_tags: statsTags(custom, id, omitDeprecated), use_all_default_tags: true };
}
