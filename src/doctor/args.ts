/**
 * The doctor's command line: every flag of a normal run plus
 * `-format text|json`. The `-format` flag is taken out with Go `flag`
 * scanning rules (a value-taking flag consumes the next argument, scanning
 * stops at the first non-flag or `--`), and the rest goes to the normal
 * parser. Usage errors carry exit status 2.
 *
 * @module
 */

import type { Env, Options } from "../cli/options.ts";
import { CliError } from "../errors.ts";
import { FLAGS } from "../cli/flags.ts";
import { parseArgs } from "../cli/parse.ts";

/** Output formats. */
export type DoctorFormat = "text" | "json";

/** A parsed doctor command line. */
export type DoctorArgs =
  | { kind: "help" }
  | { kind: "run"; format: DoctorFormat; options: Options };

/** Exit status of a usage error. */
export const USAGE_EXIT = 2;

/** The doctor's usage text (the shared flags are described by `connect-envoy -h`). */
export const DOCTOR_USAGE = `Usage: connect-envoy doctor [options]

  Checks what a Connect proxy needs before Envoy starts: the local agent, the
  ACL token, the proxy registration, service:write on the service, intentions
  to its upstreams, the CA roots and leaf certificate, the xDS port, the admin
  port, the Envoy binary and the bootstrap itself. Makes no changes.

  Takes every option of a normal run (-sidecar-for, -proxy-id, -gateway,
  -http-addr, -token, -grpc-addr, -admin-bind, -envoy-binary, ...; see
  connect-envoy -h), plus:

  -format string
     Output format: text (default) or json.

  Exit status: 0 when no check failed (warnings allowed), 1 when a check
  failed, 2 for a usage error.
`;

function usage(message: string): CliError {
  return new CliError(message, { exitCode: USAGE_EXIT });
}

/** Remove `-format` from `argv` (Go flag scanning); returns its value (default `text`). */
export function takeFormatFlag(argv: readonly string[]): { format: string; rest: string[] } {
  const rest: string[] = [];
  let format = "text";
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i];
    if (arg === "--" || arg.length < 2 || arg[0] !== "-") break;
    const body = arg.startsWith("--") ? arg.slice(2) : arg.slice(1);
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    i++;
    if (name === "format") {
      if (eq >= 0) format = body.slice(eq + 1);
      else if (i < argv.length) format = argv[i++];
      else throw usage("flag needs an argument: -format");
      continue;
    }
    rest.push(arg);
    const def = FLAGS.find((f) => f.name === name);
    if (def !== undefined && def.kind !== "bool" && eq < 0 && i < argv.length) rest.push(argv[i++]);
  }
  return { format, rest: [...rest, ...argv.slice(i)] };
}

/**
 * Parse the arguments after `doctor`. Throws `CliError` with exit status 2
 * for a bad flag, a bad `-format`, or no way to identify the proxy.
 */
export function parseDoctorArgs(argv: readonly string[], env: Env, os: string): DoctorArgs {
  const { format, rest } = takeFormatFlag(argv);
  let parsed;
  try {
    parsed = parseArgs(rest, env, os);
  } catch (err) {
    if (err instanceof CliError) throw usage(err.message);
    throw err;
  }
  if (parsed.kind === "help") return { kind: "help" };
  if (parsed.kind === "version") throw usage("-version is not a doctor option");
  if (format !== "text" && format !== "json") {
    throw usage(`invalid value "${format}" for flag -format: must be text or json`);
  }
  const o = parsed.options;
  if (o.proxyId === "" && o.sidecarFor === "" && o.gateway === "" && !o.meshGateway) {
    throw usage("No proxy ID specified. One of -proxy-id, -sidecar-for, or -gateway is required");
  }
  return { kind: "run", format, options: o };
}
