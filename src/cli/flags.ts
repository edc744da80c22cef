/**
 * The flag table of `connect-envoy`: every flag of Consul's `connect envoy`
 * (its command flags and the HTTP-client flags shared by Consul commands) plus the connect-envoy additions (`-version`,
 * `-wait-for-registration`, `-validate`), with kind, usage text, default,
 * environment fallbacks and where the value lands. Usage texts are our own
 * wording; they are shown by `help.ts` and in the parse-error usage block.
 *
 * @module
 */

import type { GoFlagDef } from "../go/flag.ts";
import { parseGoDuration } from "../go/duration.ts";
import type { HttpFlags, Options } from "./options.ts";
import { DEFAULT_ENVOY_VERSION } from "../exec/supported_versions.ts";
import { DEFAULT_HTTP_ADDR } from "./http_config.ts";
import { SUPERVISE_FLAGS } from "../supervise/flags.ts";

/**
 * The Envoy version `-envoy-version` defaults to (the flag is legacy and
 * ignored): the newest entry of the built-in supported-versions list.
 */
export { DEFAULT_ENVOY_VERSION };

/** Marker replaced by the OS null device in usage texts and defaults. */
const NULL_DEVICE_MARK = "{null-device}";

/** Where a parsed flag is stored. */
export type FlagTarget =
  | { readonly options: keyof Options }
  | { readonly http: keyof HttpFlags }
  /** `-version`: turns the parse result into `{kind: "version"}`. */
  | { readonly version: true };

/** One command-line flag. */
export interface FlagSpec extends GoFlagDef {
  /** Usage text; a back-quoted word names the value in help (Go convention). */
  readonly usage: string;
  /** Value when neither the flag nor an environment fallback is set. */
  readonly default: string | boolean | number;
  /**
   * Environment variables consulted, highest precedence first. For command
   * flags they are the parse-time fallbacks (empty counts as unset); for
   * HTTP flags they are documentation only (`http_config.ts` applies them).
   */
  readonly env?: readonly string[];
  /** Help-text section. */
  readonly section: "http" | "command";
  readonly target: FlagTarget;
}

/** The OS null device: `NUL` on Windows, `/dev/null` elsewhere. */
export function nullDevice(os: string): string {
  return os === "windows" ? "NUL" : "/dev/null";
}

/** `-bind-address` occurrences must be `name=address`. */
function checkBindAddress(value: string): string | undefined {
  return value.includes("=") ? undefined : `Missing "=" in argument: ${value}`;
}

/**
 * `-deregister-after-critical` is sent to the agent, which needs a Go
 * duration (empty: the agent never deregisters the service).
 */
function checkGoDuration(value: string): string | undefined {
  return value !== "" && parseGoDuration(value) === undefined ? "parse error" : undefined;
}

/** `-wait-for-registration` cannot be negative (Go would accept `-1s`). */
function checkNonNegativeDuration(value: string): string | undefined {
  return (parseGoDuration(value) ?? 0n) < 0n ? "parse error" : undefined;
}

const PROMETHEUS_TLS = "TLS needs a CA (file or path), a certificate and a key.";

