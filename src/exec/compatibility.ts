/**
 * Is an Envoy version supported? Consul's rule on a supported list (newest
 * first): an individually unsupported release is refused by its full
 * version; otherwise anything from the oldest listed minor line's `.0` up to
 * every patch of the newest listed minor line is accepted. The list defaults
 * to the built-in one from `supported_versions.ts`.
 *
 * @module
 */

import type { EnvoyVersion } from "./envoy_version.ts";
import { ENVOY_VERSIONS, UNSUPPORTED_ENVOY_VERSIONS } from "./supported_versions.ts";

/** The outcome of a compatibility check. */
export type Compatibility =
  | { kind: "supported" }
  | { kind: "unsupported"; reported: string; range: string }
  /** The list itself is malformed: warn and proceed (as Consul does). */
  | { kind: "error"; cause: string };

/** A numeric `X.Y.Z` release. */
export type Triple = [number, number, number];

/** `X.Y.Z` as numbers; `undefined` for anything else. */
export function parseTriple(text: string): Triple | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (m === null) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Order two releases: negative, zero or positive. */
export function compareTriples(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** The accepted range of `versions` in words, e.g. `1.32.0 to 1.35.x`. */
export function describeRange(versions: readonly string[] = ENVOY_VERSIONS): string {
  const newest = parseTriple(versions[0] ?? "");
  const oldest = parseTriple(versions[versions.length - 1] ?? "");
  if (newest === undefined || oldest === undefined) return "unknown";
  return `${oldest[0]}.${oldest[1]}.0 to ${newest[0]}.${newest[1]}.x`;
}

/**
 * Check `v` against the supported list: explicitly unsupported releases
 * first, then `oldest.minor.0 <= v < (newest.minor + 1).0` on the numeric
 * `X.Y.Z` (a pre-release label is not considered, so `1.35.0-dev` counts
 * as the 1.35 line).
 */
export function checkCompatibility(
  v: EnvoyVersion,
  versions: readonly string[] = ENVOY_VERSIONS,
  unsupported: readonly string[] = UNSUPPORTED_ENVOY_VERSIONS,
): Compatibility {
  const parsed = versions.map(parseTriple);
  const bad = versions.find((_, i) => parsed[i] === undefined);
  if (versions.length === 0) return { kind: "error", cause: "the supported version list is empty" };
  if (bad !== undefined) {
    return { kind: "error", cause: `malformed version ${JSON.stringify(bad)}` };
  }
  const list = parsed as Triple[];
  for (let i = 1; i < list.length; i++) {
    if (compareTriples(list[i - 1], list[i]) <= 0) {
      return { kind: "error", cause: `version list not descending at ${versions[i]}` };
    }
  }
  const range = describeRange(versions);
  const mine: Triple = [v.major, v.minor, v.patch];
  for (const u of unsupported) {
    const t = parseTriple(u);
    if (t === undefined) return { kind: "error", cause: `malformed version ${JSON.stringify(u)}` };
    if (compareTriples(mine, t) === 0) return { kind: "unsupported", reported: u, range };
  }
  const oldest = list[list.length - 1];
  const newest = list[0];
  const min: Triple = [oldest[0], oldest[1], 0];
  const max: Triple = [newest[0], newest[1] + 1, 0];
  if (compareTriples(mine, min) >= 0 && compareTriples(mine, max) < 0) return { kind: "supported" };
  return { kind: "unsupported", reported: `${v.major}.${v.minor}.x`, range };
}
