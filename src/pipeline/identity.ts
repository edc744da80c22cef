/**
 * Identity fields of the bootstrap: cluster name, source service,
 * namespace, partition and datacenter, from the flags and then the
 * registration. Pure.
 *
 * @module
 */

import { stringField } from "../go/json_fields.ts";

/** The identity values written into `node` and the default stats tags. */
export interface Identity {
  proxyCluster: string;
  proxySourceService: string;
  namespace: string;
  partition: string;
  datacenter: string;
}

/**
 * Cluster and source service before the registration is known: the
 * `-sidecar-for` service, else the gateway service, else the proxy ID (with
 * no source service).
 */
export function initialIdentity(p: {
  proxyId: string;
  sidecarFor: string;
  gatewayKind: string;
  gatewayService: string;
  namespace: string;
  partition: string;
}): Identity {
  let cluster = p.proxyId;
  let source = "";
  if (p.sidecarFor !== "") {
    cluster = p.sidecarFor;
    source = p.sidecarFor;
  } else if (p.gatewayKind !== "" && p.gatewayService !== "") {
    cluster = p.gatewayService;
    source = p.gatewayService;
  }
  return {
    proxyCluster: cluster,
    proxySourceService: source,
    namespace: p.namespace,
    partition: p.partition,
    datacenter: "",
  };
}

/**
 * Refine the identity with the fetched registration: its destination
 * service (else its own name), namespace, partition and datacenter win
 * when non-empty.
 * `service` is the service object; `proxy` its `Proxy` object;
 * `datacenter` the service's (or, with `-node-name`, the node's) datacenter.
 */
export function refineIdentity(
  initial: Identity,
  service: Record<string, unknown>,
  proxy: Record<string, unknown>,
  datacenter: string,
): Identity {
  const out = { ...initial };
  const dest = stringField(proxy, "DestinationServiceName");
  if (dest !== "") {
    out.proxyCluster = dest;
    out.proxySourceService = dest;
  } else {
    out.proxySourceService = stringField(service, "Service");
  }
  const ns = stringField(service, "Namespace");
  if (ns !== "") out.namespace = ns;
  const partition = stringField(service, "Partition");
  if (partition !== "") out.partition = partition;
  if (datacenter !== "") out.datacenter = datacenter;
  return out;
}
