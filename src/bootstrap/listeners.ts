/**
 * The generated HTTP listeners — Prometheus, stats and ready — with the
 * clusters and secrets they add,
 * including Consul's `self_admin` append quirk and duplicated secrets. Pure.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { adminTargetCluster, socketAddress } from "./clusters.ts";
import { splitHostPort } from "../go/net_ip.ts";
import { ADMIN_PORT_CONTEXT, PROMETHEUS_BACKEND_PORT_CONTEXT, requirePort } from "./ports.ts";
import type { Cluster, DownstreamTlsSocket, JsonValue, Listener, Route, Secret } from "./types.ts";

/** Name of the admin-API target cluster. */
export const SELF_ADMIN_CLUSTER = "self_admin";
/** Name of the Prometheus backend target cluster. */
export const PROMETHEUS_BACKEND_CLUSTER = "prometheus_backend";

/** Everything the generated listeners depend on. */
export interface ListenerInputs {
  /** `envoy_prometheus_bind_addr` (`""` = no listener). */
  prometheusBindAddr: string;
  /** `envoy_stats_bind_addr`. */
  statsBindAddr: string;
  /** Ready listener `host:port` decided by the pipeline. */
  readyBindAddress: string;
  adminBindAddress: string;
  /** Port text of `-admin-bind` (checked when a cluster needs it). */
  adminBindPort: string;
  prometheusBackendPort: string;
  prometheusScrapePath: string;
  prometheusCaFile: string;
  prometheusCaPath: string;
  prometheusCertFile: string;
  prometheusKeyFile: string;
}

/** What the listeners contribute; `clusters` is the updated cluster list. */
export interface ListenerOutput {
  clusters: (Cluster | JsonValue)[];
  listeners: Listener[];
  secrets: Secret[];
}

interface ListenerSpec {
  bindAddr: string;
  name: string;
  statPrefix: string;
  match: { path: string } | { prefix: string };
  rewrite: string;
  target: string;
}

/** The `name` of a cluster element as Go's `json.Unmarshal` into `{Name string}` sees it. */
function clusterName(element: unknown): string {
  const fail = (what: string) =>
    new CliError(
      `failed to parse static clusters: json: cannot unmarshal ${what} into Go value of type struct { Name string }`,
    );
  if (element === null) return "";
  if (Array.isArray(element)) throw fail("array");
  if (typeof element !== "object") throw fail(typeof element);
  let name = "";
  for (const [k, v] of Object.entries(element as Record<string, unknown>)) {
    if (k.toLowerCase() !== "name") continue;
    if (v === null) continue;
    if (typeof v !== "string") {
      const what = Array.isArray(v) ? "array" : typeof v === "object" ? "object" : typeof v;
      throw new CliError(
        `failed to parse static clusters: json: cannot unmarshal ${what} into Go struct field .name of type string`,
      );
    }
    name = v;
  }
  return name;
}

/**
 * Consul's append rule: add `cluster` when the list is empty, otherwise only
 * when no element is named `self_admin` (even when adding
 * `prometheus_backend`). Returns the new list.
 */
export function appendTargetCluster(
  clusters: readonly (Cluster | JsonValue)[],
  cluster: () => Cluster,
): (Cluster | JsonValue)[] {
  if (clusters.length === 0) return [cluster()];
  const hasSelfAdmin = clusters.map(clusterName).includes(SELF_ADMIN_CLUSTER);
  return hasSelfAdmin ? [...clusters] : [...clusters, cluster()];
}

function downstreamTls(): DownstreamTlsSocket {
  return {
    name: "tls",
    typedConfig: {
      "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
      commonTlsContext: {
        tlsCertificateSdsSecretConfigs: [{ name: "prometheus_cert" }],
        validationContextSdsSecretConfig: { name: "prometheus_validation_context" },
      },
    },
  };
}

/** The two secrets a TLS listener needs. */
export function prometheusSecrets(i: ListenerInputs): Secret[] {
  return [
    {
      name: "prometheus_cert",
      tlsCertificate: {
        certificateChain: { filename: i.prometheusCertFile },
        privateKey: { filename: i.prometheusKeyFile },
      },
    },
    {
      name: "prometheus_validation_context",
      validationContext: i.prometheusCaPath !== ""
        ? { watchedDirectory: { path: i.prometheusCaPath } }
        : { trustedCa: { filename: i.prometheusCaFile } },
    },
  ];
}

