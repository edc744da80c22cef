/**
 * The Certificates group: the Connect CA's active root and the service's
 * leaf certificate, judged from the agent's answers and an injected clock.
 * Pure.
 *
 * @module
 */

import type { JsonObject } from "../../agent/types.ts";
import { field, isObject, stringField } from "../../go/json_fields.ts";
import { humanDuration, parseTime } from "./time_text.ts";
import { type AgentAnswer, fail, pass, type Verdict, warn } from "../types.ts";

/** An active root expiring within this window is a warning. */
export const ROOT_EXPIRY_WARNING_MS = 30 * 24 * 3600 * 1000;

/** A leaf with less than this fraction of its lifetime left is a warning. */
export const LEAF_REMAINING_FRACTION = 0.1;

const ENABLE_CONNECT = "enable the service mesh on the servers (connect { enabled = true })";

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function connectDisabled(answer: AgentAnswer<unknown>): boolean {
  return !answer.ok && /Connect must be enabled/i.test(answer.message);
}

/** The active root of a `/v1/agent/connect/ca/roots` answer (`Active`, else `ActiveRootID`). */
export function activeRoot(body: JsonObject): JsonObject | undefined {
  const raw = field(body, "Roots");
  const roots = Array.isArray(raw) ? raw.filter(isObject) : [];
  const activeId = stringField(body, "ActiveRootID");
  return roots.find((r) => field(r, "Active") === true) ??
    (activeId === "" ? undefined : roots.find((r) => stringField(r, "ID") === activeId));
}

/**
 * `ca-roots`: an active root exists and has not expired; warn when it
 * expires within 30 days.
 */
export function checkCaRoots(answer: AgentAnswer<JsonObject>, nowMs: number): Verdict {
  if (connectDisabled(answer)) {
    return fail(
      `the service mesh is not enabled: ${answer.ok ? "" : answer.message}`,
      ENABLE_CONNECT,
    );
  }
  if (!answer.ok) {
    return fail(`cannot read the CA roots: ${answer.message}`, "check the agent's logs");
  }
  const root = activeRoot(answer.value);
  if (root === undefined) {
    return fail("the agent reports no active CA root", ENABLE_CONNECT);
  }
  const name = stringField(root, "Name") || stringField(root, "ID") || "(unnamed)";
  const trust = stringField(answer.value, "TrustDomain");
  const what = `active root "${name}"${trust === "" ? "" : ` (trust domain ${trust})`}`;
  const notAfter = parseTime(stringField(root, "NotAfter"));
  if (notAfter === undefined) return pass(`${what}; its expiry is not reported`);
  const rotate = "rotate the CA root (consul connect ca set-config with a new root certificate)";
  if (notAfter <= nowMs) return fail(`${what} expired on ${day(notAfter)}`, rotate);
  const left = notAfter - nowMs;
  if (left < ROOT_EXPIRY_WARNING_MS) {
    return warn(`${what} expires in ${humanDuration(left)} (${day(notAfter)})`, rotate + " soon");
  }
  return pass(`${what}, valid until ${day(notAfter)}`);
}

/** The service a SPIFFE service URI names (the segment after `/svc/`), or `undefined`. */
export function spiffeService(uri: string): string | undefined {
  const m = /^spiffe:\/\/[^/]+\/.*\/svc\/([^/]+)$/.exec(uri);
  return m === null ? undefined : decodeURIComponent(m[1]);
}

/**
 * `leaf-cert`: the agent issues a leaf for `service`, its SPIFFE URI names
 * that service, and more than a tenth of its lifetime is left.
 */
export function checkLeafCert(
  service: string,
  answer: AgentAnswer<JsonObject>,
  nowMs: number,
): Verdict {
  if (connectDisabled(answer)) {
    return fail(
      `the service mesh is not enabled: ${answer.ok ? "" : answer.message}`,
      ENABLE_CONNECT,
    );
  }
  if (!answer.ok) {
    const hint = answer.status === 403
      ? `grant service:write on "${service}" to the token`
      : "check the agent's logs and the servers' CA configuration (consul connect ca get-config)";
    return fail(
      `the agent did not issue a leaf certificate for "${service}": ${answer.message}`,
      hint,
    );
  }
  const uri = stringField(answer.value, "ServiceURI");
  const named = spiffeService(uri);
  if (named !== service) {
    return fail(
      uri === ""
        ? `the leaf certificate for "${service}" carries no SPIFFE service URI`
        : `the leaf certificate's SPIFFE URI ${uri} does not name "${service}"`,
      "check that the proxy's destination service name matches the service it fronts",
    );
  }
  const after = parseTime(stringField(answer.value, "ValidAfter"));
  const before = parseTime(stringField(answer.value, "ValidBefore"));
  if (after === undefined || before === undefined || before <= after) {
    return pass(`issued for ${uri}; its validity period is not reported`);
  }
  const renew = "the agent renews leaf certificates by itself: if this persists, check the " +
    "agent's logs and the servers' CA (consul connect ca get-config)";
  const left = before - nowMs;
  if (left <= 0) return fail(`the leaf certificate for ${uri} has expired`, renew);
  const lifetime = before - after;
  if (left < lifetime * LEAF_REMAINING_FRACTION) {
    return warn(
      `the leaf certificate for ${uri} has ${humanDuration(left)} of ${
        humanDuration(lifetime)
      } left`,
      renew,
    );
  }
  return pass(`issued for ${uri}, ${humanDuration(left)} of ${humanDuration(lifetime)} left`);
}
