/**
 * Gathering what this host says, through the pipeline's endpoint stages:
 * the xDS address the bootstrap would use (probed with a connection, or a
 * TLS handshake trusting only the CA the bootstrap inlines), the admin bind
 * address (probed by listening on it), and the Envoy binary and its version
 * against the supported range. Nothing here throws.
 *
 * @module
 */

import type { Options } from "../cli/options.ts";
import type { JsonObject } from "../agent/types.ts";
import type { DoctorDeps } from "./deps.ts";
import type { AdminFacts, XdsFacts, XdsSource } from "./checks/network.ts";
import type { EnvoyFacts } from "./checks/envoy.ts";
import type { EnvoyProbe } from "./probes.ts";
import {
  type AdminBind,
  type AgentSelf,
  loadXdsCa,
  resolveAdminBind,
  resolveXds,
  type Session,
  type XdsEndpoint,
  xdsTarget,
} from "../pipeline/mod.ts";
import { chooseXdsAddress } from "../pipeline/endpoint_addresses.ts";
import { xdsCaSources } from "../files/ca_bundle.ts";
import { joinHostPort } from "../go/net_ip.ts";
import { errorText } from "../errors.ts";
import { envoyRangeFor } from "./envoy_support.ts";
import { envoyEnvironment } from "../exec/env.ts";

/** The xDS facts, and the endpoint and CA for the bootstrap (or the first error). */
export interface XdsOutcome {
  facts: XdsFacts;
  endpoint?: XdsEndpoint;
  caPem?: string;
  /** The error a normal run would stop with, in its order. */
  error?: string;
}

function xdsSource(options: Options, agent: AgentSelf): XdsSource {
  if (options.grpcAddr !== "") return "flag";
  try {
    return chooseXdsAddress("", agent.body, agent.dualStack).defaulted ? "default" : "agent";
  } catch {
    return "agent";
  }
}

/** Resolve the xDS endpoint as the pipeline does, then try to reach it. */
export async function collectXds(
  session: Session,
  agent: AgentSelf,
  tlsHandshake: DoctorDeps["tlsHandshake"],
): Promise<XdsOutcome> {
  const { options: o, deps, http } = session;
  let endpoint: XdsEndpoint;
  try {
    endpoint = await resolveXds(xdsTarget(session, agent), deps.resolveHost);
  } catch (err) {
    return {
      facts: { ok: false, problem: "address", message: errorText(err) },
      error: errorText(err),
    };
  }
  let caPem: string;
  try {
    caPem = await loadXdsCa(session, endpoint.tls);
  } catch (err) {
    return {
      facts: { ok: false, problem: "ca", message: errorText(err) },
      endpoint,
      error: errorText(err),
    };
  }
  const place = endpoint.socket !== ""
    ? { socket: endpoint.socket }
    : { host: endpoint.address, port: endpoint.port };
  const where = endpoint.socket !== ""
    ? `unix://${endpoint.socket}`
    : joinHostPort(endpoint.address, endpoint.port);
  const ca = xdsCaSources(
    endpoint.tls,
    { file: o.grpcCaFile, path: o.grpcCaPath },
    { file: http.caFile, path: http.caPath },
  );
  const failure = endpoint.tls ? await tlsHandshake(place, caPem) : await deps.dial(place);
  const facts: XdsFacts = {
    ok: true,
    where,
    tls: endpoint.tls,
    source: xdsSource(o, agent),
    caSource: ca.file !== "" ? ca.file : ca.path,
    error: failure === undefined
      ? undefined
      : { phase: endpoint.tls ? "tls" : "connect", message: failure },
  };
  return { facts, endpoint, caPem };
}

/** The admin bind address as the pipeline resolves it, probed by listening on it. */
export async function collectAdmin(
  options: Options,
  dualStack: boolean,
  deps: DoctorDeps,
): Promise<{ facts: AdminFacts; bind?: AdminBind; error?: string }> {
  let bind: AdminBind;
  try {
    bind = await resolveAdminBind(options.adminBind, dualStack, deps.resolveHost);
  } catch (err) {
    return { facts: { ok: false, message: errorText(err) }, error: errorText(err) };
  }
  const address = joinHostPort(bind.host, bind.port);
  const error = deps.listen(bind.host, bind.port);
  return { facts: { ok: true, address, error }, bind };
}

/** Find Envoy, ask its version, and judge it against the agent's (or the built-in) range. */
export async function collectEnvoy(
  options: Options,
  deps: DoctorDeps,
  agentBody: JsonObject | undefined,
  agentAddress: string,
): Promise<{ facts: EnvoyFacts; probe: EnvoyProbe }> {
  const probe = await deps.probeEnvoy(options.envoyBinary, envoyEnvironment(deps.env));
  if (!probe.found) return { facts: { found: false, message: probe.message }, probe };
  const range = envoyRangeFor(agentBody, agentAddress);
  const base = {
    found: true as const,
    path: probe.path,
    range: range.description,
    rangeSource: range.fromAgent ? "agent" as const : "built-in" as const,
    ignored: options.ignoreEnvoyCompatibility,
  };
  if (probe.version === undefined) {
    return { facts: { ...base, versionError: probe.error ?? "no version" }, probe };
  }
  return {
    facts: { ...base, version: probe.version.text, compat: range.judge(probe.version) },
    probe,
  };
}
