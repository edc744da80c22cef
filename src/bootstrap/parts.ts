/**
 * Apply the proxy's decoded `envoy_*` settings to the input: compute every
 * variable part of the document — sinks, stats config, static clusters/listeners/
 * secrets, tracing, flush interval, telemetry collector — in Consul's order.
 * Shared by the built-in layout and custom templates. Pure apart from the
 * injected `getEnv`.
 *
 * @module
 */

import type { BootstrapInput } from "./input.ts";
import type { GetEnv } from "./env_expand.ts";
import type { ParsedFragments } from "./fragments.ts";
import { generatedListeners } from "./listeners.ts";
import type { ProxyConfigSettings } from "./proxy_config.ts";
import { DOGSTATSD_SINK, STATSD_SINK, statsdSink } from "./sinks.ts";
import { statsConfig } from "./stats_tags.ts";
import { telemetryCluster, telemetrySink, telemetrySocketPath } from "./telemetry.ts";
import type {
  AccessLogger,
  Cluster,
  JsonValue,
  Listener,
  MetricsServiceSink,
  Secret,
  StatsConfig,
  StatsdSink,
} from "./types.ts";

/** The computed variable parts (Consul's `*JSON` template arguments, as values). */
export interface BootstrapParts {
  /** Admin access loggers (from proxy-defaults, or the `-admin-access-log-path` file). */
  accessLoggers: AccessLogger[];
  /** Whether `accessLoggers` came from proxy-defaults (`AdminAccessLogConfig`). */
  accessLogsFromProxyDefaults: boolean;
  /** Clusters after `local_agent` (`StaticClustersJSON`). */
  clusters: (Cluster | JsonValue)[];
  /** `StaticListenersJSON`. */
  listeners: (Listener | JsonValue)[];
  /** `StaticSecretsJSON`. */
  secrets: Secret[];
  /** `StatsSinksJSON`. */
  sinks: (StatsdSink | MetricsServiceSink | JsonValue)[];
  /** `StatsConfigJSON`: the override or the generated tags. */
  statsConfig: StatsConfig | JsonValue;
  /** `StatsFlushInterval` (`""` = none). */
  statsFlushInterval: string;
  /** `TracingConfigJSON` (`undefined` = none). */
  tracing?: JsonValue;
}

/**
 * Compute the parts in Consul's order: sinks, stats config, extra
 * clusters/listeners, generated listeners, tracing, flush interval,
 * telemetry collector. Throws `CliError` for sink and listener problems.
 */
export function applySettings(
  input: BootstrapInput,
  settings: ProxyConfigSettings,
  fragments: ParsedFragments,
  accessLoggers: AccessLogger[],
  accessLogsFromProxyDefaults: boolean,
  getEnv: GetEnv,
): BootstrapParts {
  const sinks = configuredSinks(settings, fragments, getEnv);
  const stats = fragments.statsConfig !== undefined
    ? fragments.statsConfig
    : generatedStatsConfig(input, settings);
  const generated = generatedListeners(fragments.extraClusters, listenerSettings(input, settings));
  const clusters = generated.clusters;
  const listeners: BootstrapParts["listeners"] = [
    ...fragments.extraListeners,
    ...generated.listeners,
  ];

  let statsFlushInterval = settings.statsFlushInterval;
  if (settings.telemetryCollectorBindSocketDir !== "") {
    if (statsFlushInterval === "" && sinks.length === 0) statsFlushInterval = "60s";
    const socket = telemetrySocketPath(
      settings.telemetryCollectorBindSocketDir,
      input.namespace,
      input.proxyId,
    );
    sinks.push(telemetrySink());
    clusters.push(telemetryCluster(socket));
  }

  return {
    accessLoggers,
    accessLogsFromProxyDefaults,
    clusters,
    listeners,
    secrets: generated.secrets,
    sinks,
    statsConfig: stats,
    statsFlushInterval,
    tracing: fragments.tracing,
  };
}

/** The statsd and DogStatsD sinks from their URLs, then the extra sinks of the fragments. */
function configuredSinks(
  settings: ProxyConfigSettings,
  fragments: ParsedFragments,
  getEnv: GetEnv,
): BootstrapParts["sinks"] {
  const sinks: BootstrapParts["sinks"] = [];
  if (settings.statsdUrl !== "") sinks.push(statsdSink(STATSD_SINK, settings.statsdUrl, getEnv));
  if (settings.dogstatsdUrl !== "") {
    sinks.push(statsdSink(DOGSTATSD_SINK, settings.dogstatsdUrl, getEnv));
  }
  sinks.push(...fragments.extraSinks);
  return sinks;
}

/** The stats config with the generated tags (when no override is given). */
function generatedStatsConfig(input: BootstrapInput, settings: ProxyConfigSettings): StatsConfig {
  return statsConfig(
    settings.statsTags,
    {
      proxyCluster: input.proxyCluster,
      proxySourceService: input.proxySourceService,
      namespace: input.namespace,
      partition: input.partition,
      datacenter: input.datacenter,
    },
    input.omitDeprecatedTags,
  );
}

/** What the generated listeners (Prometheus, stats, ready) are built from. */
function listenerSettings(
  input: BootstrapInput,
  settings: ProxyConfigSettings,
): Parameters<typeof generatedListeners>[1] {
  return {
    prometheusBindAddr: settings.prometheusBindAddr,
    statsBindAddr: settings.statsBindAddr,
    readyBindAddress: input.readyBindAddress,
    adminBindAddress: input.adminBindAddress,
    adminBindPort: input.adminBindPort,
    prometheusBackendPort: input.prometheus.backendPort,
    prometheusScrapePath: input.prometheus.scrapePath,
    prometheusCaFile: input.prometheus.caFile,
    prometheusCaPath: input.prometheus.caPath,
    prometheusCertFile: input.prometheus.certFile,
    prometheusKeyFile: input.prometheus.keyFile,
  };
}
