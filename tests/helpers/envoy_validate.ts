/**
 * Finds `../shared/tools/envoy-validate` ready to run: the copy the
 * conformance kit installs (with `npm ci`) into
 * `$XDG_CACHE_HOME|~/.cache/connect-envoy-conformance/envoy-validate-<hash>`,
 * or `$ENVOY_VALIDATE_DIR`. Tests that need it are skipped when it is not
 * installed (run the kit with `--validate` once to install it).
 *
 * @module
 */

import { join } from "node:path";
import { repoRoot } from "../../src/permissions.ts";

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The validator's `validate.mjs`, or `undefined` when none is installed. */
export async function findEnvoyValidate(): Promise<string | undefined> {
  const explicit = Deno.env.get("ENVOY_VALIDATE_DIR");
  const candidates: string[] = explicit ? [explicit] : [];
  const src = join(repoRoot(), "..", "shared", "tools", "envoy-validate");
  candidates.push(src);
  try {
    const lock = await Deno.readFile(join(src, "package-lock.json"));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", lock));
    const hash = Array.from(digest.slice(0, 6)).map((b) => b.toString(16).padStart(2, "0"))
      .join("");
    const home = Deno.env.get("XDG_CACHE_HOME") ??
      join(Deno.env.get("HOME") ?? "/tmp", ".cache");
    candidates.push(join(home, "connect-envoy-conformance", `envoy-validate-${hash}`));
  } catch {
    // no shared/ beside this checkout
  }
  const dir = candidates.find((d) => exists(join(d, "node_modules")));
  return dir === undefined ? undefined : join(dir, "validate.mjs");
}

/**
 * Validate `files` with one `node validate.mjs` run; resolves to the error
 * lines (empty when every file is a valid Envoy v3 bootstrap).
 */
export async function validateFiles(validator: string, files: string[]): Promise<string[]> {
  const out = await new Deno.Command("node", {
    args: [validator, ...files],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  if (out.code !== 0 && text.trim() === "") return [`validator exited ${out.code}`];
  return out.code === 0 ? [] : text.trim().split("\n");
}
