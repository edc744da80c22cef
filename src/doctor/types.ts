/**
 * The vocabulary of `connect-envoy doctor`: check ids, their groups, the
 * verdict of one check, and the plain-data outcome of one agent request
 * that the pure check functions read.
 *
 * @module
 */

/** How a check came out. */
export type CheckStatus = "pass" | "warn" | "fail" | "skip";

/** What one check function returns. `hint` is `""` when there is nothing to do. */
export interface Verdict {
  status: CheckStatus;
  message: string;
  hint: string;
}

/** Every check, in the order it is reported. */
export const CHECK_IDS = [
  "agent",
  "acl-token",
  "service",
  "acl-service-write",
  "intentions",
  "ca-roots",
  "leaf-cert",
  "xds",
  "admin-port",
  "envoy-binary",
  "bootstrap",
] as const;

/** A check id. */
export type CheckId = typeof CHECK_IDS[number];

/** A verdict labelled with its check. */
export interface CheckResult extends Verdict {
  id: CheckId;
}

/** The headings of the text report and the checks under each. */
export const CHECK_GROUPS: readonly { title: string; ids: readonly CheckId[] }[] = [
  { title: "Agent", ids: ["agent", "acl-token"] },
  { title: "Proxy identity & ACL", ids: ["service", "acl-service-write", "intentions"] },
  { title: "Certificates", ids: ["ca-roots", "leaf-cert"] },
  { title: "Network", ids: ["xds", "admin-port"] },
  { title: "Envoy", ids: ["envoy-binary", "bootstrap"] },
];

/**
 * The outcome of one agent request as plain data: the decoded body, or the
 * HTTP status (absent for transport failures) and a one-line message.
 */
export type AgentAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; status?: number; message: string };

/** A passing verdict. */
export function pass(message: string): Verdict {
  return { status: "pass", message, hint: "" };
}

/** A warning with what to do about it. */
export function warn(message: string, hint: string): Verdict {
  return { status: "warn", message, hint };
}

/** A failure with what to do about it. */
export function fail(message: string, hint: string): Verdict {
  return { status: "fail", message, hint };
}

/** A check that could not run because `reason`. */
export function skip(reason: string): Verdict {
  return { status: "skip", message: reason, hint: "" };
}
