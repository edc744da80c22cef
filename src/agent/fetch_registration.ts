/**
 * Fetching the proxy registration (`/v1/agent/service/<id>` from the local
 * agent or, with `-node-name`, `/v1/catalog/node-services/<node>` filtered on
 * the proxy ID) and normalising the two answers into one shape, with Consul's
 * messages for a failed request, a service that is not a proxy, and zero or
 * several catalog matches.
 *
 * @module
 */

import type { AgentClient, JsonObject } from "./types.ts";
import { field, isObject } from "../go/json_fields.ts";
import { CliError, errorText } from "../errors.ts";

/** The proxy registration, the same shape for the agent and catalog paths. */
export interface Registration {
  service: JsonObject;
  proxy: JsonObject;
  datacenter: string;
  /** Kind reported by the catalog (`-node-name`), else `undefined`. */
  catalogKind?: string;
}

function stringOf(v: unknown): string {
  return typeof v === "string" ? v : "";
}

const notProxy = () => new CliError("service is not a Connect proxy or gateway");

/** Fetch the registration of `proxyId`; throws `CliError` with Consul's messages. */
export async function fetchRegistration(
  client: AgentClient,
  proxyId: string,
  nodeName: string,
): Promise<Registration> {
  if (nodeName === "") {
    let svc: JsonObject;
    try {
      svc = await client.service(proxyId);
    } catch (err) {
      throw new CliError(`failed fetch proxy config from local agent: ${errorText(err)}`);
    }
    const proxy = field(svc, "Proxy");
    if (!isObject(proxy)) throw notProxy();
    return { service: svc, proxy, datacenter: stringOf(field(svc, "Datacenter")) };
  }
  let answer: JsonObject;
  try {
    answer = await client.catalogNodeServices(nodeName, proxyId);
  } catch (err) {
    throw new CliError(
      `failed to fetch proxy config from catalog for node "${nodeName}": ${errorText(err)}`,
    );
  }
  const services = field(answer, "Services");
  const list = Array.isArray(services) ? services.filter(isObject) : [];
  if (list.length === 0) throw new CliError(`Proxy service with ID "${proxyId}" not found`);
  if (list.length > 1) {
    throw new CliError(
      `Expected to find only one proxy service with ID "${proxyId}", but more were found`,
    );
  }
  const svc = list[0];
  const proxy = field(svc, "Proxy");
  if (!isObject(proxy)) throw notProxy();
  const node = field(answer, "Node");
  return {
    service: svc,
    proxy,
    datacenter: stringOf(isObject(node) ? field(node, "Datacenter") : undefined),
    catalogKind: stringOf(field(svc, "Kind")),
  };
}

/** Whether a lookup failed because the proxy is not registered (yet): `-wait-for-registration` retries these. */
export function isMissingRegistration(err: unknown): boolean {
  const msg = errorText(err);
  return /^No sidecar proxy registered for /.test(msg) ||
    /^No [a-z-]+ services registered with this agent$/.test(msg) ||
    /^failed fetch proxy config from local agent: Unexpected response code: 404\b/.test(msg) ||
    /^Proxy service with ID ".*" not found$/.test(msg);
}
