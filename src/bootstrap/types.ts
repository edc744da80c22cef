/**
 * Typed shapes of the Envoy v3 bootstrap objects the built-in layout emits
 * Property order in object literals that build these types is the output
 * key order, so builders must list keys in the order Consul's output uses.
 *
 * Fragments supplied by users (`envoy_extra_*_json`, …) are arbitrary JSON
 * and typed as {@linkcode JsonValue}.
 *
 * @module
 */

/** Any JSON value (what `JSON.parse` returns). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** `{"socket_address": {...}}` or `{"pipe": {...}}`. */
export type EnvoyAddress =
  | { socket_address: { address: string; port_value: number } }
  | { pipe: { path: string } };

/** `typed_extension_protocol_options` of the STATIC clusters. */
export interface HttpProtocolOptionsMap {
  "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
    "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
    explicit_http_config:
      | { http2_protocol_options: Record<string, never> }
      | { http_protocol_options: Record<string, never> };
  };
}

/** `loadAssignment` with a single endpoint. */
export interface LoadAssignment {
  clusterName: string;
  endpoints: { lbEndpoints: { endpoint: { address: EnvoyAddress } }[] }[];
}

/** Upstream TLS socket of the `local_agent` cluster. */
export interface UpstreamTlsSocket {
  name: "tls";
  typed_config: {
    "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext";
    common_tls_context: { validation_context: { trusted_ca: { inline_string: string } } };
  };
}

/** A generated STATIC cluster (`local_agent`, `self_admin`, …). */
export interface Cluster {
  name: string;
  ignore_health_on_host_removal?: false;
  connect_timeout?: string;
  type: "STATIC";
  transport_socket?: UpstreamTlsSocket;
  typed_extension_protocol_options: HttpProtocolOptionsMap;
  loadAssignment: LoadAssignment;
}

/** Downstream TLS socket of a generated listener. */
export interface DownstreamTlsSocket {
  name: "tls";
  typedConfig: {
    "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext";
    commonTlsContext: {
      tlsCertificateSdsSecretConfigs: { name: string }[];
      validationContextSdsSecretConfig: { name: string };
    };
  };
}

/** One route of the generated listeners' virtual host. */
export type Route =
  | {
    match: { path: string } | { prefix: string };
    route: { cluster: string; prefix_rewrite: string };
  }
  | { match: { prefix: string }; direct_response: { status: number } };

/** A generated HTTP listener (Prometheus, stats, ready). */
export interface Listener {
  name: string;
  address: EnvoyAddress;
  filter_chains: {
    filters: {
      name: "envoy.filters.network.http_connection_manager";
      typedConfig: {
        "@type": string;
        stat_prefix: string;
        codec_type: "HTTP1";
        route_config: {
          name: string;
          virtual_hosts: { name: string; domains: string[]; routes: Route[] }[];
        };
        http_filters: { name: string; typedConfig: { "@type": string } }[];
      };
    }[];
    transportSocket?: DownstreamTlsSocket;
  }[];
}

/** A static SDS secret for the Prometheus TLS listener. */
export type Secret =
  | {
    name: string;
    tlsCertificate: {
      certificateChain: { filename: string };
      privateKey: { filename: string };
    };
  }
  | {
    name: string;
    validationContext: { watchedDirectory: { path: string } } | { trustedCa: { filename: string } };
  };

/** A statsd / dogstatsd sink. */
export interface StatsdSink {
  name: string;
  typedConfig: { "@type": string; address: EnvoyAddress };
}

/** The telemetry-collector metrics-service sink. */
export interface MetricsServiceSink {
  name: "envoy.stat_sinks.metrics_service";
  typed_config: {
    "@type": "type.googleapis.com/envoy.config.metrics.v3.MetricsServiceConfig";
    transport_api_version: "V3";
    grpc_service: { envoy_grpc: { cluster_name: string } };
    emit_tags_as_labels: true;
  };
}

/** One entry of `stats_config.stats_tags`. */
export type StatsTag =
  | { regex: string; tag_name: string }
  | { tag_name: string; fixed_value: string };

/** The generated `stats_config`. */
export interface StatsConfig {
  stats_tags: StatsTag[];
  use_all_default_tags: true;
}

/** The default admin access logger (`-admin-access-log-path`). */
export interface FileAccessLogger {
  name: "envoy.access_loggers.file";
  typed_config: {
    "@type": "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog";
    path: string;
  };
}

/** The proxy-defaults access logger (protobuf-JSON, camelCase keys). */
export interface ProxyDefaultsAccessLogger {
  name: "Consul Listener Filter Log";
  typedConfig: {
    "@type": string;
    path?: string;
    logFormat:
      | { jsonFormat: { [key: string]: JsonValue } }
      | { textFormatSource: { inlineString: string } };
  };
}

/** Any admin access logger. */
export type AccessLogger = FileAccessLogger | ProxyDefaultsAccessLogger;

/** `dynamic_resources` (constant apart from the token). */
export interface DynamicResources {
  lds_config: {
    ads: Record<string, never>;
    initial_fetch_timeout: "0s";
    resource_api_version: "V3";
  };
  cds_config: {
    ads: Record<string, never>;
    initial_fetch_timeout: "0s";
    resource_api_version: "V3";
  };
  ads_config: {
    api_type: "DELTA_GRPC";
    transport_api_version: "V3";
    grpc_services: {
      initial_metadata: { key: "x-consul-token"; value: string }[];
      envoy_grpc: { cluster_name: string };
    };
  };
}

/** The whole built-in bootstrap document (key order = output order). */
export interface Bootstrap {
  admin: { access_log: AccessLogger[]; address: EnvoyAddress };
  node: { cluster: string; id: string; metadata: Record<string, string> };
  layered_runtime: {
    layers: { name: "base"; static_layer: { "re2.max_program_size.error_level": number } }[];
  };
  static_resources: {
    clusters: (Cluster | JsonValue)[];
    listeners?: (Listener | JsonValue)[];
    secrets?: Secret[];
  };
  stats_sinks?: (StatsdSink | MetricsServiceSink | JsonValue)[];
  stats_config?: StatsConfig | JsonValue;
  stats_flush_interval?: string;
  tracing?: JsonValue;
  dynamic_resources: DynamicResources;
}
