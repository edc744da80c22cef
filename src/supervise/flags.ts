/**
 * The supervise-mode flags (their table entries, merged into the flag table
 * by `cli/flags.ts`) and the checks that relate them to the other options,
 * run right after parsing so a bad combination fails before any agent call.
 *
 * @module
 */

import type { FlagSpec } from "../cli/flags.ts";
import type { Options } from "../cli/options.ts";
import { parseGoDuration } from "../go/duration.ts";
import { CliError } from "../errors.ts";
import { type HostPort, parseLifecycleBind } from "./lifecycle_bind.ts";

/** Default `-shutdown-grace-period`: Envoy drains for this long before quit. */
export const DEFAULT_GRACE_MS = 15_000;
/** Default `-shutdown-timeout`: time from quit to SIGKILL. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
/** Default `-reregister-interval`. */
export const DEFAULT_REREGISTER_MS = 30_000;

function nonNegative(value: string): string | undefined {
  return (parseGoDuration(value) ?? 0n) < 0n ? "parse error" : undefined;
}

/** The flags of supervise mode (see the README section "Graceful shutdown"). */
export const SUPERVISE_FLAGS: readonly FlagSpec[] = [
  {
    name: "supervise",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "supervise" },
    usage: "Run Envoy as a child process instead of replacing connect-envoy with it, " +
      "and shut it down gracefully on SIGTERM or SIGINT: fail its health check, " +
      "drain inbound listeners, wait -shutdown-grace-period, then quit it. Linux and macOS.",
  },
  {
    name: "shutdown-grace-period",
    kind: "duration",
    default: DEFAULT_GRACE_MS,
    section: "command",
    target: { options: "shutdownGracePeriodMs" },
    check: nonNegative,
    usage: "With -supervise: how long Envoy drains before it is asked to quit " +
      "(a `duration`; default 15s). A second SIGTERM or SIGINT cuts it short.",
  },
  {
    name: "shutdown-timeout",
    kind: "duration",
    default: DEFAULT_SHUTDOWN_TIMEOUT_MS,
    section: "command",
    target: { options: "shutdownTimeoutMs" },
    check: nonNegative,
    usage: "With -supervise: how long Envoy may take to exit after it was asked " +
      "to quit before it is killed with SIGKILL (a `duration`; default 10s).",
  },
  {
    name: "shutdown-drain-listeners",
    kind: "bool",
    default: true,
    section: "command",
    target: { options: "shutdownDrainListeners" },
    usage: "With -supervise: at the start of shutdown, fail Envoy's health check and " +
      "drain its inbound listeners gracefully (outbound keeps working). " +
      "-shutdown-drain-listeners=false only waits the grace period.",
  },
  {
    name: "lifecycle-bind",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "lifecycleBind" },
    usage: "With -supervise: serve GET /ready and POST /graceful_shutdown on this " +
      "`host:port` (a bare :port means 127.0.0.1; use 0.0.0.0:port for probes " +
      "from outside the pod or host). Off by default.",
  },
  {
    name: "reregister-interval",
    kind: "duration",
    default: DEFAULT_REREGISTER_MS,
    section: "command",
    target: { options: "reregisterIntervalMs" },
    check: nonNegative,
    usage: "With -supervise and -register: how often to check that the agent still " +
      "has the gateway's registration, registering it again if not " +
      "(a `duration`; default 30s; 0 disables the check).",
  },
];

/** Supervise settings a command line asks for, checked. */
export interface SuperviseSettings {
  gracePeriodMs: number;
  timeoutMs: number;
  drainListeners: boolean;
  lifecycle?: HostPort;
  reregisterIntervalMs: number;
}

/**
 * Check the supervise flags against the rest of the command line. Returns
 * the settings with -supervise, `undefined` without it; throws a one-line
 * CliError naming the flag for a bad value or combination (a supervise
 * flag set to other than its default without -supervise is one).
 */
export function superviseSettings(o: Options, os: string): SuperviseSettings | undefined {
  if (!o.supervise) {
    const stray = SUPERVISE_FLAGS.find((f) =>
      "options" in f.target && o[f.target.options] !== f.default
    );
    if (stray !== undefined) throw new CliError(`-${stray.name} requires -supervise`);
    return undefined;
  }
  if (o.bootstrap) throw new CliError("-supervise cannot be used with -bootstrap");
  if (os === "windows") {
    throw new CliError("-supervise is not supported on Windows (Linux and macOS only)");
  }
  return {
    gracePeriodMs: o.shutdownGracePeriodMs,
    timeoutMs: o.shutdownTimeoutMs,
    drainListeners: o.shutdownDrainListeners,
    lifecycle: o.lifecycleBind === "" ? undefined : parseLifecycleBind(o.lifecycleBind),
    reregisterIntervalMs: o.reregisterIntervalMs,
  };
}
