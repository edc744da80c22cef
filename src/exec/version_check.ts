/**
 * The compatibility check before launch: run `<binary> --version` (stdout
 * captured, stderr discarded, stdin empty), parse it and compare it with the
 * supported list (the agent's, or the built-in one).
 *
 * @module
 */

import type { Io } from "../io.ts";
import { CliError, errorText } from "../errors.ts";
import { parseEnvoyVersion } from "./envoy_version.ts";
import type { SupportedRange } from "./supported_range.ts";
import { checkCompatibility } from "./compatibility.ts";
import { unsupportedEnvoyMessage } from "./supported_range.ts";
import { ENVOY_VERSIONS } from "./supported_versions.ts";
import { ChildLimitError, runBounded } from "./bounded_output.ts";

/** Result of running `<binary> --version`. */
export interface VersionRun {
  /** Exit status (0 = success). */
  code: number;
  stdout: string;
}

/** Runs `<binary> --version`; rejects when the program cannot be started. */
export type VersionRunner = (binary: string, env: Record<string, string>) => Promise<VersionRun>;

/** How long `envoy --version` may take before it is killed. */
export const VERSION_TIMEOUT_MS = 30_000;

/** Most output kept from `envoy --version` (Envoy prints about 200 bytes); more kills it. */
export const VERSION_MAX_BYTES = 64 * 1024;

/** The real runner (`Deno.Command`, needs `--allow-run`), bounded in time and output. */
export const runVersion: VersionRunner = async (binary, env) => {
  const out = await runBounded(binary, {
    args: ["--version"],
    env,
    captureStderr: false,
    maxBytes: VERSION_MAX_BYTES,
    timeoutMs: VERSION_TIMEOUT_MS,
    label: `${binary} --version`,
  });
  return { code: out.code, stdout: new TextDecoder().decode(out.stdout) };
};

const PREFIX = "Couldn't get envoy version for compatibility check: ";

/**
 * Why `binary` could not be started, in Go's `fork/exec <path>: <reason>`
 * form. The binary was found before, so "no such file" means that its
 * `#!` interpreter or dynamic loader is missing.
 */
export function spawnErrorText(binary: string, err: unknown): string {
  if (err instanceof Deno.errors.NotFound) {
    return `fork/exec ${binary}: no such file or directory ` +
      `(is its #! interpreter or dynamic loader missing?)`;
  }
  if (err instanceof Deno.errors.PermissionDenied) return `fork/exec ${binary}: permission denied`;
  const reason = errorText(err).replace(/^Failed to spawn '.*?': /, "")
    .replace(/\s*\(os error \d+\)$/, "");
  return `fork/exec ${binary}: ${reason}`;
}

/**
 * Throws a CliError unless the binary's version is in `supported` (default:
 * the built-in list). A malformed list only warns (on `io.stderr`) and lets
 * the launch proceed.
 */
export async function checkEnvoyVersion(
  binary: string,
  env: Record<string, string>,
  io: Io,
  run: VersionRunner = runVersion,
  supported: SupportedRange = { versions: ENVOY_VERSIONS, source: { kind: "builtin" } },
  unsupported?: readonly string[],
): Promise<void> {
  let result: VersionRun;
  try {
    result = await run(binary, env);
  } catch (err) {
    if (err instanceof ChildLimitError) throw new CliError(`${PREFIX}${err.message}`);
    throw new CliError(`${PREFIX}${spawnErrorText(binary, err)}`);
  }
  if (result.code !== 0) throw new CliError(`${PREFIX}exit status ${result.code}`);
  const version = parseEnvoyVersion(result.stdout);
  if (version === undefined) {
    throw new CliError(`${PREFIX}unable to parse Envoy version from output`);
  }
  const verdict = checkCompatibility(version, supported.versions, unsupported);
  if (verdict.kind === "error") {
    io.stderr(
      `There was an error checking the compatibility of the envoy version: ${verdict.cause}\n`,
    );
  } else if (verdict.kind === "unsupported") {
    throw new CliError(
      unsupportedEnvoyMessage(verdict.reported, version.text, verdict.range, supported.source),
    );
  }
}