function listener(spec: ListenerSpec, host: string, port: number, tls: boolean): Listener {
  const routes: Route[] = [
    { match: spec.match, route: { cluster: spec.target, prefix_rewrite: spec.rewrite } },
    { match: { prefix: "/" }, direct_response: { status: 404 } },
  ];
  return {
    name: spec.name,
    address: socketAddress(host, port),
    filter_chains: [{
      filters: [{
        name: "envoy.filters.network.http_connection_manager",
        typedConfig: {
          "@type":
            "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
          stat_prefix: spec.statPrefix,
          codec_type: "HTTP1",
          route_config: {
            name: "self_admin_route",
            virtual_hosts: [{ name: "self_admin", domains: ["*"], routes }],
          },
          http_filters: [{
            name: "envoy.filters.http.router",
            typedConfig: {
              "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
            },
          }],
        },
      }],
      ...(tls ? { transportSocket: downstreamTls() } : {}),
    }],
  };
}

/** The listener specs in generation order (only those with a bind address). */
function specs(i: ListenerInputs): ListenerSpec[] {
  const all: ListenerSpec[] = [
    {
      bindAddr: i.prometheusBindAddr,
      name: "envoy_prometheus_metrics_listener",
      statPrefix: "envoy_prometheus_metrics",
      match: { path: i.prometheusScrapePath },
      rewrite: "/stats/prometheus",
      target: i.prometheusBackendPort !== "" ? PROMETHEUS_BACKEND_CLUSTER : SELF_ADMIN_CLUSTER,
    },
    {
      bindAddr: i.statsBindAddr,
      name: "envoy_metrics_listener",
      statPrefix: "envoy_metrics",
      match: { prefix: "/stats" },
      rewrite: "/stats",
      target: SELF_ADMIN_CLUSTER,
    },
    {
      bindAddr: i.readyBindAddress,
      name: "envoy_ready_listener",
      statPrefix: "envoy_ready",
      match: { path: "/ready" },
      rewrite: "/ready",
      target: SELF_ADMIN_CLUSTER,
    },
  ];
  return all.filter((s) => s.bindAddr !== "");
}

/**
 * Generate the listeners in order Prometheus, stats, ready, appending their
 * target clusters to `clusters` (Consul's rule) and two secrets per listener
 * when `-prometheus-cert-file` is set. Throws `CliError`
 * (`invalid <stat_prefix> bind address: …`, port errors).
 */
export function generatedListeners(
  clusters: readonly (Cluster | JsonValue)[],
  i: ListenerInputs,
): ListenerOutput {
  let out = [...clusters];
  const listeners: Listener[] = [];
  const secrets: Secret[] = [];
  const tls = i.prometheusCertFile !== "";
  for (const spec of specs(i)) {
    const context = `invalid ${spec.statPrefix} bind address`;
    let hp: { host: string; port: string };
    try {
      hp = splitHostPort(spec.bindAddr);
    } catch (err) {
      throw new CliError(`${context}: ${(err as Error).message}`);
    }
    if (hp.host === "") {
      // Consul writes an empty address, which Envoy rejects.
      throw new CliError(
        `${context}: address ${spec.bindAddr}: missing host; want host:port, e.g. 0.0.0.0${spec.bindAddr}`,
      );
    }
    const port = requirePort(hp.port, `${context}: address ${spec.bindAddr}`);
    out = appendTargetCluster(out, () => {
      const backend = spec.target === PROMETHEUS_BACKEND_CLUSTER;
      const targetPort = backend
        ? requirePort(i.prometheusBackendPort, PROMETHEUS_BACKEND_PORT_CONTEXT)
        : requirePort(i.adminBindPort, ADMIN_PORT_CONTEXT);
      return adminTargetCluster(spec.target, i.adminBindAddress, targetPort);
    });
    listeners.push(listener(spec, hp.host, port, tls));
    if (tls) secrets.push(...prometheusSecrets(i));
  }
  return { clusters: out, listeners, secrets };
}
