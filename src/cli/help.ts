/**
 * The help text printed for `-h`, `-help` and `--help`, laid out like
 * Consul's: usage line, description, then the
 * `HTTP API Options` and `Command Options` sections with every flag's usage
 * wrapped to 67 columns and indented by five spaces. No TAB characters.
 *
 * @module
 */

import denoJson from "../../deno.json" with { type: "json" };
import { unquoteUsage } from "../go/flag.ts";
import { FLAGS, type FlagSpec, usageFor } from "./flags.ts";
import { wrapText } from "./wrap.ts";

/** Width of wrapped usage text (Consul: 72 columns minus the 5-space indent). */
export const USAGE_WRAP_WIDTH = 67;
const USAGE_INDENT = "     ";

function description(version: string): string {
  return `
Usage: connect-envoy [options] [-- pass-through options]

  connect-envoy ${version} generates the bootstrap configuration of an Envoy
  proxy acting as a Consul service mesh sidecar or gateway, and then starts
  Envoy with it. Envoy is searched for on PATH unless -envoy-binary names
  it. With -bootstrap the configuration is printed to stdout and Envoy is
  not started.

  The proxy instance is named by -proxy-id, else by CONNECT_PROXY_ID, else
  by CONSUL_PROXY_ID; -sidecar-for or -gateway find it on the agent instead.

  The ACL token is taken from the first of these that yields a non-empty
  token: -token-file, -token, CONSUL_HTTP_TOKEN_FILE, CONSUL_HTTP_TOKEN,
  CONSUL_PROXY_TOKEN.

  Environment variables without a flag: CONSUL_HTTP_AUTH (user:password
  for HTTP basic authentication to the agent), CONSUL_HTTP_SSL (true: use
  https for an agent address without a scheme), CONSUL_HTTP_SSL_VERIFY
  (false: do not verify the agent's certificate; any other value than a
  boolean is an error). PATH is searched for envoy, TMPDIR holds the
  bootstrap file where no anonymous memory file is available, $NAME in a
  statsd URL is taken from the environment, and Envoy is started with the
  environment minus the variables that carry a Consul credential (the
  CONSUL_HTTP_TOKEN* and CONSUL_PROXY_TOKEN* variables, CONSUL_HTTP_AUTH,
  and CONSUL_HTTP_ADDR with a password). Flags win over their environment
  variables.

  Run the sidecar proxy of the service instance "web":

      $ connect-envoy -sidecar-for web

  Arguments after "--" are passed to Envoy unchanged:

      $ connect-envoy -sidecar-for web -- --log-level debug

  Check what the proxy needs (agent, token, registration, certificates,
  ports, Envoy) without starting or changing anything:

      $ connect-envoy doctor -sidecar-for web
`.trim();
}

function byName(a: FlagSpec, b: FlagSpec): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function flagEntry(spec: FlagSpec, os: string): string {
  const usage = usageFor(spec, os);
  const { word } = unquoteUsage(usage, spec.kind);
  const head = word === "" ? `  -${spec.name}` : `  -${spec.name}=<${word}>`;
  const body = wrapText(usage, USAGE_WRAP_WIDTH).map((line) => USAGE_INDENT + line);
  return `${head}\n${body.join("\n")}\n\n`;
}

function section(title: string, specs: readonly FlagSpec[], os: string): string {
  return `${title}\n\n` + [...specs].sort(byName).map((s) => flagEntry(s, os)).join("");
}

/**
 * The full help text, ending with exactly one `\n`. `os` selects the
 * null-device default shown for `-admin-access-log-path`.
 */
export function helpText(os: string = Deno.build.os): string {
  let out = description(denoJson.version) + "\n\n";
  out += section("HTTP API Options", FLAGS.filter((f) => f.section === "http"), os);
  out += section("Command Options", FLAGS.filter((f) => f.section === "command"), os);
  return out.replace(/\n+$/, "") + "\n";
}
