/**
 * Parsing the output of `envoy --version`.
 *
 * Envoy prints `<program>  version: <sha>/<X.Y.Z[-label]>/<status>/<build>/<ssl>`,
 * where `<program>` is the binary path as invoked (which may itself contain
 * digits, e.g. `/opt/envoy-1.31/bin/envoy`). The version is therefore taken
 * from the field after `version:`, never from the first digits anywhere.
 *
 * @module
 */

/** A parsed Envoy version. */
export interface EnvoyVersion {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release/dev label without the dash (`"dev"` for `1.36.0-dev`), or `""`. */
  label: string;
  /** The version text as printed (`1.36.0-dev`). */
  text: string;
}

const VERSION_FIELD =
  /\bversion:\s+[^\s/]+\/(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z][0-9A-Za-z.-]*))?(?=\/|\s|$)/m;

/** The version in `envoy --version` output, or `undefined` when there is none. */
export function parseEnvoyVersion(output: string): EnvoyVersion | undefined {
  const m = VERSION_FIELD.exec(output);
  if (m === null) return undefined;
  const [major, minor, patch] = [m[1], m[2], m[3]].map(Number);
  if (![major, minor, patch].every(Number.isSafeInteger)) return undefined;
  const label = m[4] ?? "";
  const text = `${m[1]}.${m[2]}.${m[3]}${label === "" ? "" : "-" + label}`;
  return { major, minor, patch, label, text };
}
