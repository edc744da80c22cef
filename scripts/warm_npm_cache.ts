/**
 * Make sure every npm package pinned in `deno.lock` has its registry
 * metadata (`registry.json`) in Deno's npm cache, so that later runs of the
 * program never contact the npm registry.
 *
 * Why this is needed: with a lockfile, Deno installs an npm package straight
 * from its tarball and writes no registry metadata (`deno task` does this
 * before running any task). A program whose graph holds a dynamic
 * `import("undici")` then makes Deno fetch that metadata in the background
 * at start-up, and a short-lived process such as `connect-envoy -bootstrap`
 * exits before the fetched metadata is written. So every later run printed
 * `Download https://registry.npmjs.org/undici` and contacted the registry,
 * whether or not it used undici. This script checks the cache and, only when
 * some metadata is missing, runs one `deno cache --reload=npm:<pkg>` in the
 * foreground, which writes it. A warm cache costs one `deno info` and no
 * network.
 *
 * Usage: `deno run -A scripts/warm_npm_cache.ts` (the tasks in `deno.json`
 * run it first).
 *
 * @module
 */

import { join } from "node:path";
import { repoRoot } from "../src/permissions.ts";

/** An npm package pinned by the lockfile. */
export interface LockedPackage {
  name: string;
  version: string;
}

/**
 * The npm packages of a `deno.lock` (version 4 or 5): the keys of its `npm`
 * section, `name@version` (a scoped name keeps its leading `@`). Peer-
 * dependency suffixes (`_peer@1.0.0`) are dropped.
 */
export function lockedNpmPackages(lock: unknown): LockedPackage[] {
  const npm = (lock as { npm?: Record<string, unknown> } | null)?.npm;
  if (npm === undefined || npm === null || typeof npm !== "object") return [];
  const out: LockedPackage[] = [];
  for (const key of Object.keys(npm)) {
    const plain = key.split("_")[0];
    const at = plain.lastIndexOf("@");
    if (at <= 0) continue;
    out.push({ name: plain.slice(0, at), version: plain.slice(at + 1) });
  }
  return out;
}

/**
 * The directory Deno's global npm cache uses for a registry URL: its host
 * (with the port, as `host_port`) under the npm cache root.
 */
export function registryDir(npmCache: string, registryUrl: string): string {
  const url = new URL(registryUrl);
  const host = url.port === "" ? url.hostname : `${url.hostname}_${url.port}`;
  return join(npmCache, host);
}

/** Path of the cached registry metadata of `name`. */
export function metadataPath(dir: string, name: string): string {
  return join(dir, ...name.split("/"), "registry.json");
}

/** The packages whose metadata file is missing (`exists` is injected for tests). */
export function missingMetadata(
  packages: readonly LockedPackage[],
  dir: string,
  exists: (path: string) => boolean,
): LockedPackage[] {
  return packages.filter((p) => !exists(metadataPath(dir, p.name)));
}

function fileExists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

async function npmCacheDir(deno: string): Promise<string> {
  const out = await new Deno.Command(deno, { args: ["info", "--json"], stderr: "inherit" })
    .output();
  if (!out.success) throw new Error("`deno info --json` failed");
  return JSON.parse(new TextDecoder().decode(out.stdout)).npmCache;
}

async function main(): Promise<number> {
  const root = repoRoot();
  const lock = JSON.parse(await Deno.readTextFile(join(root, "deno.lock")));
  const packages = lockedNpmPackages(lock);
  if (packages.length === 0) return 0;
  const deno = Deno.execPath();
  const registry = Deno.env.get("NPM_CONFIG_REGISTRY") || "https://registry.npmjs.org/";
  const dir = registryDir(await npmCacheDir(deno), registry);
  const missing = missingMetadata(packages, dir, fileExists);
  if (missing.length === 0) return 0;
  // `--reload=npm:<name>` (without a version) is the form that refetches the metadata.
  const reload = missing.map((p) => `npm:${p.name}`).join(",");
  const result = await new Deno.Command(deno, {
    args: [
      "cache",
      `--reload=${reload}`,
      `--config=${join(root, "deno.json")}`,
      join(root, "main.ts"),
    ],
    cwd: root,
    // stdout may be the demo's bootstrap: keep `deno cache`'s report off it.
    stdout: "null",
    stderr: "inherit",
  }).output();
  if (!result.success) {
    // Not fatal: the program still runs, it only keeps contacting the registry.
    console.error(
      `warm_npm_cache: could not fetch the registry metadata of ${reload}; ` +
        "runs may keep contacting the npm registry until this succeeds",
    );
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main());
