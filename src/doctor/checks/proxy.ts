/**
 * The proxy identity & ACL group: the registration the bootstrap is built
 * from, whether the token may `service:write` the proxied service, and
 * whether intentions allow every upstream. Pure functions of plain data.
 *
 * @module
 */

import type { JsonObject } from "../../agent/types.ts";
import { field, isObject, stringField } from "../../go/json_fields.ts";
import { aclDisabled } from "./agent.ts";
import { type AgentAnswer, fail, pass, type Verdict, warn } from "../types.ts";

/** What proxy resolution produced: the registration, or why there is none. */
export type ServiceFacts =
  | {
    ok: true;
    proxyId: string;
    /** `Kind` of the registration (`connect-proxy`, `mesh-gateway`, …). */
    kind: string;
    /** The service the proxy represents: the sidecar's destination or the gateway itself. */
    service: string;
  }
  | {
    ok: false;
    /** The one-line error a normal run would print. */
    message: string;
    /** The proxy ID, when it was known before the failure. */
    proxyId?: string;
    /** IDs of the proxies and gateways registered with the agent (for the hint). */
    knownProxies?: readonly string[];
    /** With `-register`: the gateway is simply not registered yet (a normal run would register it). */
    registerPending?: boolean;
  };

/** The service a registration stands for: `Proxy.DestinationServiceName`, else the `Service` name. */
export function representedService(service: JsonObject, proxy: JsonObject): string {
  const destination = stringField(proxy, "DestinationServiceName");
  return destination !== "" ? destination : stringField(service, "Service");
}

function serviceHint(facts: Extract<ServiceFacts, { ok: false }>): string {
  const m = facts.message;
  const known = facts.knownProxies ?? [];
  const listing = known.length === 0
    ? "no proxies or gateways are registered with this agent"
    : `registered with this agent: ${known.join(", ")}`;
  if (/^No sidecar proxy registered for /.test(m)) {
    return `register the service with a sidecar (connect { sidecar_service {} }) on this agent, or pass -proxy-id (${listing})`;
  }
  if (/^More than one sidecar proxy registered/.test(m) || /multiple are registered/.test(m)) {
    return "pass -proxy-id with the ID of the one to start";
  }
  if (/^No [a-z-]+ services registered with this agent$/.test(m)) {
    return "register the gateway with this agent, or run with -register";
  }
  if (/Unexpected response code: 404/.test(m) || /^Proxy service with ID .* not found$/.test(m)) {
    return `check -proxy-id (and -node-name): ${listing}`;
  }
  if (/Unexpected response code: 403/.test(m)) {
    return "grant the token service:read on the proxy and node:read on this node";
  }
  if (/not a Connect proxy or gateway/.test(m)) {
    return "pass the ID of the sidecar proxy or gateway, not of the service it fronts";
  }
  return "check the proxy's registration with the agent (consul services register)";
}

/** `service`: the registration exists and is a proxy or gateway; names its kind and service. */
export function checkService(facts: ServiceFacts): Verdict {
  if (!facts.ok && facts.registerPending) {
    return warn(
      `${facts.message} (not registered yet)`,
      "a run with -register registers the gateway first; doctor never registers anything",
    );
  }
  if (!facts.ok) return fail(facts.message, serviceHint(facts));
  const kind = facts.kind === "" ? "proxy" : facts.kind;
  return pass(`${facts.proxyId} (${kind}) for service "${facts.service}"`);
}

/** The body of the authorization question: may the token `service:write` `service`? */
export function serviceWriteRequest(service: string): JsonObject[] {
  return [{ Resource: "service", Access: "write", Segment: service }];
}

/**
 * `acl-service-write`: the answer of `POST /v1/internal/acl/authorize` for
 * {@linkcode serviceWriteRequest}. Pass when allowed or ACLs are disabled.
 */
