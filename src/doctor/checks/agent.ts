/**
 * The Agent group: is the local agent reachable (and which Consul, which
 * datacenter), and is the ACL token valid (or are ACLs off)? Pure functions
 * of the agent's answers.
 *
 * @module
 */

import type { JsonObject } from "../../agent/types.ts";
import { objectField, stringField } from "../../go/json_fields.ts";
import { type AgentAnswer, fail, pass, type Verdict, warn } from "../types.ts";
import { humanDuration, parseTime } from "./time_text.ts";

/** Whether the agent answered at all (any HTTP status counts as reachable). */
export function agentReachable(answer: AgentAnswer<unknown>): boolean {
  return answer.ok || answer.status !== undefined;
}

/** Did the agent refuse because the ACL system is off? (Consul answers 401 "ACL support disabled".) */
export function aclDisabled(answer: AgentAnswer<unknown>): boolean {
  return !answer.ok && answer.status === 401 && /ACL support disabled/i.test(answer.message);
}

/** A 403 from the agent: the token lacks a permission or is unknown. */
function isPermissionDenied(answer: AgentAnswer<unknown>): boolean {
  return !answer.ok && answer.status === 403;
}

/**
 * `agent`: `/v1/agent/self` answered. Reports the Consul version,
 * datacenter and node; a 403 still means reachable (warn: the xDS port and
 * the supported Envoy versions cannot be read without `agent:read`).
 */
export function checkAgent(self: AgentAnswer<JsonObject>, address: string): Verdict {
  if (self.ok) {
    const config = objectField(self.value, "Config") ?? {};
    const version = stringField(config, "Version");
    const dc = stringField(config, "Datacenter");
    const node = stringField(config, "NodeName");
    const parts = [
      version === "" ? "Consul" : `Consul ${version}`,
      dc === "" ? "" : `datacenter ${dc}`,
      node === "" ? "" : `node ${node}`,
    ].filter((p) => p !== "");
    return pass(`${parts.join(", ")} at ${address}`);
  }
  if (isPermissionDenied(self)) {
    return warn(
      `the agent at ${address} answered, but the token may not read /v1/agent/self: ${self.message}`,
      'grant agent:read (node_prefix "" { policy = "read" }) to the token, or pass -grpc-addr',
    );
  }
  if (self.status !== undefined) {
    return fail(
      `the agent at ${address} answered with an error: ${self.message}`,
      "check the agent's logs (consul monitor) and that -http-addr points at a Consul agent",
    );
  }
  return fail(
    `cannot reach the agent at ${address}: ${self.message}`,
    "start the local Consul agent, or point -http-addr / CONSUL_HTTP_ADDR at it",
  );
}

/** A token expiring sooner than this is a warning. */
export const TOKEN_EXPIRY_WARNING_MS = 24 * 3600 * 1000;

const TOKEN_SOURCES = "-token, -token-file, CONSUL_HTTP_TOKEN or CONSUL_PROXY_TOKEN";

/**
 * `acl-token`: `GET /v1/acl/token/self?stale`. Pass when ACLs are disabled
 * or the token is known and unexpired (warn within a day of expiry); fail
 * when the agent does not know the token. Never prints the secret, only the
 * accessor ID and description.
 */
export function checkAclToken(
  answer: AgentAnswer<JsonObject>,
  ctx: { tokenGiven: boolean; nowMs: number },
): Verdict {
  if (aclDisabled(answer)) return pass("ACLs are disabled on the agent");
  if (!answer.ok) {
    if (isPermissionDenied(answer) && !ctx.tokenGiven) {
      return fail(
        `ACLs are enabled and no token was given (${answer.message})`,
        `pass a token for the proxy with ${TOKEN_SOURCES}`,
      );
    }
    if (isPermissionDenied(answer)) {
      return fail(
        `the agent does not accept the token: ${answer.message}`,
        "the token may be deleted, expired or from another datacenter: check it with " +
          "consul acl token read -self, or issue a new one",
      );
    }
    return fail(`cannot read the token: ${answer.message}`, "check the agent's logs");
  }
  const accessor = stringField(answer.value, "AccessorID");
  const description = stringField(answer.value, "Description");
  const who = `token ${accessor === "" ? "(no accessor ID)" : accessor}` +
    (description === "" ? "" : ` (${JSON.stringify(description)})`);
  const expires = parseTime(stringField(answer.value, "ExpirationTime"));
  if (expires !== undefined && expires <= ctx.nowMs) {
    return fail(`${who} has expired`, "issue a new token for the proxy");
  }
  if (expires !== undefined && expires - ctx.nowMs < TOKEN_EXPIRY_WARNING_MS) {
    return warn(
      `${who} expires in ${humanDuration(expires - ctx.nowMs)}`,
      "issue a longer-lived token before it expires, or make sure something renews it",
    );
  }
  const until = expires === undefined ? "" : `, valid for ${humanDuration(expires - ctx.nowMs)}`;
  return pass(`${who} is valid${until}`);
}

/** `agent` when the HTTP settings themselves are unusable (token file, TLS files, address). */
export function checkAgentSettings(message: string): Verdict {
  return fail(
    message,
    "fix the HTTP API option or file it names (-http-addr, -token-file, -ca-file, -client-cert, …)",
  );
}
