/**
 * Port checks: every `port_value` written into the bootstrap must be a
 * decimal integer 0–65535 (Consul pastes the text raw and lets Envoy or the
 * JSON check fail; we fail closed with a message naming the setting). Pure.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { goQuote } from "../go/quote.ts";

/** The port number for `text`, or `undefined` if it is not 0–65535 in decimal digits. */
export function parsePort(text: string): number | undefined {
  if (!/^[0-9]{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/** Reason text used in port errors. */
export function portProblem(text: string): string {
  return `invalid port ${goQuote(text)}: must be a decimal integer between 0 and 65535`;
}

/**
 * The port number for `text`; otherwise throws `CliError` `<context>: invalid
 * port "<text>": must be …`, where `context` names the flag/key/address.
 */
export function requirePort(text: string, context: string): number {
  const n = parsePort(text);
  if (n === undefined) throw new CliError(`${context}: ${portProblem(text)}`);
  return n;
}

/** Error context for `AdminBindPort`. */
export const ADMIN_PORT_CONTEXT = "invalid admin bind address (-admin-bind)";
/** Error context for `AgentPort`. */
export const AGENT_PORT_CONTEXT =
  "invalid xDS address (-grpc-addr, CONSUL_GRPC_ADDR or the agent's xDS port)";
/** Error context for `PrometheusBackendPort`. */
export const PROMETHEUS_BACKEND_PORT_CONTEXT = "invalid -prometheus-backend-port";
