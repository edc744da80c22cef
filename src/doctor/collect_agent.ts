/**
 * Gathering what the agent says, through the pipeline's own stages: the
 * session (HTTP settings, token, client), `/v1/agent/self`, the proxy
 * identification and registration fetch; plus the doctor's questions (the
 * token's record, service:write, CA roots, leaf, intentions). Every outcome
 * becomes plain data ({@linkcode AgentAnswer}); nothing here throws.
 *
 * @module
 */

import type { JsonObject } from "../agent/types.ts";
import type { Registration } from "../agent/fetch_registration.ts";
import type { Options } from "../cli/options.ts";
import type { DoctorClient, DoctorDeps } from "./deps.ts";
import type { AgentAnswer } from "./types.ts";
import type { IntentionAnswer, ServiceFacts } from "./checks/proxy.ts";
import {
  type GatewayFlags,
  identifyProxy,
  openSession,
  type ProxyIdentity,
  type ProxyRequests,
  type Session,
  startProxyRequests,
} from "../pipeline/mod.ts";
import { stringField } from "../go/json_fields.ts";
import { settle, type Settled } from "../settle.ts";
import { errorText } from "../errors.ts";
import { isMissingRegistration } from "../agent/fetch_registration.ts";
import { representedService, upstreamsOf } from "./checks/proxy.ts";

/** A settled agent request as plain data (the HTTP status kept when there was one). */
export function toAnswer<T>(outcome: Settled<T>): AgentAnswer<T> {
  if (outcome.ok) return { ok: true, value: outcome.value };
  const status = (outcome.error as { status?: unknown } | null)?.status;
  return {
    ok: false,
    status: typeof status === "number" ? status : undefined,
    message: errorText(outcome.error),
  };
}

/** Run one request and keep its outcome as plain data. */
export async function ask<T>(p: Promise<T>): Promise<AgentAnswer<T>> {
  return toAnswer(await settle(p));
}

/** An open session, with the client typed for the doctor's extra questions. */
export interface DoctorSession {
  session: Session;
  client: DoctorClient;
}

/**
 * Open the pipeline's session with the doctor's client. Warnings the stages
 * would print go nowhere: every one of them is a check of its own here.
 */
export async function openDoctorSession(
  options: Options,
  deps: DoctorDeps,
): Promise<{ ok: true; value: DoctorSession } | { ok: false; message: string }> {
  let client: DoctorClient | undefined;
  const stageDeps: DoctorDeps = {
    ...deps,
    io: { stdout() {}, stderr() {} },
    createClient: async (config) => (client = await deps.createDoctorClient(config)),
  };
  try {
    const session = await openSession(options, stageDeps);
    if (client === undefined) throw new Error("the session did not create a client");
    return { ok: true, value: { session, client } };
  } catch (err) {
    return { ok: false, message: errorText(err) };
  }
}

/** What identifying the proxy gave. */
export interface ProxyOutcome {
  facts: ServiceFacts;
  identity?: ProxyIdentity;
  requests?: ProxyRequests;
  registration?: Registration;
  /** The service the proxy stands for, when known (from the registration or the flags). */
  service?: string;
}

const PROXY_KINDS = /^(connect-proxy|[a-z]+-gateway)$/;

async function knownProxies(client: DoctorClient): Promise<string[] | undefined> {
  const all = await ask(client.services());
  if (!all.ok) return undefined;
  return Object.entries(all.value)
    .filter(([, svc]) => PROXY_KINDS.test(stringField(svc, "Kind")))
    .map(([id]) => id)
    .sort();
}

/**
 * Identify the proxy and fetch its registration exactly as a normal run
 * does (lookups, `-wait-for-registration`), but never register anything:
 * with `-register`, a gateway that is not registered yet is reported. On a
 * failure the registered proxies are listed for the hint, unless
 * `reachable` says the agent is down.
 */
export async function collectProxy(
  { session, client }: DoctorSession,
  gateway: GatewayFlags,
  reachable: Promise<boolean>,
): Promise<ProxyOutcome> {
  const listing = async () => (await reachable) ? await knownProxies(client) : undefined;
  const o = session.options;
  const flagService = o.sidecarFor !== "" ? o.sidecarFor : undefined;
  const identified = await settle(identifyProxy(session, gateway));
  if (!identified.ok) {
    const message = errorText(identified.error);
    return {
      facts: { ok: false, message, knownProxies: await listing() },
      service: flagService,
    };
  }
  const identity = identified.value;
  const requests = startProxyRequests(session, identity.proxyId);
  const fetched = await requests.registration;
  if (!fetched.ok) {
    const message = errorText(fetched.error);
    const pending = o.register && isMissingRegistration(fetched.error);
    return {
      facts: {
        ok: false,
        message,
        proxyId: identity.proxyId,
        registerPending: pending,
        knownProxies: await listing(),
      },
      identity,
      requests,
      service: flagService ?? (gateway.kind !== "" ? identity.serviceName : undefined),
    };
  }
  const registration = fetched.value;
  const service = representedService(registration.service, registration.proxy);
  const kind = registration.catalogKind ?? stringField(registration.service, "Kind");
  return {
    facts: { ok: true, proxyId: identity.proxyId, kind, service },
    identity,
    requests,
    registration,
    service,
  };
}

/** Ask about every upstream service of the registration. */
export async function collectIntentions(
  client: DoctorClient,
  source: string,
  registration: Registration,
): Promise<{ answers: IntentionAnswer[]; unchecked: string[] }> {
  const { services, unchecked } = upstreamsOf(registration.proxy);
  const answers = await Promise.all(
    services.map(async (destination) => ({
      destination,
      answer: await ask<JsonObject>(client.intentionCheck(source, destination)),
    })),
  );
  return { answers, unchecked };
}
