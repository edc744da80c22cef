/**
 * Which Envoy versions to accept, and from whom: the agent's own list
 * (`/v1/agent/self` → `xDS.SupportedProxies.envoy`, newest first) when it
 * exposes one, else connect-envoy's built-in list. Consul's rule is then
 * applied to the chosen list: from the lowest listed `major.minor.0` up to
 * and including every patch of the highest listed minor line.
 *
 * Pure: no I/O. The error text for a refused version lives here too.
 *
 * @module
 */

import { ENVOY_VERSIONS } from "./supported_versions.ts";
import { compareTriples, parseTriple, type Triple } from "./compatibility.ts";

/** Where a supported-version list came from. */
export type RangeSource =
  /** The Consul agent at `address` (as configured, without credentials). */
  | { kind: "agent"; address: string }
  | { kind: "builtin" };

/** The list to check Envoy's version against, and its origin. */
export interface SupportedRange {
  /** `X.Y.Z` releases, newest first, at least one. */
  versions: readonly string[];
  source: RangeSource;
}

/**
 * The agent's supported Envoy releases from a `/v1/agent/self` body,
 * newest first and without duplicates; entries that are not `X.Y.Z` are
 * ignored. `undefined` when the body has no usable list.
 */
export function agentEnvoyVersions(self: unknown): string[] | undefined {
  const xds = (self as { xDS?: unknown } | null | undefined)?.xDS;
  const proxies = (xds as { SupportedProxies?: unknown } | null | undefined)?.SupportedProxies;
  const list = (proxies as { envoy?: unknown } | null | undefined)?.envoy;
  if (!Array.isArray(list)) return undefined;
  const parsed = new Map<string, Triple>();
  for (const entry of list) {
    const t = typeof entry === "string" ? parseTriple(entry.trim()) : undefined;
    if (t !== undefined && t.every(Number.isSafeInteger)) parsed.set(t.join("."), t);
  }
  if (parsed.size === 0) return undefined;
  return [...parsed.entries()].sort((a, b) => compareTriples(b[1], a[1])).map(([text]) => text);
}

/** The agent address as shown in messages: any `user:password@` is dropped. */
export function displayAgentAddress(address: string): string {
  return address.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}

/**
 * The agent's list when `self` carries one (`self` is `undefined` when the
 * request was denied), else the built-in list.
 */
export function chooseSupportedRange(
  self: unknown,
  agentAddress: string,
  builtin: readonly string[] = ENVOY_VERSIONS,
): SupportedRange {
  const fromAgent = agentEnvoyVersions(self);
  if (fromAgent !== undefined) {
    return {
      versions: fromAgent,
      source: { kind: "agent", address: displayAgentAddress(agentAddress) },
    };
  }
  return { versions: builtin, source: { kind: "builtin" } };
}

/** Who supports the range, in words. */
export function describeSource(source: RangeSource): string {
  return source.kind === "agent"
    ? `the Consul agent at ${source.address}`
    : "connect-envoy's built-in list";
}

/**
 * The one-line refusal: Consul's wording of the version (`1.39.x` for a
 * minor line outside the range, the full release for an individually
 * unsupported one), the version found, the range and its source.
 */
export function unsupportedEnvoyMessage(
  reported: string,
  found: string,
  range: string,
  source: RangeSource,
): string {
  return `Envoy version ${reported} is not supported (found ${found}; ` +
    `${describeSource(source)} supports ${range}); ` +
    "-ignore-envoy-compatibility skips this check";
}
