/**
 * The statsd and dogstatsd stats sinks (`envoy_statsd_url`, `envoy_dogstatsd_url`).
 * Pure apart from the injected `getEnv`.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { expandSinkUrl, type GetEnv } from "./env_expand.ts";
import { goQuote } from "../go/quote.ts";
import { hostnameAndPort, parseGoUrl } from "../go/url.ts";
import { parsePort, portProblem } from "./ports.ts";
import type { EnvoyAddress, StatsdSink } from "./types.ts";

/** A statsd-flavoured sink kind: its Envoy name and `@type`. */
export interface SinkKind {
  name: string;
  type: string;
}

/** `envoy_statsd_url`. */
export const STATSD_SINK: SinkKind = {
  name: "envoy.stat_sinks.statsd",
  type: "type.googleapis.com/envoy.config.metrics.v3.StatsdSink",
};

/** `envoy_dogstatsd_url`. */
export const DOGSTATSD_SINK: SinkKind = {
  name: "envoy.stat_sinks.dog_statsd",
  type: "type.googleapis.com/envoy.config.metrics.v3.DogStatsdSink",
};

/**
 * Build the sink for a URL setting (`udp://host:port` or `unix:///path`,
 * after environment expansion). Throws `CliError` with Consul's texts
 * (`failed to parse <sink> sink address "<url>"`,
 * `unsupported address protocol "<scheme>" for <sink> sink`), and fails
 * closed where Consul would write an invalid port or an empty path.
 */
export function statsdSink(kind: SinkKind, setting: string, getEnv: GetEnv): StatsdSink {
  const url = expandSinkUrl(setting, getEnv);
  const parseFail = `failed to parse ${kind.name} sink address ${goQuote(url)}`;
  const parsed = parseGoUrl(url);
  if (!parsed.ok) throw new CliError(parseFail);
  const u = parsed.url;
  let address: EnvoyAddress;
  if (u.scheme === "udp") {
    const { hostname, port } = hostnameAndPort(u.host);
    if (port === "") throw new CliError(`${parseFail}: missing port`);
    const n = parsePort(port);
    if (n === undefined) throw new CliError(`${parseFail}: ${portProblem(port)}`);
    address = { socket_address: { address: hostname, port_value: n } };
  } else if (u.scheme === "unix") {
    if (u.path === "") throw new CliError(`${parseFail}: missing socket path`);
    address = { pipe: { path: u.path } };
  } else {
    throw new CliError(`unsupported address protocol ${goQuote(u.scheme)} for ${kind.name} sink`);
  }
  return { name: kind.name, typedConfig: { "@type": kind.type, address } };
}
