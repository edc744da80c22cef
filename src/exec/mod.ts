/**
 * Become Envoy: find the binary, check its version, hand the bootstrap over
 * through an inherited anonymous descriptor (`/dev/fd/<n>`), optionally let
 * Envoy validate it, and `execve` Envoy in place (same PID).
 *
 * Only the exec path imports this module (`await import("./exec/mod.ts")`);
 * libc is loaded (`Deno.dlopen`) only once the launch has passed every
 * check that needs no FFI.
 *
 * @module
 */

import type { Io } from "../io.ts";
import type { ExecPlan } from "./exec_plan.ts";
import type { Libc } from "./libc.ts";
import type { VersionRunner } from "./version_check.ts";
import type { ValidateRunner } from "./validate.ts";
import { CliError, errorText } from "../errors.ts";
import { planExec } from "./exec_plan.ts";
import { findEnvoyBinary } from "./find_binary.ts";
import { checkEnvoyVersion, runVersion } from "./version_check.ts";
import { loadLibc } from "./libc.ts";
import { createHandoff } from "./handoff.ts";
import { runValidate, validateBootstrap } from "./validate.ts";
import { envoyArgv } from "./argv.ts";
import { execInPlace } from "./exec_in_place.ts";

/** What the pipeline hands to the launcher. */
export interface LaunchRequest {
  /** The document handed to Envoy (already generated). */
  bootstrapText: string;
  /** `-envoy-binary` (`""` = search `$PATH`). */
  envoyBinary: string;
  /** Arguments after `--` (or after the first non-flag). */
  passthrough: string[];
  ignoreCompatibility: boolean;
  validate: boolean;
  /** Environment for Envoy (and for `envoy --version`). */
  env: Record<string, string>;
  io: Io;
  /** Injectable for tests. */
  os?: typeof Deno.build.os;
}

/** Test seams; every field defaults to the real thing. */
export interface LaunchDeps {
  arch: string;
  /** Adjust the computed plan (e.g. force the temp-file storage). */
  adjustPlan: (plan: ExecPlan) => ExecPlan;
  loadLibc: (plan: ExecPlan) => Libc;
  runVersion: VersionRunner;
  runValidate: ValidateRunner;
}

function openLibc(plan: ExecPlan, load: (plan: ExecPlan) => Libc): Libc {
  try {
    return load(plan);
  } catch (err) {
    throw new CliError(`Failed to exec envoy: cannot load ${plan.libcPath}: ${errorText(err)}`);
  }
}

/** Finds, checks and execs Envoy. Never returns on success; throws CliError on failure. */
export async function launchEnvoy(
  req: LaunchRequest,
  deps: Partial<LaunchDeps> = {},
): Promise<never> {
  const os = req.os ?? Deno.build.os;
  const adjust = deps.adjustPlan ?? ((p: ExecPlan) => p);
  const plan = adjust(planExec(os, deps.arch ?? Deno.build.arch, req.env));
  const binary = findEnvoyBinary(req.envoyBinary, req.env);
  if (!req.ignoreCompatibility) {
    await checkEnvoyVersion(binary, req.env, req.io, deps.runVersion ?? runVersion);
  }
  const libc = openLibc(plan, deps.loadLibc ?? loadLibc);
  const handoff = createHandoff(libc, plan, req.bootstrapText);
  try {
    if (req.validate) {
      await validateBootstrap(binary, handoff.path, req.env, deps.runValidate ?? runValidate);
    }
    const argv = envoyArgv(binary, handoff.path, req.passthrough);
    return execInPlace(libc, plan, argv, req.env, handoff);
  } catch (err) {
    handoff.close();
    throw err;
  }
}
