/**
 * The release version, read from its one source: `version` in `deno.json`.
 *
 * As a script: `deno run scripts/version.ts` prints the version;
 * `deno run scripts/version.ts --check-tag v1.2.3` exits 1 with one line
 * when a release tag does not match it (used by the release workflow).
 *
 * @module
 */

import denoJson from "../deno.json" with { type: "json" };

/** The version string from `deno.json` (e.g. `0.1.0`). */
export const VERSION: string = denoJson.version;

/** The error line for a tag that does not name {@linkcode VERSION}, or `""` when it matches. */
export function tagMismatch(tag: string, version: string = VERSION): string {
  const bare = tag.replace(/^refs\/tags\//, "");
  if (bare === `v${version}` || bare === version) return "";
  return `release tag ${bare} does not match version ${version} in deno.json`;
}

if (import.meta.main) {
  const [flag, tag] = Deno.args;
  if (flag === "--check-tag") {
    const problem = tagMismatch(tag ?? "");
    if (problem !== "") {
      console.error(problem);
      Deno.exit(1);
    }
  }
  console.log(VERSION);
}
