/**
 * `parseArgs`: argv → {@linkcode ParsedArgs}. The help pre-pass, then Go `flag` parsing against the table in
 * `flags.ts`, then defaults and environment fallbacks. Pure apart from the
 * `Deno.build.os` default.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import type { Env, HttpFlags, Options, ParsedArgs } from "./options.ts";
import { GoFlagError, type GoFlagValue, goUsageBlock, parseGoFlags } from "../go/flag.ts";
import { defaultFor, envFallback, FLAGS, type FlagSpec, usageFor } from "./flags.ts";
import { closestName } from "../suggest.ts";
import { durationHint } from "./flag_hints.ts";

const HELP_ARGS = new Set(["-h", "-help", "--help"]);

/**
 * The help pre-pass (Consul checks for help before parsing): true if `-h`, `-help` or `--help` is a whole
 * argument anywhere before the first `--` (also in a value position).
 */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === "--") return false;
    if (HELP_ARGS.has(arg)) return true;
  }
  return false;
}

/** The default shown in the usage block: an environment fallback counts as the default. */
function shownDefault(spec: FlagSpec, env: Env, os: string): string {
  if ("options" in spec.target) {
    const fromEnv = envFallback(spec, env);
    if (fromEnv !== undefined) return fromEnv;
  }
  const d = defaultFor(spec, os);
  return spec.kind === "duration" && typeof d === "number" ? goDurationText(d) : String(d);
}

/** Go's text for a whole number of milliseconds (`0s`, `15s`, `1m30s`, `250ms`). */
function goDurationText(ms: number): string {
  if (ms === 0) return "0s";
  if (ms % 1000 !== 0) return `${ms}ms`;
  const total = ms / 1000;
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  return (h > 0 ? `${h}h` : "") + (h > 0 || m > 0 ? `${m}m` : "") + `${s}s`;
}

/** Go's default `Usage:` block for connect-envoy's flags (ends with `\n`). */
export function usageBlock(env: Env, os: string): string {
  return goUsageBlock(FLAGS.map((spec) => ({
    name: spec.name,
    kind: spec.kind,
    usage: usageFor(spec, os),
    defValue: shownDefault(spec, env, os),
  })));
}

/** Milliseconds for a duration in nanoseconds; non-zero waits stay non-zero. */
function nanosToMillis(ns: bigint): number {
  return Number((ns + 999_999n) / 1_000_000n);
}

/** Convert a parsed flag value to the representation `Options` uses. */
function optionValue(spec: FlagSpec, value: GoFlagValue): Options[keyof Options] {
  if (typeof value === "bigint") {
    return spec.kind === "duration" ? nanosToMillis(value) : Number(value);
  }
  return value;
}

/** Value of a command flag that was not given: env fallback, else default. */
function unsetValue(spec: FlagSpec, env: Env, os: string): Options[keyof Options] {
  if (spec.kind === "list") return [];
  if (spec.kind === "value") return undefined;
  const fromEnv = envFallback(spec, env);
  if (fromEnv !== undefined) return fromEnv;
  return defaultFor(spec, os);
}

function parseFailure(err: GoFlagError, env: Env, os: string): CliError {
  if (err.helpRequested) {
    const block = usageBlock(env, os);
    // Go prints only the usage block; its first line becomes the message.
    const newline = block.indexOf("\n");
    return new CliError(block.slice(0, newline), { detail: block.slice(newline + 1) });
  }
  // Every other parse error is one line (Consul would add the usage block).
  const unknown = /^flag provided but not defined: -(.+)$/.exec(err.message);
  const hint = unknown ? closestName(unknown[1], FLAGS.map((f) => f.name)) : undefined;
  if (hint === undefined) return new CliError(durationHint(err.message) ?? err.message);
  return new CliError(`${err.message} (did you mean -${hint}?)`);
}

/**
 * Parse the command line. Returns `{kind: "help"}` for the help pre-pass,
 * `{kind: "version"}` when `-version` is set, else the options and the
 * pass-through arguments. Throws `CliError` with Go's parse-error line as
 * the message (plus a "did you mean" hint for a mistyped flag); only the
 * `-h=…` forms carry Go's usage block, as `detail`. `os` selects the null-device
 * default of `-admin-access-log-path` (defaults to `Deno.build.os`).
 */
export function parseArgs(argv: string[], env: Env, os: string = Deno.build.os): ParsedArgs {
  if (wantsHelp(argv)) return { kind: "help" };
  let parsed;
  try {
    parsed = parseGoFlags(argv, FLAGS);
  } catch (err) {
    if (err instanceof GoFlagError) throw parseFailure(err, env, os);
    throw err;
  }
  const { values, rest } = parsed;
  const options: Record<string, unknown> = {};
  const http: Record<string, string> = {};
  let version = false;
  for (const spec of FLAGS) {
    const value = values.get(spec.name);
    const target = spec.target;
    if ("version" in target) {
      version = value === true;
    } else if ("http" in target) {
      if (value !== undefined) http[target.http] = value as string;
    } else {
      options[target.options] = value === undefined
        ? unsetValue(spec, env, os)
        : optionValue(spec, value);
    }
  }
  if (version) return { kind: "version" };
  options.http = http as HttpFlags;
  return { kind: "run", options: options as unknown as Options, passthrough: rest };
}
