/**
 * The imperative shell: parse argv and dispatch (help, version, `doctor`, or
 * a proxy run that prints the bootstrap, execs Envoy or supervises it), and
 * turn every failure into one line on stderr with a non-zero exit status.
 * `main.ts` only calls {@linkcode main}.
 *
 * @module
 */

import type { Env } from "./cli/options.ts";
import type { Io } from "./io.ts";
import type { PipelineDeps } from "./pipeline/deps.ts";
import { processIo } from "./io.ts";
import { CliError, errorText, oneLine } from "./errors.ts";
import { parseArgs } from "./cli/parse.ts";
import { redact } from "./log.ts";
import { secretsFromInputs } from "./secrets.ts";
import { runProxy } from "./proxy_run.ts";
import denoJson from "../deno.json" with { type: "json" };

/** Overrides for tests; everything defaults to the real process. */
export interface MainOptions {
  env?: Env;
  io?: Io;
  os?: string;
  deps?: Partial<PipelineDeps>;
}

/** The product version, from `deno.json`. */
export const VERSION: string = denoJson.version;

/**
 * Run connect-envoy with `argv`; resolves to the exit status (on a
 * successful exec it never resolves: the process has become Envoy).
 */
export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const env: Env = opts.env ?? Deno.env.toObject();
  const io = opts.io ?? processIo;
  const os = opts.os ?? Deno.build.os;
  if (argv[0] === "doctor") {
    const { doctor } = await import("./doctor/mod.ts");
    return await doctor(argv.slice(1), { env, io, os, deps: opts.deps });
  }
  // Every secret known so far; all text printed on failure is redacted with it.
  const secrets = new Set<string>(secretsFromInputs(argv, env));
  try {
    const parsed = parseArgs(argv, env, os);
    switch (parsed.kind) {
      case "help":
        return await printHelp(io, os);
      case "version":
        io.stdout(`connect-envoy ${VERSION}\n`);
        return 0;
      case "run":
        return await runProxy({
          options: parsed.options,
          passthrough: parsed.passthrough,
          env,
          io,
          os,
          deps: opts.deps,
          secrets,
        });
    }
  } catch (err) {
    return reportFailure(err, io, [...secrets]);
  }
}

async function printHelp(io: Io, os: string): Promise<number> {
  const { helpText } = await import("./cli/help.ts");
  io.stdout(helpText(os));
  return 0;
}

/** One redacted line on stderr (plus a `CliError`'s detail); the exit status. */
function reportFailure(err: unknown, io: Io, secrets: string[]): number {
  if (err instanceof CliError) {
    io.stderr(redact(oneLine(err.message) + "\n" + (err.detail ?? ""), secrets));
    return err.exitCode;
  }
  io.stderr(redact(`connect-envoy: internal error: ${oneLine(errorText(err))}\n`, secrets));
  return 1;
}
