/**
 * The supported Envoy range the doctor judges a binary against, by the same
 * rule as a run: the agent's `xDS.SupportedProxies.envoy` list when it
 * reports one, else connect-envoy's built-in list, and Consul's range rule
 * on that list. Pure.
 *
 * @module
 */

import type { JsonObject } from "../agent/types.ts";
import type { EnvoyVersion } from "../exec/envoy_version.ts";
import type { EnvoyCompat } from "./checks/envoy.ts";
import { checkCompatibility, describeRange } from "../exec/compatibility.ts";
import { chooseSupportedRange } from "../exec/supported_range.ts";

/** The range in words, where it came from, and the verdict function. */
export interface EnvoyRange {
  description: string;
  fromAgent: boolean;
  judge(version: EnvoyVersion): EnvoyCompat;
}

/** The supported range for an agent's self answer (`undefined`: not readable). */
export function envoyRangeFor(self: JsonObject | undefined, agentAddress: string): EnvoyRange {
  const range = chooseSupportedRange(self, agentAddress);
  return {
    description: describeRange(range.versions),
    fromAgent: range.source.kind === "agent",
    judge(version) {
      const verdict = checkCompatibility(version, range.versions);
      if (verdict.kind === "error") return { kind: "unknown", cause: verdict.cause };
      return { kind: verdict.kind };
    },
  };
}
