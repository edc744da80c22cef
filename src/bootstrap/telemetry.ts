/**
 * The Consul telemetry collector (`envoy_telemetry_collector_bind_socket_dir`):
 * metrics-service sink, loopback cluster and the socket path derived from
 * the proxy identity. Pure.
 *
 * @module
 */

import { base64UrlRaw, sha1 } from "./sha1.ts";
import { joinPath } from "../go/path.ts";
import { httpProtocolOptions, loadAssignment } from "./clusters.ts";
import type { Cluster, MetricsServiceSink } from "./types.ts";

/** Name of the telemetry-collector loopback cluster. */
export const TELEMETRY_CLUSTER = "consul_telemetry_collector_loopback";

/** Socket path: `<dir>/<base64url(sha1(<namespace or default>_<proxyID>))>.sock`. */
export function telemetrySocketPath(dir: string, namespace: string, proxyId: string): string {
  const id = `${namespace || "default"}_${proxyId}`;
  const hash = base64UrlRaw(sha1(new TextEncoder().encode(id)));
  return joinPath([dir, `${hash}.sock`]);
}

/** The metrics-service sink pointing at the loopback cluster. */
export function telemetrySink(): MetricsServiceSink {
  return {
    name: "envoy.stat_sinks.metrics_service",
    typed_config: {
      "@type": "type.googleapis.com/envoy.config.metrics.v3.MetricsServiceConfig",
      transport_api_version: "V3",
      grpc_service: { envoy_grpc: { cluster_name: TELEMETRY_CLUSTER } },
      emit_tags_as_labels: true,
    },
  };
}

/** The loopback cluster (no connect_timeout, no ignore_health_on_host_removal). */
export function telemetryCluster(socketPath: string): Cluster {
  return {
    name: TELEMETRY_CLUSTER,
    type: "STATIC",
    typed_extension_protocol_options: httpProtocolOptions(true),
    loadAssignment: loadAssignment(TELEMETRY_CLUSTER, { pipe: { path: socketPath } }),
  };
}
