/**
 * `deno task compile`: build the standalone binaries with `deno compile`.
 *
 * ```sh
 * deno task compile                         # all five targets into dist/
 * deno task compile --target host           # only the running platform
 * deno task compile --target aarch64-apple-darwin --out-dir /tmp/out
 * ```
 *
 * Writes `<out-dir>/connect-envoy-<os>-<arch>[.exe]` plus `SHA256SUMS`, with
 * the permissions of `src/permissions.ts` baked in. Artifacts are built in
 * a staging directory and moved into place only when every target built, so
 * a failed run leaves no partial set and no stale checksum file. Every
 * failure is one line on stderr and exit status 1 (e.g. when `deno compile`
 * cannot fetch its `denort` runtime).
 *
 * @module
 */

import { join } from "node:path";
import { PERMISSION_FLAGS, repoRoot, RUNTIME_FLAGS } from "../src/permissions.ts";
import {
  artifactName,
  compileArgs,
  compileEnv,
  compileFailureLine,
  type CompileTarget,
  hex,
  selectTargets,
  sha256sums,
} from "./compile_targets.ts";

/** Parsed command line of the compile task. */
export interface CompileCommandLine {
  targets: string[];
  outDir: string;
  timeoutMs: number;
}

/** Parse `--target X` (repeatable), `--out-dir D`, `--timeout SECONDS`. Throws one-line `Error`s. */
export function parseCompileArgs(args: readonly string[], root: string): CompileCommandLine {
  const out: CompileCommandLine = { targets: [], outDir: join(root, "dist"), timeoutMs: 600_000 };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].includes("=") ? args[i].split(/=(.*)/s, 2) : [args[i]];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === "") throw new Error(`${name} needs a value`);
      return v;
    };
    if (name === "--target") out.targets.push(value());
    else if (name === "--out-dir") out.outDir = value();
    else if (name === "--timeout") {
      const s = Number(value());
      if (!Number.isFinite(s) || s <= 0) throw new Error(`--timeout needs a positive number`);
      out.timeoutMs = s * 1000;
    } else throw new Error(`unknown argument ${args[i]}; use --target, --out-dir, --timeout`);
  }
  return out;
}

async function sha256File(path: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", await Deno.readFile(path)));
}

async function compileOne(
  target: CompileTarget,
  output: string,
  root: string,
  timeoutMs: number,
): Promise<void> {
  const env = compileEnv(Deno.env.toObject(), target, Deno.build.target);
  env.NO_COLOR = "1";
  const args = compileArgs({
    target,
    output,
    config: join(root, "deno.json"),
    entry: join(root, "main.ts"),
    runtimeFlags: RUNTIME_FLAGS,
    permissionFlags: PERMISSION_FLAGS,
  });
  const result = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: root,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutMs),
  }).output().catch((err: unknown) => {
    if (err instanceof DOMException && err.name === "TimeoutError") {
      throw new Error(
        `deno compile for ${target.triple} did not finish within ${timeoutMs / 1000} s ` +
          `(is dl.deno.land reachable for the denort runtime?)`,
      );
    }
    throw err;
  });
  if (result.success) return;
  if (result.signal !== null) {
    throw new Error(
      `deno compile for ${target.triple} did not finish within ${timeoutMs / 1000} s ` +
        `(is dl.deno.land reachable for the denort runtime?)`,
    );
  }
  const text = new TextDecoder().decode(result.stderr) + new TextDecoder().decode(result.stdout);
  throw new Error(compileFailureLine(text, target, Deno.env.get("DENORT_BIN") !== undefined));
}

/** Build the selected targets into `outDir`; returns the `SHA256SUMS` content. */
export async function compileAll(cmd: CompileCommandLine, root: string): Promise<string> {
  const targets = selectTargets(cmd.targets, Deno.build.target);
  await Deno.mkdir(cmd.outDir, { recursive: true });
  const staging = await Deno.makeTempDir({ dir: cmd.outDir, prefix: ".staging-" });
  try {
    const entries: { name: string; sha256: string }[] = [];
    for (const target of targets) {
      const name = artifactName(target);
      await compileOne(target, join(staging, name), root, cmd.timeoutMs);
      entries.push({ name, sha256: await sha256File(join(staging, name)) });
    }
    const sums = sha256sums(entries);
    for (const { name } of entries) await Deno.rename(join(staging, name), join(cmd.outDir, name));
    await Deno.writeTextFile(join(cmd.outDir, "SHA256SUMS"), sums);
    return sums;
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const root = repoRoot();
  try {
    const cmd = parseCompileArgs(Deno.args, root);
    const sums = await compileAll(cmd, root);
    for (const line of sums.trimEnd().split("\n")) {
      const [sha, name] = line.split("  ");
      console.log(`${join(cmd.outDir, name)}  sha256:${sha}`);
    }
    console.log(`${join(cmd.outDir, "SHA256SUMS")}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    Deno.exit(1);
  }
}
