/**
 * Become Envoy: find the binary, check its version, hand the bootstrap over
 * through an inherited anonymous descriptor (`/dev/fd/<n>`), optionally let
 * Envoy validate it, and `execve` Envoy in place (same PID), or with
 * `-supervise` start it as a child (`src/supervise/`).
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
import type { SupportedRange } from "./supported_range.ts";
import type { VersionRun } from "./version_check.ts";
import type { SuperviseRequest } from "../supervise/mod.ts";
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
  /** The Envoy versions to accept and where they came from (default: the built-in list). */
  supportedEnvoy?: SupportedRange;
  validate: boolean;
  /** Environment for Envoy (and for `envoy --version`). */
  env: Record<string, string>;
  io: Io;
  /** Injectable for tests. */
  os?: typeof Deno.build.os;
  /** `-supervise`: run Envoy as a child (settings, and the gateway registration to keep). */
  supervise?: Pick<SuperviseRequest, "settings" | "registration" | "admin">;
}

/** Test seams; every field defaults to the real thing. */
export interface LaunchDeps {
  arch: string;
  /** Adjust the computed plan (e.g. force the temp-file storage). */
  adjustPlan: (plan: ExecPlan) => ExecPlan;
  loadLibc: (plan: ExecPlan) => Libc;
  runVersion: VersionRunner;
  runValidate: ValidateRunner;
  /** Runs Envoy as a child with `-supervise` (default: `src/supervise/mod.ts`). */
  supervise: (req: SuperviseRequest) => Promise<number>;
}

function openLibc(plan: ExecPlan, load: (plan: ExecPlan) => Libc): Libc {
  try {
    return load(plan);
  } catch (err) {
    throw new CliError(`Failed to exec envoy: cannot load ${plan.libcPath}: ${errorText(err)}`);
  }
}

/** Keeps a step's result, or its error to throw when the result is asked for. */
function capture<T>(f: () => T): () => T {
  try {
    const value = f();
    return () => value;
  } catch (err) {
    return () => {
      throw err;
    };
  }
}

/**
 * Work started before the agent has answered: the plan, the binary search,
 * `envoy --version` (running) and libc. Errors are kept, to be thrown by
 * {@linkcode launchEnvoy} in the same order as without the early start.
 */
export interface PreparedLaunch {
  plan(): ExecPlan;
  binary(): string;
  /** Resolves to the `--version` run started early (for the same binary). */
  runVersion: VersionRunner;
  libc(): Libc;
}

/** What {@linkcode prepareLaunch} needs of the request. */
export type EarlyRequest = Pick<
  LaunchRequest,
  "envoyBinary" | "env" | "ignoreCompatibility" | "os"
>;

/** Start what the launch needs that does not depend on the bootstrap. */
export function prepareLaunch(req: EarlyRequest, deps: Partial<LaunchDeps> = {}): PreparedLaunch {
  const os = req.os ?? Deno.build.os;
  const adjust = deps.adjustPlan ?? ((p: ExecPlan) => p);
  const plan = capture(() => adjust(planExec(os, deps.arch ?? Deno.build.arch, req.env)));
  const binary = capture(() => findEnvoyBinary(req.envoyBinary, req.env));
  const run = deps.runVersion ?? runVersion;
  let early: Promise<VersionRun> | undefined;
  try {
    // Nothing runs on an OS without a plan (the unsupported-OS error comes first).
    if (!req.ignoreCompatibility && plan()) early = run(binary(), req.env);
    early?.catch(() => {}); // consumed (and reported) by launchEnvoy
  } catch {
    early = undefined; // binary() throws again, in order, in launchEnvoy
  }
  const libc = capture(() => openLibc(plan(), deps.loadLibc ?? loadLibc));
  return {
    plan,
    binary,
    runVersion: (b, env) => early ?? run(b, env),
    libc,
  };
}

/**
 * Finds, checks and starts Envoy: execs it (never returns on success), or
 * with `req.supervise` runs it as a child and resolves to the exit status.
 * Throws CliError on failure.
 */
export async function launchEnvoy(
  req: LaunchRequest,
  deps: Partial<LaunchDeps> = {},
  prepared: PreparedLaunch = prepareLaunch(req, deps),
): Promise<number> {
  const os = req.os ?? Deno.build.os;
  const plan = prepared.plan();
  const binary = prepared.binary();
  if (!req.ignoreCompatibility) {
    await checkEnvoyVersion(binary, req.env, req.io, prepared.runVersion, req.supportedEnvoy);
  }
  const libc = prepared.libc();
  const handoff = createHandoff(libc, plan, req.bootstrapText);
  try {
    if (req.validate) {
      await validateBootstrap(binary, handoff.path, req.env, deps.runValidate ?? runValidate);
    }
    const argv = envoyArgv(binary, handoff.path, req.passthrough);
    if (req.supervise !== undefined) {
      const supervise = deps.supervise ?? (await import("../supervise/mod.ts")).superviseEnvoy;
      return await supervise({
        ...req.supervise,
        argv,
        env: req.env,
        handoff,
        io: req.io,
        os,
      });
    }
    return execInPlace(libc, plan, argv, req.env, handoff);
  } catch (err) {
    handoff.close();
    throw err;
  }
}
