/**
 * The pipeline: from parsed options to the bootstrap text, in Consul's order
 * of operations. {@linkcode generate} is the list of stages; each stage is
 * exported so that other commands (`doctor`, supervise mode) can run them one
 * at a time and report each failure themselves.
 *
 * Stages, in order (each throws `CliError` with Consul's message on failure;
 * warnings go to stderr as they happen):
 *
 * 1. {@linkcode expandAddressFlags}`(options, deps)` → `AddressFlags`
 * 2. {@linkcode openSession}`(options, deps)` → {@linkcode Session} (HTTP
 *    configuration, logger, agent client, wait policy; close `session.client`)
 * 3. `validateGatewayFlags(options)` → {@linkcode GatewayFlags}
 * 4. {@linkcode startSelf}`(session)` → settled promise of `/v1/agent/self`
 * 5. {@linkcode identifyProxy}`(session, gateway)` → {@linkcode ProxyIdentity}
 * 6. {@linkcode startProxyRequests}`(session, proxyId)` → {@linkcode ProxyRequests}
 *    (started before the Prometheus checks, or after the registration with `-register`)
 * 7. `checkPrometheusTls(options)`, `checkPrometheusBackendPort(options)`
 * 8. {@linkcode readAgentSelf}`(session, await self)` → {@linkcode AgentSelf}
 * 9. {@linkcode registerGateway}`(session, …)` → {@linkcode SentRegistration} (`-register` only)
 * 10. {@linkcode warnDeprecatedAccessLogPath}`(session)` → whether the flag is set
 * 11. {@linkcode resolveEndpoints}`(session, agent)` → {@linkcode Endpoints}; its
 *     parts: {@linkcode xdsTarget}, {@linkcode resolveXds}, {@linkcode checkXdsDial},
 *     {@linkcode resolveAdminBind}, {@linkcode loadXdsCa}
 * 12. {@linkcode collectProxyState}`(session, requests, customLogPath)` → {@linkcode ProxyState}
 * 13. {@linkcode bootstrapInput}`(collected)` → `BootstrapInput` (pure)
 * 14. `renderBootstrap(input, deps)` → the bootstrap text
 *
 * Requests that do not depend on each other are in flight together; each is
 * read where Consul makes it, so the error reported and the warnings printed
 * are exactly those of Consul's one-at-a-time order.
 *
 * @module
 */

import type { Options } from "../cli/options.ts";
import type { JsonObject } from "../agent/types.ts";
import type { Registration } from "../agent/fetch_registration.ts";
import type { PipelineDeps } from "./deps.ts";
import { expandAddressFlags, openSession } from "./session.ts";
import { validateGatewayFlags } from "../gateway/kinds.ts";
import { identifyProxy, registerGateway, type SentRegistration } from "./identify.ts";
import { collectProxyState, readAgentSelf, startProxyRequests, startSelf } from "./collect.ts";
import { checkPrometheusBackendPort, checkPrometheusTls } from "../cli/prometheus_flags.ts";
import { warnDeprecatedAccessLogPath } from "./access_log_flag.ts";
import { type AdminBind, resolveEndpoints, type XdsEndpoint } from "./endpoints.ts";
import { bootstrapInput } from "./input.ts";
import { renderBootstrap } from "../bootstrap/mod.ts";
import { chooseSupportedRange, type SupportedRange } from "../exec/supported_range.ts";

export type { PipelineDeps } from "./deps.ts";
export { expandAddressFlags, openSession, type Session } from "./session.ts";
export {
  type GatewayFlags,
  identifyProxy,
  type ProxyIdentity,
  registerGateway,
  type SentRegistration,
} from "./identify.ts";
export {
  type AgentSelf,
  collectProxyState,
  type ProxyRequests,
  type ProxyState,
  readAgentSelf,
  startProxyRequests,
  startSelf,
} from "./collect.ts";
export { warnDeprecatedAccessLogPath } from "./access_log_flag.ts";
export {
  type AdminBind,
  checkXdsDial,
  type Endpoints,
  loadXdsCa,
  resolveAdminBind,
  resolveEndpoints,
  resolveXds,
  type XdsEndpoint,
  xdsTarget,
} from "./endpoints.ts";
export { bootstrapInput, type Collected } from "./input.ts";
export { checkPrometheusBackendPort, checkPrometheusTls } from "../cli/prometheus_flags.ts";

/** What the pipeline produced for the caller to act on. */
export interface PipelineResult {
  /** The bootstrap document (ends with `}\n` for the built-in layout). */
  bootstrapText: string;
  /** The resolved proxy ID. */
  proxyId: string;
  /**
   * The agent's `/v1/agent/self` body (its `xDS.SupportedProxies.envoy` lists
   * the supported Envoy versions); `undefined` without `agent:read`.
   */
  agentSelf: JsonObject | undefined;
  /** The admin listener Envoy will bind: resolved IP and port text. */
  adminBind: AdminBind;
  /** The xDS endpoint written into the bootstrap. */
  xds: XdsEndpoint;
  /** The proxy's registration as fetched from the agent (or catalog). */
  registration: Registration;
  /** With `-register`: the gateway registration that was sent. */
  registered?: SentRegistration;
  /** The Envoy versions to accept: the agent's list, or the built-in one. */
  supportedEnvoy: SupportedRange;
}

/**
 * Run every stage and return the bootstrap with what was learnt on the way.
 * Prints warnings (and, without `-bootstrap`, `Registered service: …`);
 * throws `CliError`.
 */
export async function generate(options: Options, deps: PipelineDeps): Promise<PipelineResult> {
  const addresses = await expandAddressFlags(options, deps);
  const session = await openSession(options, deps);
  try {
    session.log.debug("Starting Envoy config generation");
    const gateway = validateGatewayFlags(options);
    const self = startSelf(session);
    const proxy = await identifyProxy(session, gateway);
    const early = options.register ? undefined : startProxyRequests(session, proxy.proxyId);
    checkPrometheusTls(options);
    checkPrometheusBackendPort(options);
    const agent = readAgentSelf(session, await self);
    const registered = options.register
      ? await registerGateway(session, { gateway, proxy, addresses, dualStack: agent.dualStack })
      : undefined;
    const requests = early ?? startProxyRequests(session, proxy.proxyId);
    const customLogPath = warnDeprecatedAccessLogPath(session);
    const endpoints = await resolveEndpoints(session, agent);
    const state = await collectProxyState(session, requests, customLogPath);
    const input = bootstrapInput({
      options,
      os: deps.os,
      gateway,
      proxy,
      http: session.http,
      lanString: addresses.lanString,
      endpoints,
      state,
    });
    const bootstrapText = await renderBootstrap(input, { getEnv: (name) => deps.env[name] });
    session.log.debug(options.bootstrap ? "Outputting bootstrap config" : "Finding envoy binary");
    return {
      bootstrapText,
      proxyId: proxy.proxyId,
      agentSelf: agent.body,
      adminBind: endpoints.admin,
      xds: endpoints.xds,
      registration: state.registration,
      registered,
      supportedEnvoy: chooseSupportedRange(agent.body, session.http.address),
    };
  } finally {
    await session.client.close();
  }
}