export function checkServiceWrite(service: string, answer: AgentAnswer<unknown>): Verdict {
  const grant = `grant service:write on "${service}" to the token ` +
    `(for example: consul acl token create -service-identity=${service})`;
  if (aclDisabled(answer)) return pass("ACLs are disabled on the agent");
  if (!answer.ok) {
    if (answer.status === 403) {
      return fail(`cannot ask the agent about "${service}": ${answer.message}`, grant);
    }
    return warn(
      `the agent could not check service:write on "${service}": ${answer.message}`,
      "the authorization endpoint needs Consul 1.8 or later; check the token's policies by hand",
    );
  }
  const list = Array.isArray(answer.value) ? answer.value.filter(isObject) : [];
  const entry = list.find((e) =>
    stringField(e, "Resource") === "service" && stringField(e, "Access") === "write"
  );
  if (entry === undefined) {
    return warn(
      `the agent's answer holds no decision for service:write on "${service}"`,
      "check the token's policies by hand (consul acl token read -self)",
    );
  }
  if (field(entry, "Allow") === true) return pass(`the token may service:write "${service}"`);
  return fail(`the token may not service:write "${service}"`, grant);
}

/** The upstreams of a proxy registration: services to check, and the rest (named, not checked). */
export function upstreamsOf(proxy: JsonObject): { services: string[]; unchecked: string[] } {
  const raw = field(proxy, "Upstreams");
  const services: string[] = [];
  const unchecked: string[] = [];
  for (const u of Array.isArray(raw) ? raw.filter(isObject) : []) {
    const name = stringField(u, "DestinationName");
    const type = stringField(u, "DestinationType");
    const peer = stringField(u, "DestinationPeer");
    if (name === "") continue;
    if ((type === "" || type === "service") && peer === "") {
      if (!services.includes(name)) services.push(name);
    } else {
      unchecked.push(peer === "" ? `${name} (${type})` : `${name} (peer ${peer})`);
    }
  }
  return { services, unchecked };
}

/** One upstream and the agent's answer to `GET /v1/connect/intentions/check`. */
export interface IntentionAnswer {
  destination: string;
  answer: AgentAnswer<JsonObject>;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}

/**
 * `intentions`: every upstream service may be reached from `source`. A
 * denied upstream, or one that could not be checked, is a warning naming it.
 */
export function checkIntentions(
  source: string,
  answers: readonly IntentionAnswer[],
  unchecked: readonly string[] = [],
): Verdict {
  const note = unchecked.length === 0 ? "" : ` (not checked: ${unchecked.join(", ")})`;
  if (answers.length === 0) return pass(`no upstream services in the registration${note}`);
  const denied = answers.filter((a) => a.answer.ok && field(a.answer.value, "Allowed") !== true);
  const failed = answers.filter((a) => !a.answer.ok);
  if (denied.length > 0) {
    const names = denied.map((d) => d.destination);
    const commands = names.map((n) => `consul intention create ${source} ${n}`).join("; ");
    return warn(
      `intentions deny "${source}" → ${quoteList(names)}${note}`,
      `allow the connection: ${commands} (or a service-intentions config entry)`,
    );
  }
  if (failed.length > 0) {
    const reasons = [...new Set(failed.map((f) => f.answer.ok ? "" : f.answer.message))];
    const names = quoteList(failed.map((f) => f.destination));
    const denied403 = failed.every((f) => !f.answer.ok && f.answer.status === 403);
    return warn(
      reasons.length === 1
        ? `could not check intentions for ${names}: ${reasons[0]}${note}`
        : `could not check intentions for ${
          failed.map((f) => `"${f.destination}" (${f.answer.ok ? "" : f.answer.message})`)
            .join(", ")
        }${note}`,
      denied403
        ? `grant the token service:read on ${names}`
        : "check the agent's answer above and its logs (consul monitor)",
    );
  }
  return pass(`"${source}" may connect to ${quoteList(answers.map((a) => a.destination))}${note}`);
}
