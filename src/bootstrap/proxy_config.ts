/**
 * The `envoy_*` keys of a proxy registration's `Proxy.Config` map, weakly
 * decoded as Consul decodes them. Pure.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { lookupKey, weakString, weakStringList } from "../go/weak_decode.ts";
import { DURATION_KEYS, durationKeyProblem } from "./proto_duration.ts";

/** The decoded `envoy_*` settings; `""` / `[]` when unset. */
export interface ProxyConfigSettings {
  statsdUrl: string;
  dogstatsdUrl: string;
  statsTags: string[];
  telemetryCollectorBindSocketDir: string;
  prometheusBindAddr: string;
  statsBindAddr: string;
  bootstrapJsonTpl: string;
  extraStaticClustersJson: string;
  extraStaticListenersJson: string;
  extraStatsSinksJson: string;
  statsConfigJson: string;
  statsFlushInterval: string;
  tracingJson: string;
}

/** One recognised key, in the order errors are reported. */
export interface ProxyConfigKey {
  key: string;
  field: keyof ProxyConfigSettings;
}

/** The recognised keys, in the order Consul checks them (also the error order). */
export const PROXY_CONFIG_KEYS: readonly ProxyConfigKey[] = [
  { key: "envoy_statsd_url", field: "statsdUrl" },
  { key: "envoy_dogstatsd_url", field: "dogstatsdUrl" },
  { key: "envoy_stats_tags", field: "statsTags" },
  { key: "envoy_telemetry_collector_bind_socket_dir", field: "telemetryCollectorBindSocketDir" },
  { key: "envoy_prometheus_bind_addr", field: "prometheusBindAddr" },
  { key: "envoy_stats_bind_addr", field: "statsBindAddr" },
  { key: "envoy_bootstrap_json_tpl", field: "bootstrapJsonTpl" },
  { key: "envoy_extra_static_clusters_json", field: "extraStaticClustersJson" },
  { key: "envoy_extra_static_listeners_json", field: "extraStaticListenersJson" },
  { key: "envoy_extra_stats_sinks_json", field: "extraStatsSinksJson" },
  { key: "envoy_stats_config_json", field: "statsConfigJson" },
  { key: "envoy_stats_flush_interval", field: "statsFlushInterval" },
  { key: "envoy_tracing_json", field: "tracingJson" },
];

/** Settings with nothing configured. */
export function emptyProxyConfigSettings(): ProxyConfigSettings {
  return {
    statsdUrl: "",
    dogstatsdUrl: "",
    statsTags: [],
    telemetryCollectorBindSocketDir: "",
    prometheusBindAddr: "",
    statsBindAddr: "",
    bootstrapJsonTpl: "",
    extraStaticClustersJson: "",
    extraStaticListenersJson: "",
    extraStatsSinksJson: "",
    statsConfigJson: "",
    statsFlushInterval: "",
    tracingJson: "",
  };
}

/**
 * Weakly decode a `Proxy.Config` map. Never throws: returns the settings
 * (failed keys left unset) and every error text, in key-table order.
 * Duration-valued keys must also be durations Envoy accepts.
 */
export function weakDecodeProxyConfig(
  config: Record<string, unknown> | undefined,
): { settings: ProxyConfigSettings; errors: string[] } {
  const settings = emptyProxyConfigSettings();
  const errors: string[] = [];
  if (config === undefined || config === null) return { settings, errors };
  for (const { key, field } of PROXY_CONFIG_KEYS) {
    const raw = lookupKey(config, key);
    if (raw === undefined || raw === null) continue;
    if (field === "statsTags") {
      const r = weakStringList(key, raw);
      if (r.ok) settings.statsTags = r.value;
      else errors.push(...r.errors);
      continue;
    }
    const r = weakString(key, raw);
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    const durationKey = DURATION_KEYS.find((d) => d.key === key);
    const problem = durationKey && r.value !== ""
      ? durationKeyProblem(durationKey, r.value)
      : undefined;
    if (problem !== undefined) errors.push(problem);
    else settings[field] = r.value;
  }
  return { settings, errors };
}

/** Prefix of every `Proxy.Config` error. */
export const PROXY_CONFIG_ERROR_PREFIX = "failed parsing Proxy.Config: ";

/** The `CliError` for a non-empty list of `Proxy.Config` error texts. */
export function proxyConfigError(errors: string[]): CliError {
  return new CliError(PROXY_CONFIG_ERROR_PREFIX + errors.join("; "));
}

/**
 * Decode a `Proxy.Config` map, throwing `failed parsing Proxy.Config: …`
 * (all errors, one per line) when any key has an unconvertible value.
 */
export function decodeProxyConfig(
  config: Record<string, unknown> | undefined,
): ProxyConfigSettings {
  const { settings, errors } = weakDecodeProxyConfig(config);
  if (errors.length > 0) throw proxyConfigError(errors);
  return settings;
}
