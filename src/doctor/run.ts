/**
 * Running every check: gather through the pipeline's stages and the
 * doctor's probes, judge each with its pure check function, and mark the
 * checks whose inputs are missing as skipped with the reason. Independent
 * work runs concurrently; an agent that is down is noticed once, within
 * the client's connect timeout, and no further agent request is made.
 *
 * @module
 */

import type { Options } from "../cli/options.ts";
import type { DoctorDeps } from "./deps.ts";
import {
  type AgentSelf,
  checkPrometheusBackendPort,
  checkPrometheusTls,
  expandAddressFlags,
  type GatewayFlags,
  readAgentSelf,
  startSelf,
} from "../pipeline/mod.ts";
import { validateGatewayFlags } from "../gateway/kinds.ts";
import { CHECK_IDS, type CheckId, type CheckResult, skip, type Verdict } from "./types.ts";
import { agentReachable, checkAclToken, checkAgent, checkAgentSettings } from "./checks/agent.ts";
import {
  checkIntentions,
  checkService,
  checkServiceWrite,
  serviceWriteRequest,
} from "./checks/proxy.ts";
import { checkCaRoots, checkLeafCert } from "./checks/certificates.ts";
import { checkAdminPort, checkXds } from "./checks/network.ts";
import { checkBootstrap, checkEnvoyBinary } from "./checks/envoy.ts";
import {
  ask,
  collectIntentions,
  collectProxy,
  type DoctorSession,
  openDoctorSession,
  toAnswer,
} from "./collect_agent.ts";
import { collectAdmin, collectEnvoy, collectXds } from "./collect_local.ts";
import { collectBootstrap } from "./collect_bootstrap.ts";

/** The command line after the checks a normal run makes before contacting the agent. */
export interface Prepared {
  options: Options;
  gateway: GatewayFlags;
  /** `-address` in string form. */
  lanString: string;
}

/**
 * The flag checks of a normal run that need no agent (address flags,
 * gateway flag combinations, Prometheus flags). Throws `CliError`: these are
 * usage errors.
 */
export async function prepare(options: Options, deps: DoctorDeps): Promise<Prepared> {
  const addresses = await expandAddressFlags(options, deps);
  const gateway = validateGatewayFlags(options);
  checkPrometheusTls(options);
  checkPrometheusBackendPort(options);
  return { options, gateway, lanString: addresses.lanString };
}

const SKIP = {
  settings: "needs the agent: its HTTP settings are unusable (see agent)",
  agent: "needs the agent, which is not reachable (see agent)",
  xdsAddress: "the xDS address is discovered from the agent, which is not reachable " +
    "(pass -grpc-addr to check it anyway)",
  token: "needs a usable ACL token (see acl-token)",
  service: "needs the name of the service the proxy stands for (see service)",
  registration: "needs the proxy's registration (see service)",
};

const NO_AGENT: AgentSelf = { body: undefined, dualStack: false };

/** Run every check; the results come in report order, one per check id. */
export async function runChecks(p: Prepared, deps: DoctorDeps): Promise<CheckResult[]> {
  const v: Partial<Record<CheckId, Verdict>> = {};
  const opened = await openDoctorSession(p.options, deps);
  if (!opened.ok) {
    v.agent = checkAgentSettings(opened.message);
    await runLocal(p, deps, NO_AGENT, "", v);
    for (const id of CHECK_IDS) v[id] ??= skip(SKIP.settings);
  } else {
    try {
      await runWithAgent(p, deps, opened.value, v);
    } finally {
      await opened.value.client.close();
    }
  }
  return CHECK_IDS.map((id) => ({ id, ...(v[id] ?? skip("not run")) }));
}

/** The checks that need no agent: admin port and Envoy binary. */
async function runLocal(
  p: Prepared,
  deps: DoctorDeps,
  agent: AgentSelf,
  agentAddress: string,
  v: Partial<Record<CheckId, Verdict>>,
) {
  const [admin, envoy] = await Promise.all([
    collectAdmin(p.options, agent.dualStack, deps),
    collectEnvoy(p.options, deps, agent.body, agentAddress),
  ]);
  v["admin-port"] = checkAdminPort(admin.facts);
  v["envoy-binary"] = checkEnvoyBinary(envoy.facts);
  return { admin, envoy };
}

