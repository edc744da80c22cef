/**
 * Proxy-ID resolution: an explicit ID wins;
 * otherwise the sidecar of `-sidecar-for`, the single registered gateway of
 * the kind, or (with `-register`) the gateway service name.
 *
 * @module
 */

import { CliError, errorText } from "../errors.ts";
import type { AgentClient, JsonObject } from "../agent/types.ts";
import { field } from "../go/json_fields.ts";
import { sidecarForOwnIdHint } from "./sidecar_hint.ts";

/** The agent-services filter for a gateway kind: ``Kind == `<kind>` ``. */
export function gatewayKindFilter(kind: string): string {
  return `Kind == \`${kind}\``;
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  return typeof v === "boolean" ? "bool" : typeof v;
}

/** A string field: `""` when absent or null; throws a decode error for other types. */
function stringField(obj: JsonObject, struct: string, name: string): string {
  const v = field(obj, name);
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") {
    throw new Error(
      `json: cannot unmarshal ${jsonType(v)} into Go struct field ${struct}.${name} of type string`,
    );
  }
  return v;
}

/** The `Proxy` object of a service, `undefined` when absent or null. */
function proxyField(svc: JsonObject): JsonObject | undefined {
  const v = field(svc, "Proxy");
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) {
    throw new Error(
      `json: cannot unmarshal ${
        jsonType(v)
      } into Go struct field AgentService.Proxy of type api.AgentServiceConnectProxyConfig`,
    );
  }
  return v as JsonObject;
}

/** The fields of one agent service that the lookups use (decoding errors thrown). */
function decodeService(svc: JsonObject): {
  kind: string;
  id: string;
  service: string;
  destinationServiceId: string;
  hasProxy: boolean;
} {
  if (svc === null || typeof svc !== "object" || Array.isArray(svc)) {
    throw new Error(
      `json: cannot unmarshal ${jsonType(svc)} into Go value of type api.AgentService`,
    );
  }
  const proxy = proxyField(svc);
  return {
    kind: stringField(svc, "AgentService", "Kind"),
    id: stringField(svc, "AgentService", "ID"),
    service: stringField(svc, "AgentService", "Service"),
    destinationServiceId: proxy === undefined
      ? ""
      : stringField(proxy, "AgentServiceConnectProxyConfig", "DestinationServiceID"),
    hasProxy: proxy !== undefined,
  };
}

function decodeAll(svcs: Record<string, JsonObject>): ReturnType<typeof decodeService>[] {
  return Object.values(svcs).map(decodeService);
}

async function lookupSidecar(client: AgentClient, sidecarFor: string): Promise<string> {
  let services;
  try {
    services = decodeAll(await client.services());
  } catch (err) {
    throw new CliError(`Failed looking up sidecar proxy info for ${sidecarFor}: ${errorText(err)}`);
  }
  const wanted = sidecarFor.toLowerCase();
  const ids = services
    .filter((s) =>
      s.kind === "connect-proxy" && s.hasProxy && s.destinationServiceId.toLowerCase() === wanted
    )
    .map((s) => s.id);
  if (ids.length === 0) {
    const hint = sidecarForOwnIdHint(sidecarFor, services);
    throw new CliError(hint ?? `No sidecar proxy registered for ${sidecarFor}`);
  }
  if (ids.length > 1) {
    ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    throw new CliError(
      `More than one sidecar proxy registered for ${sidecarFor}.\n` +
        `    Start proxy with -proxy-id and one of the following IDs: ${ids.join(", ")}`,
    );
  }
  return ids[0];
}

async function lookupGateway(
  client: AgentClient,
  kind: string,
): Promise<{ id: string; service: string }> {
  let services;
  try {
    services = decodeAll(await client.services(gatewayKindFilter(kind)));
  } catch (err) {
    throw new CliError(`Failed looking up ${kind} instances: ${errorText(err)}`);
  }
  if (services.length === 0) throw new CliError(`No ${kind} services registered with this agent`);
  if (services.length > 1) {
    throw new CliError(
      `Cannot lookup the ${kind}'s proxy ID because multiple are registered with the agent`,
    );
  }
  return services[0];
}

/** Inputs of {@linkcode resolveProxyId}. */
export interface ProxyIdParams {
  /** `-proxy-id` / `CONNECT_PROXY_ID` (`""` when unset). */
  proxyId: string;
  /** `-sidecar-for` / `CONNECT_SIDECAR_FOR`. */
  sidecarFor: string;
  /** Gateway kind string, `""` when not a gateway. */
  kind: string;
  /** Gateway service name (from `validateGatewayFlags`). */
  serviceName: string;
  /** `-register`. */
  register: boolean;
}

/**
 * Resolve the proxy ID. Returns the ID, the (possibly
 * overridden) gateway service name and whether an agent lookup ran. Throws
 * `CliError` with Consul's texts, including
 * `No proxy ID specified. One of -proxy-id, -sidecar-for, or -gateway is required`.
 */
export async function resolveProxyId(
  params: ProxyIdParams,
  client: AgentClient,
): Promise<{ proxyId: string; serviceName: string; lookedUp: boolean }> {
  let proxyId = params.proxyId;
  let serviceName = params.serviceName;
  let lookedUp = false;
  if (proxyId === "") {
    if (params.sidecarFor !== "") {
      proxyId = await lookupSidecar(client, params.sidecarFor);
      lookedUp = true;
    } else if (params.kind !== "" && !params.register) {
      const gw = await lookupGateway(client, params.kind);
      proxyId = gw.id;
      serviceName = gw.service;
      lookedUp = true;
    } else if (params.kind !== "" && params.register) {
      proxyId = serviceName;
    }
  }
  if (proxyId === "") {
    throw new CliError(
      "No proxy ID specified. One of -proxy-id, -sidecar-for, or -gateway is required",
    );
  }
  return { proxyId, serviceName, lookedUp };
}
