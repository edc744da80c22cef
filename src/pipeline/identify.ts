/**
 * Which proxy the bootstrap is for: the proxy ID (given, looked up, or
 * waited for under `-wait-for-registration`) and, with `-register`, the
 * gateway registration sent to the agent.
 *
 * @module
 */

import type { AddressFlags } from "../gateway/address.ts";
import type { Session } from "./session.ts";
import { resolveProxyId } from "../gateway/proxy_id.ts";
import { retryUntilFound } from "../wait.ts";
import { CliError, errorText } from "../errors.ts";

/** The gateway flags after validation (`kind` is `""` for a sidecar). */
export interface GatewayFlags {
  kind: string;
  serviceName: string;
}

/** The proxy the bootstrap is for. */
export interface ProxyIdentity {
  proxyId: string;
  /** The gateway service name (a looked-up gateway's own name wins). */
  serviceName: string;
}

/** A gateway registration sent with `-register`, for deregistration or re-registration. */
export interface SentRegistration {
  /** The service ID the agent knows it by (the proxy ID). */
  serviceId: string;
  /** The exact JSON body of `PUT /v1/agent/service/register`. */
  body: string;
}

/**
 * Resolve the proxy ID, retrying "not registered yet" failures under
 * `-wait-for-registration`. Throws `CliError` with Consul's messages.
 */
export async function identifyProxy(
  session: Session,
  gateway: GatewayFlags,
): Promise<ProxyIdentity> {
  const o = session.options;
  const what = o.sidecarFor !== "" ? `a sidecar proxy for "${o.sidecarFor}"` : `a ${gateway.kind}`;
  const ids = await retryUntilFound(session.wait, what, () =>
    resolveProxyId({
      proxyId: o.proxyId,
      sidecarFor: o.sidecarFor,
      kind: gateway.kind,
      serviceName: gateway.serviceName,
      register: o.register,
    }, session.client));
  if (ids.lookedUp) session.log.debug("Set Proxy ID", { "proxy-id": ids.proxyId });
  return { proxyId: ids.proxyId, serviceName: ids.serviceName };
}

/**
 * `-register`: check the flag combination, build the gateway registration
 * and send it. Prints `Registered service: <name>` unless `-bootstrap`.
 * Throws `CliError` with Consul's messages.
 */
export async function registerGateway(
  session: Session,
  p: {
    gateway: GatewayFlags;
    proxy: ProxyIdentity;
    addresses: AddressFlags;
    dualStack: boolean;
  },
): Promise<SentRegistration> {
  const o = session.options;
  if (o.nodeName !== "") throw new CliError("'-register' cannot be used with '-node-name'");
  if (p.gateway.kind === "") {
    throw new CliError("Auto-Registration can only be used for gateways");
  }
  const { buildRegistration } = await import("../gateway/registration_body.ts");
  const body = buildRegistration({
    kind: p.gateway.kind,
    proxyId: p.proxy.proxyId,
    serviceName: p.proxy.serviceName,
    lan: p.addresses.lan,
    wan: p.addresses.wan,
    bindAddresses: p.addresses.bindAddresses,
    exposeServers: o.exposeServers,
    deregisterAfterCritical: o.deregisterAfterCritical,
    dualStack: p.dualStack,
    localAddresses: session.deps.localAddresses(),
  });
  try {
    await session.client.register(body);
  } catch (err) {
    throw new CliError(`Error registering service "${p.proxy.serviceName}": ${errorText(err)}`);
  }
  if (!o.bootstrap) session.deps.io.stdout(`Registered service: ${p.proxy.serviceName}\n`);
  session.log.debug("Proxy registration complete");
  return { serviceId: p.proxy.proxyId, body };
}
