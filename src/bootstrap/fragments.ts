/**
 * Parsing of the JSON-valued `Proxy.Config` keys (`envoy_*_json`) into
 * values. List fragments may hold several comma-separated values; an empty or
 * whitespace-only text counts as unset. Pure.
 *
 * @module
 */

import type { ProxyConfigSettings } from "./proxy_config.ts";
import { proxyConfigError } from "./proxy_config.ts";
import type { JsonValue } from "./types.ts";
import { depthError } from "./json_depth.ts";
import { isObject } from "../go/json_fields.ts";
import { errorText } from "../errors.ts";

/** The parsed fragments; lists are `[]` and single values `undefined` when unset. */
export interface ParsedFragments {
  extraClusters: JsonValue[];
  extraListeners: JsonValue[];
  extraSinks: JsonValue[];
  statsConfig?: JsonValue;
  tracing?: JsonValue;
}

/** What a JSON value is, for an error line ("a number", "an array", …). */
function jsonKind(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Check the nesting depth of `text`, then parse `json` (`text` itself, or
 * `text` wrapped in brackets); an error line naming `key` on failure.
 */
function parseChecked(
  key: string,
  text: string,
  json = text,
): { ok: true; value: JsonValue } | { ok: false; error: string } {
  const tooDeep = depthError(text);
  if (tooDeep !== undefined) return { ok: false, error: `${key} ${tooDeep}` };
  try {
    return { ok: true, value: JSON.parse(json) as JsonValue };
  } catch (err) {
    return { ok: false, error: `${key} is not valid JSON: ${errorText(err)}` };
  }
}

function isBlank(text: string): boolean {
  return text.trim() === "";
}

/**
 * Parse a list fragment (`a, b, …` without brackets). Returns the values or
 * an error line naming `key` (invalid JSON, or nesting deeper than
 * `MAX_JSON_DEPTH`).
 */
export function parseListFragment(
  key: string,
  text: string,
): { ok: true; value: JsonValue[] } | { ok: false; error: string } {
  if (isBlank(text)) return { ok: true, value: [] };
  const parsed = parseChecked(key, text, `[${text}\n]`);
  if (!parsed.ok) return parsed;
  const values = parsed.value as JsonValue[];
  // Envoy takes each entry as one message (a cluster, a listener, a sink).
  const odd = values.find((v) => !isObject(v));
  if (odd !== undefined) {
    return { ok: false, error: `${key} must hold JSON objects, got ${jsonKind(odd)}` };
  }
  return { ok: true, value: values };
}

/** Parse a single-value fragment; `undefined` when blank. */
export function parseValueFragment(
  key: string,
  text: string,
): { ok: true; value: JsonValue | undefined } | { ok: false; error: string } {
  if (isBlank(text)) return { ok: true, value: undefined };
  const parsed = parseChecked(key, text);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  // One Envoy message; null leaves Envoy's default in place.
  if (value !== null && !isObject(value)) {
    return { ok: false, error: `${key} must be a JSON object, got ${jsonKind(value)}` };
  }
  return { ok: true, value };
}

/**
 * Parse every JSON fragment of `settings`; throws one `CliError`
 * (`failed parsing Proxy.Config: <key> is not valid JSON: …`, one line per
 * bad key, in key-table order).
 */
export function parseFragments(settings: ProxyConfigSettings): ParsedFragments {
  const errors: string[] = [];
  const list = (key: string, text: string): JsonValue[] => {
    const r = parseListFragment(key, text);
    if (r.ok) return r.value;
    errors.push(r.error);
    return [];
  };
  const single = (key: string, text: string): JsonValue | undefined => {
    const r = parseValueFragment(key, text);
    if (r.ok) return r.value;
    errors.push(r.error);
    return undefined;
  };
  const out: ParsedFragments = {
    extraClusters: list("envoy_extra_static_clusters_json", settings.extraStaticClustersJson),
    extraListeners: list("envoy_extra_static_listeners_json", settings.extraStaticListenersJson),
    extraSinks: list("envoy_extra_stats_sinks_json", settings.extraStatsSinksJson),
    statsConfig: single("envoy_stats_config_json", settings.statsConfigJson),
    tracing: single("envoy_tracing_json", settings.tracingJson),
  };
  if (errors.length > 0) throw proxyConfigError(errors);
  return out;
}
