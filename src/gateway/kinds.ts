/**
 * Gateway kinds and the flag-combination checks made before the agent is
 * contacted, in Consul's order. Pure.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import type { Options } from "../cli/options.ts";

/** `-gateway` value → service kind string. */
const GATEWAY_KINDS: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null), {
    api: "api-gateway",
    mesh: "mesh-gateway",
    terminating: "terminating-gateway",
    ingress: "ingress-gateway",
  }),
);

/**
 * The service kind for a `-gateway` value (`mesh` → `mesh-gateway`, …).
 * Throws `CliError` `Gateway must be one of: api, terminating, mesh, or ingress`.
 */
export function gatewayKind(gateway: string): string {
  const kind = GATEWAY_KINDS[gateway];
  if (kind === undefined) {
    throw new CliError("Gateway must be one of: api, terminating, mesh, or ingress");
  }
  return kind;
}

/**
 * Steps 5–8: `-node-name` needs a proxy ID; `-mesh-gateway` excludes
 * `-gateway` and means `mesh`; `-expose-servers` needs a mesh gateway and
 * `-register`; the gateway maps to its kind. Returns the kind (`""` when no
 * gateway) and the gateway service name (`-service`, defaulting to the kind).
 * Throws `CliError` with Consul's texts.
 */
export function validateGatewayFlags(options: Options): { kind: string; serviceName: string } {
  if (options.nodeName !== "" && options.proxyId === "") {
    throw new CliError("'-node-name' requires '-proxy-id'");
  }
  let gateway = options.gateway;
  if (options.meshGateway) {
    if (gateway !== "") {
      throw new CliError(
        "The mesh-gateway flag is deprecated and cannot be used alongside the gateway flag",
      );
    }
    gateway = "mesh";
  }
  if (options.exposeServers) {
    if (gateway !== "mesh") {
      throw new CliError("'-expose-servers' can only be used for mesh gateways");
    }
    if (!options.register) throw new CliError("'-expose-servers' requires '-register'");
  }
  let kind = "";
  let serviceName = options.service;
  if (gateway !== "") {
    kind = gatewayKind(gateway);
    if (serviceName === "") serviceName = kind;
  }
  return { kind, serviceName };
}
