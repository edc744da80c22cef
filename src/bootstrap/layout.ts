/**
 * The built-in bootstrap layout (Consul's default template) as a typed
 * object, keys in the order Consul's template writes them. Pure.
 *
 * @module
 */

import type { BootstrapInput } from "./input.ts";
import { LOCAL_AGENT_CLUSTER, localAgentCluster, socketAddress } from "./clusters.ts";
import type { BootstrapParts } from "./parts.ts";
import { ADMIN_PORT_CONTEXT, AGENT_PORT_CONTEXT, requirePort } from "./ports.ts";
import type { Bootstrap, DynamicResources } from "./types.ts";

/** `node.metadata`: `node_name` (when set), then namespace and partition (`default` when empty). */
export function nodeMetadata(input: BootstrapInput): Record<string, string> {
  return {
    ...(input.nodeName !== "" ? { node_name: input.nodeName } : {}),
    namespace: input.namespace || "default",
    partition: input.partition || "default",
  };
}

/** `dynamic_resources`, ADS over delta gRPC with the token as initial metadata. */
export function dynamicResources(token: string): DynamicResources {
  const ads = () => ({ ads: {}, initial_fetch_timeout: "0s", resource_api_version: "V3" } as const);
  return {
    lds_config: ads(),
    cds_config: ads(),
    ads_config: {
      api_type: "DELTA_GRPC",
      transport_api_version: "V3",
      grpc_services: {
        initial_metadata: [{ key: "x-consul-token", value: token }],
        envoy_grpc: { cluster_name: LOCAL_AGENT_CLUSTER },
      },
    },
  };
}

/**
 * The whole built-in document. Throws `CliError` when the admin port or (for
 * TCP) the xDS port is not a decimal 0–65535.
 */
export function buildDocument(input: BootstrapInput, parts: BootstrapParts): Bootstrap {
  const adminPort = requirePort(input.adminBindPort, ADMIN_PORT_CONTEXT);
  const agentPort = input.agent.socket !== ""
    ? 0
    : requirePort(input.agent.port, AGENT_PORT_CONTEXT);
  const doc: Bootstrap = {
    admin: {
      access_log: parts.accessLoggers,
      address: socketAddress(input.adminBindAddress, adminPort),
    },
    node: { cluster: input.proxyCluster, id: input.proxyId, metadata: nodeMetadata(input) },
    layered_runtime: {
      layers: [{ name: "base", static_layer: { "re2.max_program_size.error_level": 1048576 } }],
    },
    static_resources: {
      clusters: [
        localAgentCluster({
          socket: input.agent.socket,
          address: input.agent.address,
          port: agentPort,
          tls: input.agent.tls,
          caPem: input.agent.caPem,
        }),
        ...parts.clusters,
      ],
      ...(parts.listeners.length > 0 ? { listeners: parts.listeners } : {}),
      ...(parts.secrets.length > 0 ? { secrets: parts.secrets } : {}),
    },
    ...(parts.sinks.length > 0 ? { stats_sinks: parts.sinks } : {}),
    stats_config: parts.statsConfig,
    ...(parts.statsFlushInterval !== "" ? { stats_flush_interval: parts.statsFlushInterval } : {}),
    ...(parts.tracing !== undefined ? { tracing: parts.tracing } : {}),
    dynamic_resources: dynamicResources(input.token),
  };
  return doc;
}

/** Serialise a built-in document: Go `json.Indent` layout, ending with `}\n`. */
export function serializeBootstrap(doc: Bootstrap): string {
  return JSON.stringify(doc, null, 2) + "\n";
}
