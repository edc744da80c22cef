/**
 * The supported Envoy range the doctor judges a binary against: the same
 * rule as the exec path (the agent's `xDS.SupportedProxies.envoy` list when
 * it reports one, else connect-envoy's built-in list; Consul's range rule on
 * that list). Pure.
 *
 * @module
 */

import type { JsonObject } from "../agent/types.ts";
import type { EnvoyVersion } from "../exec/envoy_version.ts";
import type { EnvoyCompat } from "./checks/envoy.ts";
import { checkCompatibility, describeRange } from "../exec/compatibility.ts";
import { ENVOY_VERSIONS } from "../exec/supported_versions.ts";
import { field } from "../go/json_fields.ts";

/** The range in words, where it came from, and the verdict function. */
export interface EnvoyRange {
  description: string;
  fromAgent: boolean;
  judge(version: EnvoyVersion): EnvoyCompat;
}

function agentList(self: JsonObject | undefined): string[] | undefined {
  const xds = self === undefined ? undefined : field(self, "xDS");
  const proxies = xds !== null && typeof xds === "object"
    ? field(xds as JsonObject, "SupportedProxies")
    : undefined;
  const list = proxies !== null && typeof proxies === "object"
    ? field(proxies as JsonObject, "envoy")
    : undefined;
  if (!Array.isArray(list)) return undefined;
  const versions = list.filter((v): v is string => typeof v === "string");
  return versions.length === 0 ? undefined : versions;
}

/** The supported range for an agent's self answer (`undefined`: not readable). */
export function envoyRangeFor(self: JsonObject | undefined, _agentAddress: string): EnvoyRange {
  const fromAgent = agentList(self);
  const versions = fromAgent ?? ENVOY_VERSIONS;
  return {
    description: describeRange(versions),
    fromAgent: fromAgent !== undefined,
    judge(version) {
      const verdict = checkCompatibility(version, versions);
      if (verdict.kind === "error") return { kind: "unknown", cause: verdict.cause };
      return verdict.kind === "supported" ? { kind: "supported" } : { kind: "unsupported" };
    },
  };
}
