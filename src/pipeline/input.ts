/**
 * The last pure step of the pipeline: everything collected from flags, the
 * agent and files becomes the {@linkcode BootstrapInput} of the bootstrap
 * builder.
 *
 * @module
 */

import type { Options } from "../cli/options.ts";
import type { BootstrapInput } from "../bootstrap/input.ts";
import type { GatewayFlags, ProxyIdentity } from "./identify.ts";
import type { Endpoints } from "./endpoints.ts";
import type { ProxyState } from "./collect.ts";
import { field, isObject } from "../go/json_fields.ts";
import { initialIdentity, refineIdentity } from "./identity.ts";
import { readyBindAddress } from "./ready_listener.ts";
import { adminAccessLogPath } from "./access_log_flag.ts";

/** What the earlier stages produced, as plain data. */
export interface Collected {
  options: Options;
  /** `Deno.build.os` (chooses the default access log path). */
  os: string;
  gateway: GatewayFlags;
  proxy: ProxyIdentity;
  /** From the HTTP configuration. */
  http: { token: string; namespace: string; partition: string };
  /** `-address` in string form (the ingress gateway's ready listener). */
  lanString: string;
  endpoints: Endpoints;
  state: ProxyState;
}

/** Turn the collected record into the bootstrap builder's input. Pure. */
export function bootstrapInput(c: Collected): BootstrapInput {
  const { options: o, proxy, endpoints, state } = c;
  const { registration } = state;
  const identity = refineIdentity(
    initialIdentity({
      proxyId: proxy.proxyId,
      sidecarFor: o.sidecarFor,
      gatewayKind: c.gateway.kind,
      gatewayService: proxy.serviceName,
      namespace: c.http.namespace,
      partition: c.http.partition,
    }),
    registration.service,
    registration.proxy,
    registration.datacenter,
  );
  const config = field(registration.proxy, "Config");
  return {
    proxyId: proxy.proxyId,
    proxyCluster: identity.proxyCluster,
    proxySourceService: identity.proxySourceService,
    nodeName: o.nodeName,
    adminBindAddress: endpoints.admin.host,
    adminBindPort: endpoints.admin.port,
    adminAccessLogPath: adminAccessLogPath(o, c.os).path,
    accessLogs: state.accessLogs,
    agent: {
      address: endpoints.xds.address,
      port: endpoints.xds.port,
      tls: endpoints.xds.tls,
      socket: endpoints.xds.socket,
      caPem: endpoints.caPem,
    },
    token: c.http.token,
    namespace: identity.namespace,
    partition: identity.partition,
    datacenter: identity.datacenter,
    prometheus: {
      backendPort: o.prometheusBackendPort,
      scrapePath: o.prometheusScrapePath,
      caFile: o.prometheusCaFile,
      caPath: o.prometheusCaPath,
      certFile: o.prometheusCertFile,
      keyFile: o.prometheusKeyFile,
    },
    readyBindAddress: readyBindAddress({
      kind: registration.catalogKind !== undefined ? registration.catalogKind : c.gateway.kind,
      lanString: c.lanString,
      readyAddress: o.envoyReadyBindAddress,
      readyPort: o.envoyReadyBindPort,
    }),
    omitDeprecatedTags: o.omitDeprecatedTags,
    proxyConfig: !o.noCentralConfig && isObject(config) ? config : undefined,
  };
}
