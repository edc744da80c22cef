/**
 * The generated STATIC clusters: `local_agent` (the xDS connection to the
 * agent) and the admin/Prometheus target clusters of the generated
 * listeners. Pure.
 *
 * @module
 */

import type {
  Cluster,
  EnvoyAddress,
  HttpProtocolOptionsMap,
  LoadAssignment,
  UpstreamTlsSocket,
} from "./types.ts";

/** Name of the xDS cluster. */
export const LOCAL_AGENT_CLUSTER = "local_agent";

/** `typed_extension_protocol_options` with HTTP/2 (`true`) or HTTP/1.1. */
export function httpProtocolOptions(http2: boolean): HttpProtocolOptionsMap {
  return {
    "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
      "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
      explicit_http_config: http2 ? { http2_protocol_options: {} } : { http_protocol_options: {} },
    },
  };
}

/** A `loadAssignment` with one endpoint at `address`. */
export function loadAssignment(clusterName: string, address: EnvoyAddress): LoadAssignment {
  return { clusterName, endpoints: [{ lbEndpoints: [{ endpoint: { address } }] }] };
}

/** A TCP socket address. */
export function socketAddress(address: string, port: number): EnvoyAddress {
  return { socket_address: { address, port_value: port } };
}

/** The upstream TLS socket trusting `caPem`. */
export function upstreamTls(caPem: string): UpstreamTlsSocket {
  return {
    name: "tls",
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
      common_tls_context: { validation_context: { trusted_ca: { inline_string: caPem } } },
    },
  };
}

/** Where and how Envoy reaches the agent's xDS server. */
export interface LocalAgentTarget {
  /** Unix socket path, or `""` for TCP. */
  socket: string;
  address: string;
  /** Already-validated port (ignored with a socket). */
  port: number;
  tls: boolean;
  /** Raw PEM text for `trusted_ca` (used when `tls`). */
  caPem: string;
}

/** The `local_agent` cluster. */
export function localAgentCluster(t: LocalAgentTarget): Cluster {
  const address: EnvoyAddress = t.socket !== ""
    ? { pipe: { path: t.socket } }
    : socketAddress(t.address, t.port);
  return {
    name: LOCAL_AGENT_CLUSTER,
    ignore_health_on_host_removal: false,
    connect_timeout: "1s",
    type: "STATIC",
    ...(t.tls ? { transport_socket: upstreamTls(t.caPem) } : {}),
    typed_extension_protocol_options: httpProtocolOptions(true),
    loadAssignment: loadAssignment(LOCAL_AGENT_CLUSTER, address),
  };
}

/** A generated listener's target cluster (`self_admin` or `prometheus_backend`). */
export function adminTargetCluster(name: string, address: string, port: number): Cluster {
  return {
    name,
    ignore_health_on_host_removal: false,
    connect_timeout: "5s",
    type: "STATIC",
    typed_extension_protocol_options: httpProtocolOptions(false),
    loadAssignment: loadAssignment(name, socketAddress(address, port)),
  };
}
