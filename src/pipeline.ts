/**
 * The main pipeline (`../shared/spec/cli.md` §6): from parsed options to the
 * bootstrap text, then either printing it or handing over to Envoy.
 *
 * Agent requests that do not depend on each other are issued concurrently
 * (`../shared/spec/agent-api.md` §2.1), but their results are consumed in
 * Consul's sequential order, so the error reported and the warnings printed
 * are exactly those of the sequential program.
 *
 * @module
 */

import type { AgentClient, JsonObject } from "./agent/types.ts";
import type { HttpConfig } from "./agent/config.ts";
import type { Env, Options } from "./cli/options.ts";
import type { Io } from "./io.ts";
import type { BootstrapInput } from "./bootstrap/input.ts";
import type { CaFs } from "./files/ca_bundle.ts";
import type { Logger } from "./log.ts";
import { CliError, errorText } from "./errors.ts";
import { settle } from "./settle.ts";
import { checkPrometheusBackendPort, checkPrometheusTls } from "./plan/flag_checks.ts";
import { fetchRegistration, isMissingRegistration } from "./agent/registration.ts";
import { field } from "./agent/fields.ts";
import { resolveHttpConfig } from "./cli/http_config.ts";
import { nullDevice } from "./cli/flags.ts";
import { resolveAddressFlags } from "./gateway/address.ts";
import { validateGatewayFlags } from "./gateway/kinds.ts";
import { resolveProxyId } from "./gateway/proxy_id.ts";
import { isDualStack } from "./plan/dual_stack.ts";
import {
  adminBindAddress,
  chooseXdsAddress,
  parseXdsAddress,
  type XdsTarget,
} from "./plan/xds_address.ts";
import { initialIdentity, refineIdentity } from "./plan/identity.ts";
import { readyBindAddress } from "./plan/ready_listener.ts";
import { loadCaBundle, xdsCaSources } from "./files/ca_bundle.ts";
import { NO_CA_MESSAGE } from "./bootstrap/core.ts";
import { splitHostPort } from "./net/ip.ts";
import { generateBootstrap } from "./bootstrap/generate.ts";
import { createLogger } from "./log.ts";
import { retryUntilFound, type WaitPolicy } from "./wait.ts";

/** Effects the pipeline needs; `src/run.ts` supplies the real ones. */
export interface PipelineDeps {
  env: Env;
  io: Io;
  /** `Deno.build.os`, injectable. */
  os: string;
  createClient(config: HttpConfig): Promise<AgentClient>;
  /** Load the go-sockaddr template expander (only when an address flag holds `{{`). */
  loadTemplateExpander(): Promise<(text: string) => string>;
  /** Canonical IP literals currently configured on local interfaces. */
  localAddresses(): string[];
  resolveHost(host: string): Promise<string>;
  readTextFile(path: string): string;
  caFs: CaFs;
  /** Try to connect to the xDS endpoint; resolves to an error text or `undefined`. */
  dial(target: { socket: string } | { host: string; port: string }): Promise<string | undefined>;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Called with every secret as soon as it is known, so the shell can redact it everywhere. */
  registerSecret?(secret: string): void;
}

export { checkPrometheusBackendPort, checkPrometheusTls } from "./plan/flag_checks.ts";

/** What the pipeline produced for the caller to act on. */
export interface PipelineResult {
  /** The bootstrap document (ends with `}\n` for the built-in layout). */
  bootstrapText: string;
  /** With `-register`: the service registered and the exact body sent. */
  registered?: { serviceId: string; body: string };
}

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const ACL_WARNING =
  "No ACL token was provided to Envoy. Because the ACL system is enabled, pass a suitable ACL token for this service to Envoy to avoid potential communication failure.";

/**
 * Run pipeline steps 3–14 and return the bootstrap text. Prints warnings
 * (and, without `-bootstrap`, `Registered service: …`); throws `CliError`.
 */