function readSelf(ds: DoctorSession, self: Parameters<typeof readAgentSelf>[1]): AgentSelf {
  try {
    return readAgentSelf(ds.session, self);
  } catch {
    return NO_AGENT;
  }
}

async function runWithAgent(
  p: Prepared,
  deps: DoctorDeps,
  ds: DoctorSession,
  v: Partial<Record<CheckId, Verdict>>,
) {
  const { session, client } = ds;
  const address = session.http.address;
  const selfP = startSelf(session);
  const tokenP = ask(client.aclTokenSelf());
  const proxyP = collectProxy(ds, p.gateway, selfP.then((s) => agentReachable(toAnswer(s))));
  const selfOutcome = await selfP;
  const self = toAnswer(selfOutcome);
  v.agent = checkAgent(self, address);
  const agent = agentReachable(self) ? readSelf(ds, selfOutcome) : NO_AGENT;
  if (!agentReachable(self)) {
    const local = runLocal(p, deps, agent, address, v);
    const xds = p.options.grpcAddr !== ""
      ? collectXds(session, agent, deps.tlsHandshake).then((x) => (v.xds = checkXds(x.facts)))
      : (v.xds = skip(SKIP.xdsAddress));
    await Promise.all([local, xds]);
    for (const id of CHECK_IDS) v[id] ??= skip(SKIP.agent);
    return;
  }
  v["acl-token"] = checkAclToken(await tokenP, {
    tokenGiven: session.http.token !== "",
    nowMs: deps.now(),
  });
  const proxy = await proxyP;
  v.service = checkService(proxy.facts);
  const [local, xds] = await Promise.all([
    runLocal(p, deps, agent, address, v),
    collectXds(session, agent, deps.tlsHandshake),
    runAgentQuestions(ds, proxy, v["acl-token"].status !== "fail", deps.now, v),
  ]);
  v.xds = checkXds(xds.facts);
  if (proxy.registration === undefined) {
    v.bootstrap = skip(SKIP.registration);
    return;
  }
  v.bootstrap = checkBootstrap(
    await collectBootstrap({
      session,
      gateway: p.gateway,
      lanString: p.lanString,
      proxy,
      xds,
      admin: local.admin,
      envoy: local.envoy.probe,
    }, deps.validate),
  );
}

/** service:write, CA roots, leaf certificate and intentions, concurrently. */
async function runAgentQuestions(
  { client }: DoctorSession,
  proxy: Awaited<ReturnType<typeof collectProxy>>,
  tokenUsable: boolean,
  now: () => number,
  v: Partial<Record<CheckId, Verdict>>,
) {
  const service = proxy.service;
  const jobs: Promise<unknown>[] = [
    ask(client.connectCaRoots()).then((a) => (v["ca-roots"] = checkCaRoots(a, now()))),
  ];
  const needs = !tokenUsable ? SKIP.token : service === undefined ? SKIP.service : undefined;
  if (needs !== undefined || service === undefined) {
    v["acl-service-write"] = skip(needs ?? SKIP.service);
    v["leaf-cert"] = skip(needs ?? SKIP.service);
  } else {
    const write = ask(client.aclAuthorize(serviceWriteRequest(service)));
    const leaf = ask(client.connectLeaf(service));
    jobs.push(
      write.then((a) => (v["acl-service-write"] = checkServiceWrite(service, a))),
      leaf.then((a) => (v["leaf-cert"] = checkLeafCert(service, a, now()))),
    );
  }
  if (!tokenUsable) v.intentions = skip(SKIP.token);
  else if (proxy.registration === undefined || service === undefined) {
    v.intentions = skip(SKIP.registration);
  } else {
    const registration = proxy.registration;
    jobs.push(
      collectIntentions(client, service, registration)
        .then((r) => (v.intentions = checkIntentions(service, r.answers, r.unchecked))),
    );
  }
  await Promise.all(jobs);
}