/** Every flag, in no particular order (output sorts by name). */
export const FLAGS: readonly FlagSpec[] = [
  // --- HTTP-client flags (shared by Consul's API commands) ---
  {
    name: "http-addr",
    kind: "string",
    default: "",
    env: ["CONSUL_HTTP_ADDR"],
    section: "http",
    target: { http: "httpAddr" },
    usage: "The `address` of the Consul agent's HTTP API: host:port, " +
      "http://host:port or https://host:port (either may end in a path prefix), " +
      `or unix:///path/to/socket. Defaults to ${DEFAULT_HTTP_ADDR}. ` +
      "Environment: CONSUL_HTTP_ADDR.",
  },
  {
    name: "token",
    kind: "string",
    default: "",
    env: ["CONSUL_HTTP_TOKEN"],
    section: "http",
    target: { http: "token" },
    usage: "ACL token used for requests to the agent and handed to Envoy " +
      "in the bootstrap. Sources in order of precedence: -token-file, -token, " +
      "CONSUL_HTTP_TOKEN_FILE, CONSUL_HTTP_TOKEN, CONSUL_PROXY_TOKEN; a token " +
      "file with empty content is skipped. Environment: CONSUL_HTTP_TOKEN.",
  },
  {
    name: "token-file",
    kind: "string",
    default: "",
    env: ["CONSUL_HTTP_TOKEN_FILE"],
    section: "http",
    target: { http: "tokenFile" },
    usage: "Path of a file holding the ACL token; surrounding whitespace is " +
      "ignored. Takes precedence over -token. Environment: CONSUL_HTTP_TOKEN_FILE.",
  },
  {
    name: "ca-file",
    kind: "string",
    default: "",
    env: ["CONSUL_CACERT"],
    section: "http",
    target: { http: "caFile" },
    usage: "Path of a PEM bundle of CA certificates that the agent's HTTPS " +
      "certificate must chain to. Also the CA for TLS to the xDS server when " +
      "-grpc-ca-file and -grpc-ca-path are unset. Environment: CONSUL_CACERT.",
  },
  {
    name: "ca-path",
    kind: "string",
    default: "",
    env: ["CONSUL_CAPATH"],
    section: "http",
    target: { http: "caPath" },
    usage: "Path of a directory of PEM CA certificates, used like -ca-file " +
      "when -ca-file is unset. Environment: CONSUL_CAPATH.",
  },
  {
    name: "client-cert",
    kind: "string",
    default: "",
    env: ["CONSUL_CLIENT_CERT"],
    section: "http",
    target: { http: "clientCert" },
    usage: "Path of a PEM client certificate presented to the agent over " +
      "HTTPS; needs -client-key. Environment: CONSUL_CLIENT_CERT.",
  },
  {
    name: "client-key",
    kind: "string",
    default: "",
    env: ["CONSUL_CLIENT_KEY"],
    section: "http",
    target: { http: "clientKey" },
    usage: "Path of the PEM private key belonging to -client-cert. " +
      "Environment: CONSUL_CLIENT_KEY.",
  },
  {
    name: "tls-server-name",
    kind: "string",
    default: "",
    env: ["CONSUL_TLS_SERVER_NAME"],
    section: "http",
    target: { http: "tlsServerName" },
    usage: "Server name sent via SNI and checked against the agent's " +
      "certificate, instead of the host of -http-addr; a :port suffix is " +
      "ignored. Environment: CONSUL_TLS_SERVER_NAME.",
  },
  {
    name: "namespace",
    kind: "string",
    default: "",
    env: ["CONSUL_NAMESPACE"],
    section: "command",
    target: { http: "namespace" },
    usage: "Consul Enterprise namespace of the proxy service; unset means " +
      "the namespace of the token. Environment: CONSUL_NAMESPACE.",
  },
  {
    name: "partition",
    kind: "string",
    default: "",
    env: ["CONSUL_PARTITION"],
    section: "command",
    target: { http: "partition" },
    usage: "Consul Enterprise admin partition of the proxy service; unset " +
      "means the partition of the token. Environment: CONSUL_PARTITION.",
  },

  // --- Command flags (those of `consul connect envoy`) ---
  {
    name: "proxy-id",
    kind: "string",
    default: "",
    env: ["CONNECT_PROXY_ID", "CONSUL_PROXY_ID"],
    section: "command",
    target: { options: "proxyId" },
    usage: "Service ID of the proxy instance registered on the agent; it is " +
      "also Envoy's node ID. Sources in order of precedence: -proxy-id, " +
      "CONNECT_PROXY_ID, CONSUL_PROXY_ID.",
  },
  {
    name: "sidecar-for",
    kind: "string",
    default: "",
    env: ["CONNECT_SIDECAR_FOR"],
    section: "command",
    target: { options: "sidecarFor" },
    usage: "Service instance `ID` whose sidecar proxy to run; the proxy ID is " +
      "looked up on the agent. Fails unless exactly one sidecar is registered " +
      "for it. Environment: CONNECT_SIDECAR_FOR.",
  },
  {
    name: "node-name",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "nodeName" },
    usage: "Experimental: look the proxy up in the catalog on this node " +
      "instead of on the local agent. Needs -proxy-id.",
  },
  {
    name: "gateway",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "gateway" },
    usage: "Run a gateway of this `kind`: api, mesh, terminating or ingress. " +
      "Without -proxy-id, the gateway is found by its service name (-service).",
  },
  {
    name: "mesh-gateway",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "meshGateway" },
    usage: "Deprecated spelling of -gateway=mesh; cannot be combined with -gateway.",
  },
  {
    name: "register",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "register" },
    usage: "Register the gateway service with the local agent before " +
      "generating its configuration. Gateways only.",
  },
  {
    name: "service",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "service" },
    usage: "Service name of the gateway to register or look up. Defaults to " +
      "the gateway kind, such as mesh-gateway.",
  },
  {
    name: "address",
    kind: "value",
    default: "",
    section: "command",
    target: { options: "address" },
    usage: "LAN address registered for the gateway: an IP, host:port, " +
      "[ipv6]:port or a go-sockaddr template such as {{ GetPrivateIP }}. " +
      "The port defaults to 8443.",
  },
  {
    name: "wan-address",
    kind: "value",
    default: "",
    section: "command",
    target: { options: "wanAddress" },
    usage: "WAN address registered for the gateway, in the same forms as " +
      "-address. The port defaults to 8443.",
  },
  {
    name: "bind-address",
    kind: "list",
    default: "",
    section: "command",
    target: { options: "bindAddresses" },
    check: checkBindAddress,
    usage: "Explicit bind address of one Envoy listener of a registered " +
      "gateway, as name=address with the address in the forms of -address. " +
      "Repeat the flag for several listeners.",
  },
  {
    name: "expose-servers",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "exposeServers" },
    usage: "Mark a registered mesh gateway as exposing the Consul servers " +
      "for WAN federation. Needs -gateway=mesh and -register.",
  },
  {
    name: "deregister-after-critical",
    kind: "string",
    default: "6h",
    section: "command",
    target: { options: "deregisterAfterCritical" },
    check: checkGoDuration,
    usage: "How long the health check of a registered gateway may stay " +
      "critical before the agent removes the service. Passed to the agent " +
      "as given. Defaults to 6h.",
  },
  {
    name: "admin-bind",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "adminBind" },
    usage: "The `host:port` of Envoy's admin listener. Defaults to " +
      "localhost:19000, or [::1]:19000 when the agent is dual-stack.",
  },
  {
    name: "admin-access-log-path",
    kind: "string",
    default: NULL_DEVICE_MARK,
    section: "command",
    target: { options: "adminAccessLogPath" },
    usage: "Deprecated: configure access logs in proxy-defaults instead. " +
      `Path of the access log of Envoy's admin listener. Defaults to ${NULL_DEVICE_MARK}.`,
  },
  {
    name: "bootstrap",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "bootstrap" },
    usage: "Print the bootstrap JSON on stdout and exit instead of running Envoy.",
  },
  {
    name: "no-central-config",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "noCentralConfig" },
    usage: "Ignore the Config map of the proxy registration: no envoy_* " +
      "settings from central configuration are applied.",
  },
  {
    name: "grpc-addr",
    kind: "string",
    default: "",
    env: ["CONSUL_GRPC_ADDR"],
    section: "command",
    target: { options: "grpcAddr" },
    usage: "Address of the agent's xDS (gRPC) server: host:port, " +
      "http://host:port, https://host:port (TLS) or unix:///path. Discovered " +
      "from the agent when unset. Environment: CONSUL_GRPC_ADDR.",
  },
  {
    name: "grpc-ca-file",
    kind: "string",
    default: "",
    env: ["CONSUL_GRPC_CACERT"],
    section: "command",
    target: { options: "grpcCaFile" },
    usage: "Path of a PEM CA bundle that Envoy uses to verify the xDS " +
      "server; its content is embedded in the bootstrap. " +
      "Environment: CONSUL_GRPC_CACERT.",
  },
  {
    name: "grpc-ca-path",
    kind: "string",
    default: "",
    env: ["CONSUL_GRPC_CAPATH"],
    section: "command",
    target: { options: "grpcCaPath" },
    usage: "Path of a directory of PEM CA certificates, used like " +
      "-grpc-ca-file when that is unset. Environment: CONSUL_GRPC_CAPATH.",
  },
  {
    name: "envoy-binary",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "envoyBinary" },
    usage: "The `path` of the Envoy executable to run. When unset, envoy is " +
      "searched for on PATH. Not used with -bootstrap.",
  },
  {
    name: "envoy-version",
    kind: "string",
    default: DEFAULT_ENVOY_VERSION,
    section: "command",
    target: { options: "envoyVersion" },
    usage: "Legacy, accepted and ignored: the Envoy version is read from " +
      `the binary itself. Defaults to ${DEFAULT_ENVOY_VERSION}.`,
  },
  {
    name: "ignore-envoy-compatibility",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "ignoreEnvoyCompatibility" },
    usage: "Run Envoy even when its version is outside the range this " +
      "release supports, skipping the envoy --version check.",
  },
  {
    name: "envoy-ready-bind-address",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "envoyReadyBindAddress" },
    usage: "Address of an extra Envoy listener answering /ready, for " +
      "readiness probes. Used only together with -envoy-ready-bind-port.",
  },
  {
    name: "envoy-ready-bind-port",
    kind: "int",
    default: 0,
    section: "command",
    target: { options: "envoyReadyBindPort" },
    usage: "Port of the /ready listener. Used only together with " +
      "-envoy-ready-bind-address.",
  },
  {
    name: "omit-deprecated-tags",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "omitDeprecatedTags" },
    usage: "Leave out the legacy consul.* stats tag rules that older " +
      "dashboards rely on.",
  },
  {
    name: "prometheus-backend-port",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "prometheusBackendPort" },
    usage: "Route Prometheus scrapes to a local backend on this `port` (the " +
      "prometheus_backend cluster) instead of Envoy's admin listener.",
  },
  {
    name: "prometheus-scrape-path",
    kind: "string",
    default: "/metrics",
    section: "command",
    target: { options: "prometheusScrapePath" },
    usage: "HTTP `path` at which the Prometheus listener serves metrics. " +
      "Defaults to /metrics.",
  },
  {
    name: "prometheus-ca-file",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "prometheusCaFile" },
    usage: "Path of a PEM CA bundle for TLS on the Prometheus listener. " + PROMETHEUS_TLS,
  },
  {
    name: "prometheus-ca-path",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "prometheusCaPath" },
    usage: "Path of a directory of PEM CA certificates for TLS on the " +
      "Prometheus listener; wins over -prometheus-ca-file. " + PROMETHEUS_TLS,
  },
  {
    name: "prometheus-cert-file",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "prometheusCertFile" },
    usage: "Path of the PEM certificate the Prometheus listener serves. " + PROMETHEUS_TLS,
  },
  {
    name: "prometheus-key-file",
    kind: "string",
    default: "",
    section: "command",
    target: { options: "prometheusKeyFile" },
    usage: "Path of the PEM private key of -prometheus-cert-file. " + PROMETHEUS_TLS,
  },
  {
    name: "enable-config-gen-logging",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "enableConfigGenLogging" },
    usage: "Write debug log lines to stderr while the configuration is generated.",
  },

  // --- connect-envoy additions ---
  {
    name: "version",
    kind: "bool",
    default: false,
    section: "command",
    target: { version: true },
    usage: "Print the connect-envoy version and exit.",
  },
  {
    name: "wait-for-registration",
    kind: "duration",
    default: 0,
    section: "command",
    target: { options: "waitForRegistrationMs" },
    check: checkNonNegativeDuration,
    usage: "Wait up to this `duration` (such as 30s or 1m30s) for the proxy " +
      "to appear on the agent instead of failing at once. 0 disables waiting.",
  },
  {
    name: "validate",
    kind: "bool",
    default: false,
    section: "command",
    target: { options: "validate" },
    usage: "Check the bootstrap with envoy --mode validate before starting " +
      "Envoy, and stop if Envoy rejects it.",
  },
  ...SUPERVISE_FLAGS,
];

/** The usage text of `spec` with the null-device marker resolved for `os`. */
export function usageFor(spec: FlagSpec, os: string): string {
  return spec.usage.replaceAll(NULL_DEVICE_MARK, nullDevice(os));
}

/** The default of `spec` for `os` (resolves the null-device marker). */
export function defaultFor(spec: FlagSpec, os: string): string | boolean | number {
  return spec.default === NULL_DEVICE_MARK ? nullDevice(os) : spec.default;
}

/** The first non-empty value among `spec.env` in `env`, if any. */
export function envFallback(
  spec: FlagSpec,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  for (const name of spec.env ?? []) {
    const v = env[name];
    if (v !== undefined && v !== "") return v;
  }
  return undefined;
}
