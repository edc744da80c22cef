/**
 * `connect-envoy doctor`: parse the doctor's command line, run every check,
 * print the report (text or JSON) with every known secret redacted, and
 * exit 0 (nothing failed), 1 (a check failed) or 2 (usage error).
 *
 * @module
 */

import type { Env, Options } from "../cli/options.ts";
import type { Io } from "../io.ts";
import type { PipelineDeps } from "../pipeline/mod.ts";
import type { CheckResult } from "./types.ts";
import { type DoctorDeps, realDoctorDeps } from "./deps.ts";
import { DOCTOR_USAGE, parseDoctorArgs, USAGE_EXIT } from "./args.ts";
import { prepare, runChecks } from "./run.ts";
import { exitStatus, markStyle, renderJson, renderText } from "./report.ts";
import { CliError, errorText, oneLine } from "../errors.ts";
import { redact } from "../log.ts";
import { realDeps } from "../real_deps.ts";
import { secretsFromInputs } from "../secrets.ts";

/** What the shell hands over; `deps` overrides single effects (tests). */
export interface DoctorMainOptions {
  env: Env;
  io: Io;
  os: string;
  deps?: Partial<DoctorDeps> & Partial<PipelineDeps>;
}

/** The report's first line: which proxy is examined. */
export function reportTitle(o: Options): string {
  const what = o.proxyId !== ""
    ? `proxy "${o.proxyId}"`
    : o.sidecarFor !== ""
    ? `the sidecar proxy for "${o.sidecarFor}"`
    : `the ${o.meshGateway ? "mesh" : o.gateway} gateway${
      o.service !== "" ? ` "${o.service}"` : ""
    }`;
  return `connect-envoy doctor: ${what}`;
}

function redactResults(results: CheckResult[], secrets: readonly string[]): CheckResult[] {
  return results.map((r) => ({
    ...r,
    message: redact(r.message, secrets),
    hint: redact(r.hint, secrets),
  }));
}

/** Run `connect-envoy doctor <argv>`; resolves to the exit status. */
export async function doctor(argv: string[], opts: DoctorMainOptions): Promise<number> {
  const { env, io, os } = opts;
  const secrets = new Set<string>(secretsFromInputs(argv, env));
  const fail = (err: unknown, usage: boolean) => {
    const text = err instanceof CliError
      ? oneLine(err.message)
      : `connect-envoy doctor: internal error: ${oneLine(errorText(err))}`;
    io.stderr(redact(text + "\n", [...secrets]));
    return usage ? USAGE_EXIT : 1;
  };
  let parsed;
  try {
    parsed = parseDoctorArgs(argv, env, os);
  } catch (err) {
    return fail(err, err instanceof CliError);
  }
  if (parsed.kind === "help") {
    io.stdout(DOCTOR_USAGE);
    return 0;
  }
  const base = realDeps(env, io, os, {
    registerSecret: (s) => {
      if (s !== "") secrets.add(s);
    },
    ...opts.deps,
  });
  const deps: DoctorDeps = { ...realDoctorDeps(base), ...opts.deps };
  let prepared;
  try {
    prepared = await prepare(parsed.options, deps);
  } catch (err) {
    return fail(err, err instanceof CliError);
  }
  try {
    const results = redactResults(await runChecks(prepared, deps), [...secrets]);
    const text = parsed.format === "json"
      ? renderJson(results)
      : renderText(reportTitle(parsed.options), results, markStyle(env));
    io.stdout(redact(text, [...secrets]));
    return exitStatus(results);
  } catch (err) {
    return fail(err, false);
  }
}
