/**
 * Everything the pure bootstrap builder needs: resolved flags, agent answers
 * and loaded files, as plain data. The pipeline (`src/pipeline/`) fills it;
 * `renderBootstrap` (`src/bootstrap/mod.ts`) turns it into the Envoy
 * bootstrap. Names are the camelCase forms of Consul's template arguments
 * (`ProxyID`, `AgentCAPEM`, …), which custom templates see.
 *
 * No field needs further I/O: hosts are already resolved to IP literals,
 * CA files already read.
 *
 * @module
 */

/** The xDS (agent gRPC) endpoint, already resolved (flag or discovered address). */
export interface AgentEndpoint {
  /** Resolved IP literal (`""` when the host was empty); unused with `socket`. */
  address: string;
  /** Port text as given/discovered (validated numeric by the pipeline). */
  port: string;
  /** TLS to the xDS server. */
  tls: boolean;
  /** Unix socket path when the xDS address is `unix://…`, else `""`. */
  socket: string;
  /** CA bundle text (raw PEM, concatenated), used when `tls`. */
  caPem: string;
}

/** Prometheus listener flags (`-prometheus-*`). */
export interface PrometheusFlags {
  backendPort: string;
  scrapePath: string;
  caFile: string;
  caPath: string;
  certFile: string;
  keyFile: string;
}

/** Input of `renderBootstrap`. */
export interface BootstrapInput {
  proxyId: string;
  /** `node.cluster` and `local_cluster` tag (after refinement from the registration). */
  proxyCluster: string;
  /** `consul.source.service` tag (after refinement). */
  proxySourceService: string;
  /** `-node-name` (adds `node_name` metadata when non-empty). */
  nodeName: string;
  /** Resolved admin IP literal (or `""`). */
  adminBindAddress: string;
  /** Admin port text. */
  adminBindPort: string;
  /** `-admin-access-log-path`, `""` already replaced by the OS null device. */
  adminAccessLogPath: string;
  /**
   * The proxy-defaults `AccessLogs` object as the agent returned it (field
   * names in any case), or `undefined` when there is none.
   */
  accessLogs?: Record<string, unknown>;
  agent: AgentEndpoint;
  /** Resolved ACL token (secret). */
  token: string;
  /** After refinement from the registration; may be `""`. */
  namespace: string;
  partition: string;
  datacenter: string;
  prometheus: PrometheusFlags;
  /**
   * Ready-listener bind address `host:port` already decided by the pipeline
   * (ingress-gateway rule / `-envoy-ready-bind-*`), or `""` for none.
   */
  readyBindAddress: string;
  omitDeprecatedTags: boolean;
  /**
   * The registration's `Proxy.Config` map, or `undefined` with
   * `-no-central-config` or when the registration has none.
   */
  proxyConfig?: Record<string, unknown>;
}
