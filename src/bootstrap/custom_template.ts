/**
 * Custom bootstrap templates (`envoy_bootstrap_json_tpl`): the template argument object with
 * Consul's field names, rendering, and validation/re-indentation of the
 * result. String arguments are JSON-escaped without quotes so that
 * `"{{ .Token }}"` stays valid JSON; the `*JSON` arguments are compact JSON
 * fragments of the generated values. Pure apart from the injected renderer.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { TemplateError } from "../template/mod.ts";
import type { BootstrapInput } from "./input.ts";
import { LOCAL_AGENT_CLUSTER } from "./clusters.ts";
import { IndentedTooLarge, indentJson, JsonSyntaxError } from "../go/json_indent.ts";
import { depthError, MAX_JSON_DEPTH } from "./json_depth.ts";
import { sizeText } from "../units.ts";
import type { BootstrapParts } from "./parts.ts";

/** Renders `text` (template name `bootstrap`) with `data`; throws `TemplateError` on template errors. */
export type TemplateRenderer = (name: string, text: string, data: unknown) => string;

/** JSON-escape a string without the surrounding quotes. */
export function jsonEscape(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** Comma-joined compact JSON of several values (a list fragment). */
export function jsonFragment(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(",");
}

/** The xDS fields, also reachable as `.GRPC.<Field>` (Go embedding). */
export class GRPC {
  constructor(
    public AgentAddress: string,
    public AgentPort: string,
    public AgentTLS: boolean,
    public AgentSocket: string,
    public AgentCAPEM: string,
  ) {}
}

/**
 * Consul's `BootstrapTplArgs`. A class (not a plain object) so the template
 * engine treats it as a struct: unknown fields are errors, not map misses.
 */
export class BootstrapTplArgs {
  GRPC: GRPC;
  AgentAddress: string;
  AgentPort: string;
  AgentTLS: boolean;
  AgentSocket: string;
  AgentCAPEM: string;
  ProxyCluster = "";
  ProxyID = "";
  NodeName = "";
  ProxySourceService = "";
  AdminAccessLogConfig: string[] = [];
  AdminAccessLogPath = "";
  AdminBindAddress = "";
  AdminBindPort = "";
  LocalAgentClusterName = LOCAL_AGENT_CLUSTER;
  Token = "";
  StaticClustersJSON = "";
  StaticListenersJSON = "";
  StaticSecretsJSON = "";
  StatsSinksJSON = "";
  StatsConfigJSON = "";
  StatsFlushInterval = "";
  TracingConfigJSON = "";
  Namespace = "";
  Partition = "";
  Datacenter = "";
  PrometheusBackendPort = "";
  PrometheusScrapePath = "";
  PrometheusCAFile = "";
  PrometheusCAPath = "";
  PrometheusCertFile = "";
  PrometheusKeyFile = "";

  constructor(grpc: GRPC) {
    this.GRPC = grpc;
    this.AgentAddress = grpc.AgentAddress;
    this.AgentPort = grpc.AgentPort;
    this.AgentTLS = grpc.AgentTLS;
    this.AgentSocket = grpc.AgentSocket;
    this.AgentCAPEM = grpc.AgentCAPEM;
  }
}

/** Build the template arguments from the input and the computed parts. */
export function templateArgs(input: BootstrapInput, parts: BootstrapParts): BootstrapTplArgs {
  const e = jsonEscape;
  const args = new BootstrapTplArgs(
    new GRPC(
      e(input.agent.address),
      e(input.agent.port),
      input.agent.tls,
      e(input.agent.socket),
      e(input.agent.caPem),
    ),
  );
  args.ProxyCluster = e(input.proxyCluster);
  args.ProxyID = e(input.proxyId);
  args.NodeName = e(input.nodeName);
  args.ProxySourceService = e(input.proxySourceService);
  args.AdminAccessLogConfig = parts.accessLogsFromProxyDefaults
    ? parts.accessLoggers.map((l) => JSON.stringify(l))
    : [];
  args.AdminAccessLogPath = e(input.adminAccessLogPath);
  args.AdminBindAddress = e(input.adminBindAddress);
  args.AdminBindPort = e(input.adminBindPort);
  args.Token = e(input.token);
  args.StaticClustersJSON = jsonFragment(parts.clusters);
  args.StaticListenersJSON = jsonFragment(parts.listeners);
  args.StaticSecretsJSON = jsonFragment(parts.secrets);
  args.StatsSinksJSON = jsonFragment(parts.sinks);
  args.StatsConfigJSON = JSON.stringify(parts.statsConfig);
  args.StatsFlushInterval = e(parts.statsFlushInterval);
  args.TracingConfigJSON = parts.tracing === undefined ? "" : JSON.stringify(parts.tracing);
  args.Namespace = e(input.namespace);
  args.Partition = e(input.partition);
  args.Datacenter = e(input.datacenter);
  args.PrometheusBackendPort = e(input.prometheus.backendPort);
  args.PrometheusScrapePath = e(input.prometheus.scrapePath);
  args.PrometheusCAFile = e(input.prometheus.caFile);
  args.PrometheusCAPath = e(input.prometheus.caPath);
  args.PrometheusCertFile = e(input.prometheus.certFile);
  args.PrometheusKeyFile = e(input.prometheus.keyFile);
  return args;
}

/**
 * The deepest nesting accepted in a rendered template: the limit for the
 * `*_json` values plus room for the bootstrap's own levels around them.
 */
export const MAX_RENDERED_DEPTH = MAX_JSON_DEPTH + 28;

/**
 * Largest indented bootstrap (characters). The template engine already caps
 * the rendered text at 16 Mi characters; indentation can multiply that, so
 * the indented form has its own cap.
 */
export const MAX_INDENTED_CHARS = 32 * 1024 * 1024;

/**
 * Render a custom template and re-indent the result (Go `json.Indent`:
 * leading whitespace dropped, trailing whitespace kept). Throws `CliError`
 * `envoy_bootstrap_json_tpl: <template error>` (also when the template
 * exceeds the engine's step budget or output cap),
 * `envoy_bootstrap_json_tpl rendered invalid JSON: <reason>`, or an error
 * naming the key when the result nests too deep or indents too large.
 */
export function renderCustomTemplate(
  text: string,
  args: BootstrapTplArgs,
  render: TemplateRenderer,
): string {
  let rendered: string;
  try {
    rendered = render("bootstrap", text, args);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    throw new CliError(`envoy_bootstrap_json_tpl: ${err.message}`);
  }
  const tooDeep = depthError(rendered, MAX_RENDERED_DEPTH);
  if (tooDeep !== undefined) {
    throw new CliError(`envoy_bootstrap_json_tpl rendered JSON that ${tooDeep}`);
  }
  try {
    return indentJson(rendered, MAX_INDENTED_CHARS);
  } catch (err) {
    if (err instanceof IndentedTooLarge) {
      throw new CliError(
        `envoy_bootstrap_json_tpl: the indented bootstrap grew larger than ${
          sizeText(MAX_INDENTED_CHARS)
        }`,
      );
    }
    if (!(err instanceof JsonSyntaxError)) throw err;
    throw new CliError(`envoy_bootstrap_json_tpl rendered invalid JSON: ${err.message}`);
  }
}
