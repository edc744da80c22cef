/**
 * Agent state the bootstrap needs. Requests start as early as their inputs
 * are known and travel between stages as settled promises (they never
 * reject), so independent requests are in flight together; each is read
 * where Consul makes it, so the error reported and the warnings printed are
 * those of Consul's one-at-a-time order.
 *
 * @module
 */

import type { JsonObject } from "../agent/types.ts";
import type { Session } from "./session.ts";
import { fetchRegistration, type Registration } from "../agent/fetch_registration.ts";
import { isDualStack } from "../agent/dual_stack.ts";
import { field, isObject } from "../go/json_fields.ts";
import { retryUntilFound } from "../wait.ts";
import { settle, type Settled, valueOf } from "../settle.ts";
import { CliError, errorText } from "../errors.ts";

/** The agent's `/v1/agent/self` answer, as far as the pipeline reads it. */
export interface AgentSelf {
  /** The body; `undefined` when the token lacks `agent:read` ("Permission denied"). */
  body: JsonObject | undefined;
  /** The agent binds an IPv6 address: defaults use `::1`. */
  dualStack: boolean;
}

/** The requests that need the proxy ID, started together. */
export interface ProxyRequests {
  /** `GET /v1/acl/token/self`: only ever warns. */
  acl: Promise<Settled<unknown>>;
  /** The proxy's registration (agent or, with `-node-name`, catalog). */
  registration: Promise<Settled<Registration>>;
  /** `GET /v1/config/proxy-defaults/global` (`null` when none). */
  proxyDefaults: Promise<Settled<JsonObject | null>>;
}

/** What the proxy's registration and the proxy defaults say. */
export interface ProxyState {
  registration: Registration;
  /** The `AccessLogs` block of proxy-defaults, when it has one. */
  accessLogs: Record<string, unknown> | undefined;
}

const ACL_WARNING =
  "No ACL token was provided to Envoy. Because the ACL system is enabled, pass a suitable ACL token for this service to Envoy to avoid potential communication failure.";

const ACCESS_LOG_CONFLICT =
  "-admin-access-log-path and proxy-defaults.accessLogs both specify Envoy access log configuration. Ignoring the deprecated -admin-access-log-path flag.";

/** Start `GET /v1/agent/self`; it needs nothing but the session. */
export function startSelf(session: Session): Promise<Settled<JsonObject>> {
  return settle(session.client.self());
}

/**
 * Read the self answer for dual-stack detection. "Permission denied" only
 * warns (defaults stay IPv4); any other failure throws
 * `Error checking dual stack: …`.
 */
export function readAgentSelf(session: Session, self: Settled<JsonObject>): AgentSelf {
  const { log } = session;
  if (!self.ok) {
    if (!errorText(self.error).includes("Permission denied")) {
      throw new CliError(`Error checking dual stack: ${errorText(self.error)}`);
    }
    log.warn(
      "Permission denied checking for dual stack. Proceeding with default localhost address when unset",
    );
    log.debug("Received", { isDualStack: false });
    return { body: undefined, dualStack: false };
  }
  let dualStack: boolean;
  try {
    dualStack = isDualStack(self.value);
  } catch (err) {
    throw new CliError(`Error checking dual stack: ${errorText(err)}`);
  }
  log.debug("Received", { isDualStack: dualStack });
  if (dualStack) log.debug("using dual-stack configuration: default localhost to IPv6 loopback");
  return { body: self.value, dualStack };
}

/** Start the ACL probe, the registration fetch (waiting if asked) and proxy-defaults. */
export function startProxyRequests(session: Session, proxyId: string): ProxyRequests {
  const { client, wait, options } = session;
  return {
    acl: settle(client.tokenSelf()),
    registration: settle(
      retryUntilFound(
        wait,
        `proxy "${proxyId}"`,
        () => fetchRegistration(client, proxyId, options.nodeName),
      ),
    ),
    proxyDefaults: settle(client.proxyDefaults()),
  };
}

/**
 * Read the proxy requests in Consul's order: the ACL probe (warns when ACLs
 * are on and no token was given), the registration, then proxy-defaults.
 * `customLogPath` is whether `-admin-access-log-path` was set, which
 * proxy-defaults' access logs override with a warning.
 */
export async function collectProxyState(
  session: Session,
  requests: ProxyRequests,
  customLogPath: boolean,
): Promise<ProxyState> {
  const { io } = session.deps;
  const acl = await requests.acl;
  if (!acl.ok && session.http.token === "" && errorText(acl.error).includes("ACL not found")) {
    io.stderr(ACL_WARNING + "\n");
  }
  const registration = valueOf(await requests.registration);
  session.log.debug("Fetched registration info");
  const defaults = await requests.proxyDefaults;
  if (!defaults.ok) {
    throw new CliError(`failed fetch proxy-defaults: ${errorText(defaults.error)}`);
  }
  const logs = defaults.value === null ? undefined : field(defaults.value, "AccessLogs");
  if (!isObject(logs)) return { registration, accessLogs: undefined };
  if (customLogPath) io.stderr(ACCESS_LOG_CONFLICT + "\n");
  return { registration, accessLogs: logs };
}
