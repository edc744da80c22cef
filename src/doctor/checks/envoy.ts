/**
 * The Envoy group: is an Envoy binary there and of a version the agent
 * supports, and does bootstrap generation succeed (and, with Envoy present,
 * does `envoy --mode validate` accept the result)? Pure.
 *
 * @module
 */

import type { ValidationOutcome } from "../probes.ts";
import { fail, pass, type Verdict, warn } from "../types.ts";

/** The compatibility verdict on a found binary's version. */
export type EnvoyCompat =
  | { kind: "supported" }
  | { kind: "unsupported" }
  /** The supported list itself could not be used. */
  | { kind: "unknown"; cause: string };

/** What looking for Envoy and asking its version gave. */
export type EnvoyFacts =
  | { found: false; message: string }
  | {
    found: true;
    path: string;
    /** Why `envoy --version` gave no usable version. */
    versionError?: string;
    version?: string;
    compat?: EnvoyCompat;
    /** The supported range in words (`1.35.0 to 1.38.x`). */
    range: string;
    /** Whether the range came from the agent or from connect-envoy's own list. */
    rangeSource: "agent" | "built-in";
    /** `-ignore-envoy-compatibility`. */
    ignored: boolean;
  };

/**
 * `envoy-binary`: not found is a warning (the bootstrap may be used
 * elsewhere); found but unsupported is a failure, a warning with
 * `-ignore-envoy-compatibility`.
 */
export function checkEnvoyBinary(facts: EnvoyFacts): Verdict {
  if (!facts.found) {
    return warn(
      facts.message,
      "install Envoy or pass -envoy-binary (not needed if the bootstrap is used elsewhere)",
    );
  }
  if (facts.versionError !== undefined || facts.version === undefined) {
    return fail(
      `${facts.path}: ${facts.versionError ?? "no version"}`,
      "pass -envoy-binary with the path of an Envoy executable",
    );
  }
  const what = `Envoy ${facts.version} at ${facts.path}`;
  const range = `supported: ${facts.range}${
    facts.rangeSource === "agent" ? ", from the agent" : ""
  }`;
  const compat = facts.compat ?? { kind: "unknown", cause: "not checked" };
  if (compat.kind === "supported") return pass(`${what} (${range})`);
  if (compat.kind === "unknown") {
    return warn(
      `${what}: the supported versions cannot be checked: ${compat.cause}`,
      "check the agent's supported Envoy versions (consul version / agent self)",
    );
  }
  if (facts.ignored) {
    return warn(
      `${what} is not supported (${range})`,
      "-ignore-envoy-compatibility is set, so it would start anyway; prefer a supported version",
    );
  }
  return fail(`${what} is not supported (${range})`, `install an Envoy release in ${facts.range}`);
}

/** What generating (and validating) the bootstrap gave. */
export type BootstrapFacts =
  | { generated: false; message: string }
  | {
    generated: true;
    bytes: number;
    validation: ValidationOutcome;
  };

/** `bootstrap`: generation succeeds and, with Envoy present, Envoy accepts the document. */
export function checkBootstrap(facts: BootstrapFacts): Verdict {
  if (!facts.generated) {
    return fail(
      `generation failed: ${facts.message}`,
      "a normal run stops with this error too: fix the flag or registration it names",
    );
  }
  const made = `generated (${facts.bytes} bytes)`;
  const v = facts.validation;
  if (v.kind === "accepted") return pass(`${made} and accepted by envoy --mode validate`);
  if (v.kind === "not-run") return pass(`${made}; not validated: ${v.reason}`);
  return fail(
    `${made} but Envoy rejected it: ${v.message}`,
    "use a supported Envoy version, and check the proxy's Config (envoy_* keys) in its " +
      "registration and proxy-defaults",
  );
}