export async function generate(options: Options, deps: PipelineDeps): Promise<PipelineResult> {
  const { io } = deps;
  const o = options;

  // Address-valued flags are validated as part of flag parsing in Consul.
  const templated = [o.address, o.wanAddress, ...o.bindAddresses].some((v) => v?.includes("{{"));
  const expand = templated ? await deps.loadTemplateExpander() : undefined;
  const addresses = resolveAddressFlags(
    o,
    (t) => expand !== undefined && t.includes("{{") ? expand(t) : t,
  );

  // Step 3: the HTTP client.
  const http = resolveHttpConfig(o.http, deps.env, { readTextFile: deps.readTextFile, io });
  const token = http.token;
  deps.registerSecret?.(token);
  if (http.auth !== undefined) deps.registerSecret?.(http.auth.password);
  const log: Logger = createLogger(io, o.enableConfigGenLogging, () => [token]);
  const client = await deps.createClient(http);
  try {
    log.debug("Starting Envoy config generation");

    // Steps 5–8: flag combinations.
    const gw = validateGatewayFlags(o);

    const wait: WaitPolicy = {
      totalMs: o.waitForRegistrationMs,
      sleep: deps.sleep,
      now: deps.now,
      isMissing: isMissingRegistration,
      onRetry: (what, delayMs, leftMs) =>
        io.stderr(
          `Waiting for ${what} to be registered (retrying in ${(delayMs / 1000).toFixed(1)}s, ${
            Math.ceil(leftMs / 1000)
          }s left)\n`,
        ),
    };

    // R2 (= R4) is independent of the proxy-ID lookup: start it now.
    const selfP = settle(client.self());

    // Step 9: proxy ID.
    const ids = await retryUntilFound(
      wait,
      o.sidecarFor !== "" ? `a sidecar proxy for "${o.sidecarFor}"` : `a ${gw.kind}`,
      () =>
        resolveProxyId({
          proxyId: o.proxyId,
          sidecarFor: o.sidecarFor,
          kind: gw.kind,
          serviceName: gw.serviceName,
          register: o.register,
        }, client),
    );
    const proxyId = ids.proxyId;
    const serviceName = ids.serviceName;
    if (ids.lookedUp) log.debug("Set Proxy ID", { "proxy-id": proxyId });

    // R5, R6/R6′ and R7 only need the token and the proxy ID; without
    // `-register` they can start right away.
    const startFetches = () => ({
      acl: settle(client.tokenSelf()),
      registration: settle(
        retryUntilFound(
          wait,
          `proxy "${proxyId}"`,
          () => fetchRegistration(client, proxyId, o.nodeName),
        ),
      ),
      proxyDefaults: settle(client.proxyDefaults()),
    });
    let fetches = o.register ? undefined : startFetches();

    // Step 10.
    checkPrometheusTls(o);
    checkPrometheusBackendPort(o);

    // Step 11: dual-stack detection.
    const self = await selfP;
    let dualStack = false;
    let selfBody: JsonObject | undefined;
    if (self.ok) {
      selfBody = self.value;
      try {
        dualStack = isDualStack(self.value);
      } catch (err) {
        throw new CliError(`Error checking dual stack: ${errorText(err)}`);
      }
    } else if (errorText(self.error).includes("Permission denied")) {
      log.warn(
        "Permission denied checking for dual stack. Proceeding with default localhost address when unset",
      );
    } else {
      throw new CliError(`Error checking dual stack: ${errorText(self.error)}`);
    }
    log.debug("Received", { isDualStack: dualStack });
    if (dualStack) log.debug("using dual-stack configuration: default localhost to IPv6 loopback");

    // Step 12: registration.
    let registered: PipelineResult["registered"];
    if (o.register) {
      if (o.nodeName !== "") throw new CliError("'-register' cannot be used with '-node-name'");
      if (gw.kind === "") throw new CliError("Auto-Registration can only be used for gateways");
      const { buildRegistration } = await import("./gateway/registration.ts");
      const body = buildRegistration({
        kind: gw.kind,
        proxyId,
        serviceName,
        lan: addresses.lan,
        wan: addresses.wan,
        bindAddresses: addresses.bindAddresses,
        exposeServers: o.exposeServers,
        deregisterAfterCritical: o.deregisterAfterCritical,
        dualStack,
        localAddresses: deps.localAddresses(),
      });
      registered = { serviceId: proxyId, body };
      try {
        await client.register(body);
      } catch (err) {
        throw new CliError(`Error registering service "${serviceName}": ${errorText(err)}`);
      }
      if (!o.bootstrap) io.stdout(`Registered service: ${serviceName}\n`);
      log.debug("Proxy registration complete");
      fetches = startFetches();
    }
    const pending = fetches ?? startFetches();

    // Step 13.
    const defaultLogPath = nullDevice(deps.os);
    const customLogPath = o.adminAccessLogPath !== "" && o.adminAccessLogPath !== defaultLogPath;
    if (customLogPath) {
      io.stderr(
        "-admin-access-log-path is deprecated and will be removed in a future version of Consul. Configure access logging with proxy-defaults.accessLogs.\n",
      );
    }

    // Step 14: generation. xDS address first (bootstrap.md §3.1).
    log.debug("Generating bootstrap config");
    let xdsAddr: { address: string; defaulted: boolean };
    try {
      xdsAddr = chooseXdsAddress(o.grpcAddr, selfBody, dualStack);
    } catch (err) {
      throw new CliError(`Error looking up xDS port: ${errorText(err)}`);
    }
    if (xdsAddr.defaulted) {
      io.stderr(
        "-grpc-addr not provided and unable to discover a gRPC address for xDS. Defaulting to localhost:8502\n",
      );
    }
    let target: XdsTarget;
    try {
      target = parseXdsAddress(xdsAddr.address, o.grpcCaFile !== "" || o.grpcCaPath !== "");
    } catch (err) {
      throw new CliError(errorText(err));
    }
    // The xDS and admin hosts are resolved concurrently; errors keep their order.
    const agentHostP = target.kind === "tcp" ? settle(deps.resolveHost(target.host)) : undefined;
    let adminSplit: { host: string; port: string } | undefined;
    let adminSplitError = "";
    try {
      adminSplit = splitHostPort(adminBindAddress(o.adminBind, dualStack));
    } catch (err) {
      adminSplitError = `Invalid Consul HTTP address: ${errorText(err)}`;
    }
    const adminHostP = adminSplit ? settle(deps.resolveHost(adminSplit.host)) : undefined;

    let agentAddress = "";
    if (agentHostP !== undefined) {
      const r = await agentHostP;
      if (!r.ok) throw new CliError(`Failed to resolve agent address: ${errorText(r.error)}`);
      agentAddress = r.value;
    }
    // The dial check (not with -bootstrap) only ever warns.
    const dialP = o.bootstrap ? undefined : deps.dial(
      target.kind === "socket"
        ? { socket: target.path }
        : { host: agentAddress, port: target.port },
    );

    if (adminSplit === undefined || adminHostP === undefined) throw new CliError(adminSplitError);
    const adminHost = await adminHostP;
    if (!adminHost.ok) {
      throw new CliError(`Failed to resolve admin bind address: ${errorText(adminHost.error)}`);
    }

    // CA bundle (§3.3).
    const tls = target.tls;
    const ca = xdsCaSources(
      tls,
      { file: o.grpcCaFile, path: o.grpcCaPath },
      { file: http.caFile, path: http.caPath },
    );
    let caPem: string;
    try {
      caPem = loadCaBundle(ca.file, ca.path, deps.caFs, deps.os === "windows" ? "\\" : "/");
    } catch (err) {
      throw new CliError(errorText(err));
    }
    if (tls && caPem === "") throw new CliError(NO_CA_MESSAGE);
    log.debug("Generated template args");

    if (dialP !== undefined) {
      const dialError = await dialP;
      if (dialError !== undefined) {
        io.stderr(`There was an error dialing the xDS address: ${dialError}\n`);
      }
    }

    // R5: ACL probe — warning only.
    const acl = await pending.acl;
    if (!acl.ok && token === "" && errorText(acl.error).includes("ACL not found")) {
      io.stderr(ACL_WARNING + "\n");
    }

    // R6/R6′: the registration.
    const reg = await pending.registration;
    if (!reg.ok) {
      throw reg.error instanceof CliError ? reg.error : new CliError(errorText(reg.error));
    }
    const registration = reg.value;
    log.debug("Fetched registration info");

    // R7: proxy-defaults (access logs).
    const pd = await pending.proxyDefaults;
    if (!pd.ok) throw new CliError(`failed fetch proxy-defaults: ${errorText(pd.error)}`);
    let accessLogs: Record<string, unknown> | undefined;
    if (pd.value !== null) {
      const al = field(pd.value, "AccessLogs");
      if (isObject(al)) {
        accessLogs = al;
        if (customLogPath) {
          io.stderr(
            "-admin-access-log-path and proxy-defaults.accessLogs both specify Envoy access log configuration. Ignoring the deprecated -admin-access-log-path flag.\n",
          );
        }
      }
    }

    const kind = registration.catalogKind !== undefined ? registration.catalogKind : gw.kind;
    const identity = refineIdentity(
      initialIdentity({
        proxyId,
        sidecarFor: o.sidecarFor,
        gatewayKind: gw.kind,
        gatewayService: serviceName,
        namespace: http.namespace,
        partition: http.partition,
      }),
      registration.service,
      registration.proxy,
      registration.datacenter,
    );
    const config = field(registration.proxy, "Config");
    const input: BootstrapInput = {
      proxyId,
      proxyCluster: identity.proxyCluster,
      proxySourceService: identity.proxySourceService,
      nodeName: o.nodeName,
      adminBindAddress: adminHost.value,
      adminBindPort: adminSplit.port,
      adminAccessLogPath: o.adminAccessLogPath === "" ? defaultLogPath : o.adminAccessLogPath,
      accessLogs,
      agent: {
        address: agentAddress,
        port: target.kind === "tcp" ? target.port : "",
        tls,
        socket: target.kind === "socket" ? target.path : "",
        caPem,
      },
      token,
      namespace: identity.namespace,
      partition: identity.partition,
      datacenter: identity.datacenter,
      prometheus: {
        backendPort: o.prometheusBackendPort,
        scrapePath: o.prometheusScrapePath,
        caFile: o.prometheusCaFile,
        caPath: o.prometheusCaPath,
        certFile: o.prometheusCertFile,
        keyFile: o.prometheusKeyFile,
      },
      readyBindAddress: readyBindAddress({
        kind,
        lanString: addresses.lanString,
        readyAddress: o.envoyReadyBindAddress,
        readyPort: o.envoyReadyBindPort,
      }),
      omitDeprecatedTags: o.omitDeprecatedTags,
      proxyConfig: !o.noCentralConfig && isObject(config) ? config : undefined,
    };
    const bootstrapText = await generateBootstrap(input, { getEnv: (name) => deps.env[name] });
    log.debug(o.bootstrap ? "Outputting bootstrap config" : "Finding envoy binary");
    return { bootstrapText, registered };
  } finally {
    await client.close();
  }
}
