/**
 * The bad-input corpus: one row per input that must fail cleanly (exit 1,
 * one line on stderr naming the flag/key/file/address, empty stdout, no
 * stack trace, no secret). Run by `corpus_test.ts`.
 *
 * Placeholders in `args`, `env` values and `mention`: `{agent}` = the fake
 * agent's `127.0.0.1:<port>`, `{dir}` = the case's scratch directory,
 * `{dead}` = a loopback address nothing listens on.
 *
 * Every case runs with `CONSUL_HTTP_ADDR={agent}` and
 * `CONSUL_HTTP_TOKEN=<TOKENS.env>` unless its `env` overrides them.
 *
 * @module
 */

import type { ScratchFile } from "./harness.ts";
import { TOKENS } from "./harness.ts";
import { AGENTS, configProxy } from "./corpus_agents.ts";
import { PROXY_CONFIG_KEYS } from "../../src/bootstrap/proxy_config.ts";

/** Effect overrides for in-process runs (not applicable to the subprocess). */
export type InProcessTweak =
  /** The agent client gets a 400 ms request timeout (the real default is 30 s). */
  | "shortTimeout"
  /** Reading any file under the scratch dir fails with permission denied (root ignores modes). */
  | "denyScratchRead";

/** One bad input. */
export interface CorpusCase {
  /** Unique, says what is wrong. */
  name: string;
  /** Area, for grouping in the report. */
  area: "flag" | "combination" | "env" | "file" | "agent" | "config" | "template";
  /** Fake agent (key of `AGENTS`); default `demo`. */
  agent?: keyof typeof AGENTS;
  args: string[];
  env?: Record<string, string>;
  /** Files created in the scratch dir before the run. */
  files?: Record<string, ScratchFile>;
  /** Substring the error line must contain. */
  mention: string;
  /** Only for `-h=…`: Go's usage block is printed (every other failure is one line). */
  usage?: boolean;
  /** Also run through the real subprocess (the binary's permissions). */
  subprocess?: boolean;
  /** In-process only: effect override. */
  tweak?: InProcessTweak;
}

/** Tag rows (written without `area`) with their area. */
function inArea(area: CorpusCase["area"], rows: Omit<CorpusCase, "area">[]): CorpusCase[] {
  return rows.map((r) => ({ ...r, area }));
}

const B = "-bootstrap";
const SIDECAR = ["-bootstrap", "-sidecar-for", "web"];
const PROXY = ["-bootstrap", "-proxy-id", "web-sidecar-proxy"];
/** Puts the flag token on the command line in front of the real arguments. */
const T = ["-token", TOKENS.flag];

const flagCases: CorpusCase[] = [
  ["unknown flag", [...T, B, "-sidecar-fro", "web"], "flag provided but not defined: -sidecar-fro"],
  [
    "unknown double-dash flag",
    [...T, "--bogus", ...SIDECAR],
    "flag provided but not defined: -bogus",
  ],
  ["consul -datacenter does not exist here", ["-datacenter", "dc2", ...SIDECAR], "-datacenter"],
  ["consul -stale does not exist here", ["-stale", ...SIDECAR], "-stale"],
  ["consul -peer does not exist here", ["-peer", "p", ...SIDECAR], "-peer"],
  ["flag names are case-sensitive", ["-Proxy-id", "x", B], "-Proxy-id"],
  ["three dashes", [...T, "---proxy-id", "web", B], "bad flag syntax: ---proxy-id"],
  ["empty flag name", ["-=x", ...SIDECAR], "bad flag syntax: -=x"],
  ["-proxy-id without value", [...T, B, "-proxy-id"], "flag needs an argument: -proxy-id"],
  ["-sidecar-for without value", [B, "-sidecar-for"], "flag needs an argument: -sidecar-for"],
  ["-token without value", [B, "-sidecar-for", "web", "-token"], "flag needs an argument: -token"],
  ["-token-file without value", [...SIDECAR, "-token-file"], "flag needs an argument: -token-file"],
  ["-http-addr without value", [...SIDECAR, "-http-addr"], "flag needs an argument: -http-addr"],
  ["-admin-bind without value", [...SIDECAR, "-admin-bind"], "flag needs an argument: -admin-bind"],
  [
    "-wait-for-registration without value",
    [...SIDECAR, "-wait-for-registration"],
    "flag needs an argument: -wait-for-registration",
  ],
  [
    "duration without unit",
    [...T, ...SIDECAR, "-wait-for-registration", "5"],
    "-wait-for-registration",
  ],
  [
    "duration with unknown unit",
    [...SIDECAR, "-wait-for-registration", "5parsecs"],
    "-wait-for-registration",
  ],
  ["negative duration", [...SIDECAR, "-wait-for-registration", "-1s"], "-wait-for-registration"],
  ["empty duration", [...SIDECAR, "-wait-for-registration="], "-wait-for-registration"],
  [
    "duration in exponent form",
    [...SIDECAR, "-wait-for-registration", "1e3s"],
    "-wait-for-registration",
  ],
  [
    "overflowing duration",
    [...SIDECAR, "-wait-for-registration", "9999999999h"],
    "-wait-for-registration",
  ],
  [
    "non-numeric port",
    [...T, ...SIDECAR, "-envoy-ready-bind-port", "abc"],
    "-envoy-ready-bind-port",
  ],
  [
    "port out of 64-bit range",
    [...SIDECAR, "-envoy-ready-bind-port", "99999999999999999999"],
    "-envoy-ready-bind-port",
  ],
  ["fractional port", [...SIDECAR, "-envoy-ready-bind-port", "1.5"], "-envoy-ready-bind-port"],
  ["empty port", [...SIDECAR, "-envoy-ready-bind-port="], "-envoy-ready-bind-port"],
  [
    "bad boolean for -bootstrap",
    ["-bootstrap=maybe", "-sidecar-for", "web"],
    'invalid boolean value "maybe" for -bootstrap',
  ],
  ["bad boolean for -register", [...SIDECAR, "-register=yes"], "-register"],
  ["bad boolean for -validate", [...SIDECAR, "-validate=2"], "-validate"],
  ["bad boolean for -version", ["-version=please"], "-version"],
  ["-h=1 asks for help through the parser", ["-h=1", ...SIDECAR], "Usage:"],
  ["-address with bad port", [...T, ...SIDECAR, "-address", "1.2.3.4:notaport"], "-address"],
  ["-address with too many colons", [...SIDECAR, "-address", "a:b:c"], "-address"],
  [
    "-wan-address hostname without port",
    [...SIDECAR, "-wan-address", "gateway.example"],
    "-wan-address",
  ],
  ["-bind-address without =", [...SIDECAR, "-bind-address", "noequals"], "-bind-address"],
  ["-bind-address with bad port", [...SIDECAR, "-bind-address", "lan=1.2.3.4:x"], "-bind-address"],
].map(([name, args, mention]) => ({
  name: name as string,
  area: "flag" as const,
  args: args as string[],
  mention: mention as string,
  // `-h=…` reaches the parser as a help request: Go's usage block, exit 1.
  usage: name === "-h=1 asks for help through the parser",
}));

for (const name of ["unknown flag", "duration without unit", "non-numeric port", "three dashes"]) {
  flagCases.find((c) => c.name === name)!.subprocess = true;
}

const combinationCases: CorpusCase[] = inArea("combination", [
  { name: "no proxy ID at all", args: [...T, B], mention: "-proxy-id, -sidecar-for, or -gateway" },
  { name: "-node-name without -proxy-id", args: [B, "-node-name", "n1"], mention: "'-node-name'" },
  {
    name: "-mesh-gateway with -gateway",
    args: [B, "-mesh-gateway", "-gateway", "mesh"],
    mention: "mesh-gateway flag",
  },
  {
    name: "unknown gateway kind",
    args: [B, "-gateway", "egress"],
    mention: "Gateway must be one of",
  },
  {
    name: "gateway kinds are case-sensitive",
    args: [B, "-gateway", "Mesh"],
    mention: "Gateway must be one of",
  },
  {
    name: "-expose-servers on an ingress gateway",
    args: [B, "-gateway", "ingress", "-expose-servers"],
    mention: "'-expose-servers'",
  },
  {
    name: "-expose-servers without -register",
    args: [B, "-gateway", "mesh", "-expose-servers"],
    mention: "'-expose-servers' requires '-register'",
  },
  {
    name: "-register for a sidecar",
    args: [...PROXY, "-register"],
    mention: "Auto-Registration can only be used for gateways",
  },
  {
    name: "-register with -node-name",
    args: [B, "-gateway", "mesh", "-register", "-node-name", "n1", "-proxy-id", "x"],
    mention: "'-register' cannot be used with '-node-name'",
  },
  {
    name: "incomplete prometheus TLS",
    args: [...SIDECAR, "-prometheus-key-file", "/k.pem"],
    mention: "-prometheus-cert-file",
  },
  {
    name: "-admin-bind without port",
    args: [...T, ...SIDECAR, "-admin-bind", "nocolon"],
    mention: "nocolon",
    subprocess: true,
  },
  {
    name: "-admin-bind with bad port",
    args: [...SIDECAR, "-admin-bind", "127.0.0.1:abc"],
    mention: "abc",
  },
  {
    name: "-admin-bind with too many colons",
    args: [...SIDECAR, "-admin-bind", "::1:19000"],
    mention: "::1:19000",
  },
  {
    name: "-grpc-addr without port",
    args: [...SIDECAR, "-grpc-addr", "nocolon"],
    mention: "nocolon",
  },
  {
    name: "-grpc-addr with bad port",
    args: [...SIDECAR, "-grpc-addr", "localhost:port"],
    mention: "port",
  },
  {
    name: "-grpc-addr https without any CA",
    args: [...SIDECAR, "-grpc-addr", "https://127.0.0.1:8503"],
    mention: "CA certificates",
  },
  {
    name: "-prometheus-backend-port not a number",
    args: [
      B,
      "-proxy-id",
      configProxy("prom-listener", { envoy_prometheus_bind_addr: "0.0.0.0:9102" }),
      "-prometheus-backend-port",
      "abc",
    ],
    mention: "-prometheus-backend-port",
  },
  {
    name: "ready listener on an out-of-range port",
    args: [...SIDECAR, "-envoy-ready-bind-address", "127.0.0.1", "-envoy-ready-bind-port", "70000"],
    mention: "ready",
  },
  {
    name: "-http-addr with unknown scheme",
    args: [...SIDECAR, "-http-addr", "ftp://x:1"],
    mention: "ftp",
  },
  {
    name: "-tls-server-name with too many colons",
    args: [...SIDECAR, "-tls-server-name", "a:b:c"],
    mention: "a:b:c",
  },
]);

const envCases: CorpusCase[] = inArea("env", [
  {
    name: "CONSUL_HTTP_ADDR with unknown scheme",
    args: SIDECAR,
    env: { CONSUL_HTTP_ADDR: "ftp://127.0.0.1:8500" },
    mention: "Unknown protocol scheme: ftp",
    subprocess: true,
  },
  {
    name: "CONSUL_HTTP_ADDR unix:// without a path",
    args: SIDECAR,
    env: { CONSUL_HTTP_ADDR: "unix://" },
    mention: "unix://",
  },
  {
    name: "CONSUL_HTTP_ADDR with a non-numeric port",
    args: PROXY,
    env: { CONSUL_HTTP_ADDR: "127.0.0.1:notaport" },
    mention: "127.0.0.1:notaport",
  },
  {
    name: "CONSUL_HTTP_ADDR with a port out of range",
    args: PROXY,
    env: { CONSUL_HTTP_ADDR: "127.0.0.1:99999" },
    mention: "127.0.0.1:99999",
  },
  {
    name: "CONSUL_HTTP_ADDR with an unterminated IPv6 bracket",
    args: PROXY,
    env: { CONSUL_HTTP_ADDR: "[::1:8500" },
    mention: "[::1:8500",
  },
  {
    name: "CONSUL_HTTP_ADDR http:// with no host",
    args: PROXY,
    env: { CONSUL_HTTP_ADDR: "http://" },
    mention: "http://",
  },
  {
    name: "CONSUL_HTTP_ADDR that is only spaces",
    args: PROXY,
    env: { CONSUL_HTTP_ADDR: "   " },
    mention: "http://   /v1/agent/self",
  },
  {
    name: "CONSUL_HTTP_ADDR on a dead port",
    args: [...T, ...PROXY],
    env: { CONSUL_HTTP_ADDR: "{dead}" },
    mention: "{dead}",
    subprocess: true,
  },
  {
    name: "CONSUL_HTTP_ADDR with credentials in the URL, agent dead",
    args: PROXY,
    env: { CONSUL_HTTP_ADDR: `http://admin:${TOKENS.authPassword}@{dead}` },
    mention: "{dead}",
  },
  {
    name: "CONSUL_HTTP_ADDR unix socket that does not exist",
    args: PROXY,
    env: { CONSUL_HTTP_ADDR: "unix://{dir}/no-agent.sock" },
    mention: "{dir}/no-agent.sock",
    subprocess: true,
  },
  {
    name: "CONSUL_HTTP_ADDR https to a plain-HTTP agent",
    args: PROXY,
    env: { CONSUL_HTTP_ADDR: "https://{agent}" },
    mention: "{agent}",
  },
  {
    name: "CONSUL_HTTP_SSL=true against a plain-HTTP agent",
    args: PROXY,
    env: { CONSUL_HTTP_SSL: "true" },
    mention: "{agent}",
  },
  {
    name: "CONSUL_HTTP_SSL_VERIFY=maybe (fail closed)",
    args: PROXY,
    env: { CONSUL_HTTP_SSL_VERIFY: "maybe" },
    mention: "CONSUL_HTTP_SSL_VERIFY",
    subprocess: true,
  },
  {
    name: "CONSUL_HTTP_SSL_VERIFY=yes (not a Go boolean)",
    args: PROXY,
    env: { CONSUL_HTTP_SSL_VERIFY: "yes" },
    mention: "CONSUL_HTTP_SSL_VERIFY",
  },
  {
    name: "CONSUL_GRPC_ADDR without port",
    args: SIDECAR,
    env: { CONSUL_GRPC_ADDR: "grpc-host" },
    mention: "grpc-host",
  },
  {
    name: "CONSUL_CLIENT_CERT without CONSUL_CLIENT_KEY",
    args: SIDECAR,
    env: { CONSUL_CLIENT_CERT: "{dir}/cert.pem" },
    files: { "cert.pem": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" },
    mention: "client key",
  },
  {
    name: "CONSUL_TLS_SERVER_NAME with too many colons",
    args: SIDECAR,
    env: { CONSUL_TLS_SERVER_NAME: "x:y:z" },
    mention: "x:y:z",
  },
  {
    name: "CONNECT_PROXY_ID names an unknown service",
    args: [B],
    env: { CONNECT_PROXY_ID: "no-such-proxy" },
    mention: "no-such-proxy",
  },
  {
    name: "CONNECT_SIDECAR_FOR names a service without a sidecar",
    args: [B],
    env: { CONNECT_SIDECAR_FOR: "nobody" },
    mention: "No sidecar proxy registered for nobody",
  },
  {
    name: "token only in CONSUL_PROXY_TOKEN, agent echoes it",
    agent: "sidecar-echoes-proxy-token",
    args: PROXY,
    env: { CONSUL_HTTP_TOKEN: "", CONSUL_PROXY_TOKEN: TOKENS.proxy },
    mention: "failed fetch proxy config from local agent",
  },
  {
    name: "CONSUL_HTTP_AUTH password echoed by the agent",
    agent: "sidecar-echoes-password",
    args: PROXY,
    env: { CONSUL_HTTP_AUTH: `admin:${TOKENS.authPassword}` },
    mention: "failed fetch proxy config from local agent",
  },
]);

const NOT_PEM = "this is not a certificate\n";

const fileCases: CorpusCase[] = inArea("file", [
  {
    name: "-token-file missing",
    args: [...SIDECAR, "-token-file", "{dir}/missing.token"],
    mention: "{dir}/missing.token",
    subprocess: true,
  },
  {
    name: "-token-file is a directory",
    args: [...SIDECAR, "-token-file", "{dir}/tokdir"],
    files: { tokdir: { dir: true } },
    mention: "{dir}/tokdir",
    subprocess: true,
  },
  {
    name: "-token-file unreadable",
    args: [...SIDECAR, "-token-file", "{dir}/locked.token"],
    files: { "locked.token": { text: TOKENS.file, mode: 0o000 } },
    mention: "{dir}/locked.token",
    tweak: "denyScratchRead",
  },
  {
    name: "CONSUL_HTTP_TOKEN_FILE missing",
    args: SIDECAR,
    env: { CONSUL_HTTP_TOKEN_FILE: "{dir}/gone.token" },
    mention: "{dir}/gone.token",
  },
  {
    name: "CONSUL_HTTP_TOKEN_FILE is a directory",
    args: SIDECAR,
    env: { CONSUL_HTTP_TOKEN_FILE: "{dir}" },
    mention: "{dir}",
  },
  {
    name: "token file with trailing newline, agent echoes the trimmed token",
    agent: "sidecar-echoes-file-token",
    args: [...PROXY, "-token-file", "{dir}/nl.token"],
    files: { "nl.token": `${TOKENS.file}\n` },
    mention: "failed fetch proxy config from local agent",
    subprocess: true,
  },
  {
    name: "CONSUL_HTTP_TOKEN_FILE with CRLF, agent echoes the trimmed token",
    agent: "sidecar-echoes-envfile-token",
    args: PROXY,
    env: { CONSUL_HTTP_TOKEN_FILE: "{dir}/crlf.token" },
    files: { "crlf.token": `  ${TOKENS.envFile}\r\n` },
    mention: "failed fetch proxy config from local agent",
  },
  {
    name: "empty token file falls back to the env token, agent echoes it",
    agent: "sidecar-echoes-env-token",
    args: [...PROXY, "-token-file", "{dir}/empty.token"],
    files: { "empty.token": "" },
    mention: "failed fetch proxy config from local agent",
  },
  {
    name: "whitespace-only token file, agent answers 500",
    agent: "sidecar-500",
    args: [...PROXY, "-token-file", "{dir}/blank.token"],
    files: { "blank.token": " \n\t\n" },
    mention: "Unexpected response code: 500",
  },
  {
    name: "-ca-file missing",
    args: [...SIDECAR, "-ca-file", "{dir}/missing-ca.pem"],
    mention: "{dir}/missing-ca.pem",
    subprocess: true,
  },
  {
    name: "-ca-file is a directory",
    args: [...SIDECAR, "-ca-file", "{dir}/cadir"],
    files: { cadir: { dir: true } },
    mention: "{dir}/cadir",
  },
  {
    name: "-ca-file empty",
    args: [...SIDECAR, "-ca-file", "{dir}/empty.pem"],
    files: { "empty.pem": "" },
    mention: "{dir}/empty.pem",
  },
  {
    name: "-ca-file not PEM",
    args: [...SIDECAR, "-ca-file", "{dir}/junk.pem"],
    files: { "junk.pem": NOT_PEM },
    mention: "{dir}/junk.pem",
  },
  {
    name: "-ca-file unreadable",
    args: [...SIDECAR, "-ca-file", "{dir}/locked-ca.pem"],
    files: { "locked-ca.pem": { text: NOT_PEM, mode: 0o000 } },
    mention: "{dir}/locked-ca.pem",
    tweak: "denyScratchRead",
  },
  {
    name: "-ca-path missing",
    args: [...SIDECAR, "-ca-path", "{dir}/no-such-dir"],
    mention: "{dir}/no-such-dir",
  },
  {
    name: "-ca-path holding a non-PEM file",
    args: [...SIDECAR, "-ca-path", "{dir}/cas"],
    files: { cas: { dir: true }, "cas/readme.txt": NOT_PEM },
    mention: "{dir}/cas/readme.txt",
  },
  {
    name: "CONSUL_CACERT missing",
    args: SIDECAR,
    env: { CONSUL_CACERT: "{dir}/env-ca.pem" },
    mention: "{dir}/env-ca.pem",
  },
  {
    name: "-client-cert and -client-key missing",
    args: [...SIDECAR, "-client-cert", "{dir}/c.pem", "-client-key", "{dir}/k.pem"],
    mention: "{dir}/c.pem",
  },
  {
    name: "-client-cert and -client-key not PEM",
    args: [...SIDECAR, "-client-cert", "{dir}/c.pem", "-client-key", "{dir}/k.pem"],
    files: { "c.pem": NOT_PEM, "k.pem": NOT_PEM },
    // Go's tls.LoadX509KeyPair wording, reported verbatim like Consul.
    mention: "failed to find any PEM data in certificate input",
  },
  {
    name: "-client-key without -client-cert",
    args: [...SIDECAR, "-client-key", "{dir}/k.pem"],
    files: { "k.pem": NOT_PEM },
    mention: "client cert",
  },
  {
    name: "-grpc-ca-file missing",
    args: [...SIDECAR, "-grpc-addr", "https://127.0.0.1:8503", "-grpc-ca-file", "{dir}/g.pem"],
    mention: "{dir}/g.pem",
    subprocess: true,
  },
  {
    name: "-grpc-ca-file is a directory (Consul does not PEM-check CA contents)",
    args: [...SIDECAR, "-grpc-addr", "https://127.0.0.1:8503", "-grpc-ca-file", "{dir}/gd"],
    files: { gd: { dir: true } },
    mention: "{dir}/gd",
  },
  {
    name: "-grpc-ca-path missing",
    args: [...SIDECAR, "-grpc-addr", "https://127.0.0.1:8503", "-grpc-ca-path", "{dir}/nope"],
    mention: "{dir}/nope",
  },
  {
    name: "CONSUL_GRPC_CACERT is a directory",
    args: [...SIDECAR, "-grpc-addr", "https://127.0.0.1:8503"],
    env: { CONSUL_GRPC_CACERT: "{dir}/gdir" },
    files: { gdir: { dir: true } },
    mention: "{dir}/gdir",
  },
]);

const agentCases: CorpusCase[] = inArea("agent", [
  {
    name: "dead agent, sidecar lookup",
    args: [...T, ...SIDECAR],
    env: { CONSUL_HTTP_ADDR: "{dead}" },
    mention: "{dead}",
    subprocess: true,
  },
  {
    name: "/v1/agent/self 500",
    agent: "self-500",
    args: PROXY,
    mention: "Unexpected response code: 500",
    subprocess: true,
  },
  {
    name: "/v1/agent/self 401",
    agent: "self-401",
    args: PROXY,
    mention: "Unexpected response code: 401",
  },
  {
    name: "/v1/agent/self 404",
    agent: "self-404",
    args: PROXY,
    mention: "Unexpected response code: 404",
  },
  {
    name: "/v1/agent/self not JSON",
    agent: "self-not-json",
    args: PROXY,
    mention: "dual stack",
    subprocess: true,
  },
  {
    name: "/v1/agent/self not JSON, over two lines",
    agent: "self-not-json-multiline",
    args: PROXY,
    mention: "dual stack",
  },
  { name: "/v1/agent/self an array", agent: "self-array", args: PROXY, mention: "dual stack" },
  { name: "/v1/agent/self a string", agent: "self-string", args: PROXY, mention: "dual stack" },
  { name: "/v1/agent/self truncated", agent: "self-truncated", args: PROXY, mention: "dual stack" },
  { name: "BindAddr not an IP", agent: "self-bad-bindaddr", args: PROXY, mention: "not-an-ip" },
  {
    name: "Config an array, xDS a string",
    agent: "self-config-array",
    args: PROXY,
    mention: '"Config"',
  },
  {
    name: "xDS port of the wrong type",
    agent: "self-xds-wrong-type",
    args: PROXY,
    mention: "xDS port",
  },
  {
    name: "agent has gRPC disabled",
    agent: "self-grpc-disabled",
    args: PROXY,
    mention: "grpc disabled",
  },
  { name: "GRPCPort a string", agent: "self-grpc-string", args: PROXY, mention: "grpc port" },
  {
    name: "services 500",
    agent: "services-500",
    args: SIDECAR,
    mention: "sidecar proxy info for web",
    subprocess: true,
  },
  {
    name: "services 403",
    agent: "services-403",
    args: SIDECAR,
    mention: "Unexpected response code: 403",
  },
  {
    name: "services not JSON",
    agent: "services-not-json",
    args: SIDECAR,
    mention: "sidecar proxy info for web",
  },
  {
    name: "services an array",
    agent: "services-array",
    args: SIDECAR,
    mention: "sidecar proxy info for web",
  },
  {
    name: "services with a number for a service",
    agent: "services-wrong-values",
    args: SIDECAR,
    mention: "sidecar proxy info for web",
  },
  {
    name: "services with a numeric Kind",
    agent: "services-kind-number",
    args: SIDECAR,
    mention: "sidecar proxy info for web",
  },
  {
    name: "sidecar has the wrong Kind",
    args: [B, "-sidecar-for", "lonely"],
    mention: "No sidecar proxy registered for lonely",
  },
  {
    name: "proxy registration 401",
    agent: "sidecar-401",
    args: PROXY,
    mention: "Unexpected response code: 401",
  },
  {
    name: "proxy registration 403",
    agent: "sidecar-403",
    args: PROXY,
    mention: "Unexpected response code: 403",
    subprocess: true,
  },
  {
    name: "proxy registration 404",
    agent: "sidecar-404",
    args: PROXY,
    mention: "Unexpected response code: 404",
  },
  {
    name: "proxy registration 500",
    agent: "sidecar-500",
    args: SIDECAR,
    mention: "Unexpected response code: 500",
  },
  {
    name: "proxy registration 503 with a multi-line body",
    agent: "sidecar-503-multiline",
    args: PROXY,
    mention: "Unexpected response code: 503",
  },
  {
    name: "proxy registration not JSON",
    agent: "sidecar-not-json",
    args: PROXY,
    mention: "failed fetch proxy config",
    subprocess: true,
  },
  {
    name: "proxy registration an array",
    agent: "sidecar-array",
    args: PROXY,
    mention: "failed fetch proxy config",
  },
  { name: "proxy registration null", agent: "sidecar-null", args: PROXY, mention: "proxy" },
  {
    name: "proxy registration empty body",
    agent: "sidecar-empty-body",
    args: PROXY,
    mention: "failed fetch proxy config",
  },
  {
    name: "Proxy a number",
    agent: "sidecar-proxy-number",
    args: PROXY,
    mention: "not a Connect proxy or gateway",
  },
  {
    name: "Proxy a string",
    agent: "proxy-is-string",
    args: [B, "-proxy-id", "proxy-is-string"],
    mention: "not a Connect proxy or gateway",
  },
  {
    name: "-proxy-id names a plain service",
    args: [B, "-proxy-id", "app-only"],
    mention: "not a Connect proxy or gateway",
  },
  {
    name: "-proxy-id unknown",
    args: [...T, B, "-proxy-id", "nope"],
    mention: "nope",
    subprocess: true,
  },
  {
    name: "a 17 MiB answer",
    agent: "sidecar-huge",
    args: PROXY,
    mention: "failed fetch proxy config",
  },
  {
    name: "slow agent times out",
    agent: "slow",
    args: PROXY,
    mention: "{agent}",
    tweak: "shortTimeout",
  },
  {
    name: "agent echoes the env token in an error",
    agent: "sidecar-echoes-env-token",
    args: PROXY,
    mention: "Unexpected response code: 403",
  },
  {
    name: "agent echoes the -token in an error",
    agent: "sidecar-echoes-flag-token",
    args: [...PROXY, ...T],
    mention: "Unexpected response code: 403",
    subprocess: true,
  },
  {
    name: "proxy-defaults not JSON",
    agent: "defaults-not-json",
    args: PROXY,
    mention: "proxy-defaults",
  },
  {
    name: "proxy-defaults AccessLogs.Enabled not a bool",
    agent: "defaults-bad-enabled",
    args: PROXY,
    mention: "AccessLogs.Enabled",
  },
  {
    name: "proxy-defaults unknown access log type",
    agent: "defaults-bad-type",
    args: PROXY,
    mention: "carrier-pigeon",
  },
  {
    name: "gateway registration rejected",
    agent: "register-500",
    args: [B, "-gateway", "mesh", "-register"],
    mention: 'Error registering service "mesh-gateway"',
  },
  {
    name: "no gateway of that kind",
    args: [B, "-gateway", "ingress"],
    mention: "No ingress-gateway services registered",
  },
  {
    name: "two gateways of that kind",
    args: [B, "-gateway", "terminating"],
    mention: "terminating-gateway",
  },
  {
    name: "catalog lookup 500",
    agent: "catalog-500",
    args: [B, "-node-name", "demo-node", "-proxy-id", "web-sidecar-proxy"],
    mention: "demo-node",
  },
  {
    name: "catalog answer of the wrong shape",
    agent: "catalog-wrong-shape",
    args: [B, "-node-name", "demo-node", "-proxy-id", "web-sidecar-proxy"],
    mention: "web-sidecar-proxy",
  },
  {
    name: "catalog has no such proxy",
    args: [B, "-node-name", "demo-node", "-proxy-id", "ghost"],
    mention: "ghost",
  },
  {
    name: "catalog has two such proxies",
    agent: "catalog-two",
    args: [B, "-node-name", "demo-node", "-proxy-id", "web-sidecar-proxy"],
    mention: "web-sidecar-proxy",
  },
]);

/** A `-proxy-id` run against a demo proxy whose Config is `config`. */
function configCase(
  area: "config" | "template",
  name: string,
  config: Record<string, unknown>,
  mention: string,
  extra: Partial<CorpusCase> = {},
): CorpusCase {
  const id = configProxy(`cfg-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, config);
  return { name, area, args: [...T, B, "-proxy-id", id], mention, ...extra };
}

const configCases: CorpusCase[] = [];
// Every envoy_* key: an object and an array are not weakly convertible to a string.
for (const { key } of PROXY_CONFIG_KEYS) {
  if (key === "envoy_stats_tags") continue;
  configCases.push(configCase("config", `${key} is an object`, { [key]: { a: 1 } }, `'${key}'`));
  configCases.push(configCase("config", `${key} is an array`, { [key]: [1, "x"] }, `'${key}'`));
}
configCases.push(
  configCase("config", "envoy_stats_tags element is an object", {
    envoy_stats_tags: ["a=b", { c: "d" }],
  }, "'envoy_stats_tags[1]'"),
  configCase("config", "envoy_stats_tags is a non-empty object", {
    envoy_stats_tags: { c: "d" },
  }, "'envoy_stats_tags[0]'"),
  configCase("config", "envoy_stats_tags element is a list", {
    envoy_stats_tags: [["nested"]],
  }, "'envoy_stats_tags[0]'"),
  configCase("config", "upper-case key with an object", { ENVOY_STATSD_URL: { x: 1 } }, "statsd"),
);
// Invalid JSON in every *_json key.
for (const key of PROXY_CONFIG_KEYS.map((k) => k.key).filter((k) => k.endsWith("_json"))) {
  configCases.push(
    configCase("config", `${key} invalid JSON`, { [key]: '{"name": "x",' }, key),
  );
}
configCases.push(
  configCase("config", "envoy_tracing_json garbage over two lines", {
    envoy_tracing_json: "nope\n{}",
  }, "envoy_tracing_json"),
  configCase("config", "envoy_stats_config_json trailing garbage", {
    envoy_stats_config_json: '{"a": 1} }',
  }, "envoy_stats_config_json"),
  configCase("config", "envoy_extra_static_clusters_json with a raw control char", {
    envoy_extra_static_clusters_json: '{"name": "a\u0001b"}',
  }, "envoy_extra_static_clusters_json"),
  configCase("config", "envoy_statsd_url with unsupported protocol", {
    envoy_statsd_url: "tcp://127.0.0.1:8125",
  }, "statsd"),
  configCase("config", "envoy_statsd_url unparsable", { envoy_statsd_url: "udp://[::1" }, "statsd"),
  configCase("config", "envoy_dogstatsd_url without port", {
    envoy_dogstatsd_url: "udp://127.0.0.1",
  }, '"udp://127.0.0.1"'),
  configCase("config", "envoy_dogstatsd_url unix without path", {
    envoy_dogstatsd_url: "unix://",
  }, '"unix://"'),
  configCase("config", "envoy_prometheus_bind_addr without port", {
    envoy_prometheus_bind_addr: "nocolon",
  }, "envoy_prometheus"),
  configCase("config", "envoy_stats_bind_addr with bad port", {
    envoy_stats_bind_addr: "0.0.0.0:abc",
  }, "envoy_metrics"),
  configCase("config", "envoy_prometheus_bind_addr with port out of range", {
    envoy_prometheus_bind_addr: "0.0.0.0:99999",
  }, "envoy_prometheus"),
);

const templateCases: CorpusCase[] = [
  ["template with an unknown field", "{{ .NoSuchField }}", "envoy_bootstrap_json_tpl"],
  ["template that does not parse", '{"a": {{ if }}}', "envoy_bootstrap_json_tpl"],
  ["template with an unclosed action", '{"a": "{{ .ProxyID "}', "envoy_bootstrap_json_tpl"],
  ["template calling an undefined template", '{{ template "nope" }}', "envoy_bootstrap_json_tpl"],
  ["template indexing out of range", "{{ index .ProxyID 99 }}", "envoy_bootstrap_json_tpl"],
  ["template using a removed field", '{"ca": "{{ .AgentCAFile }}"}', "envoy_bootstrap_json_tpl"],
  ["template rendering non-JSON", "not json {{ .ProxyID }}", "envoy_bootstrap_json_tpl"],
  [
    "template rendering truncated JSON with the token",
    '{"t": "{{ .Token }}',
    "envoy_bootstrap_json_tpl",
  ],
  ["template rendering two documents", '{"a": 1}{"b": 2}', "envoy_bootstrap_json_tpl"],
  ["template rendering nothing", "{{/* empty */}}", "envoy_bootstrap_json_tpl"],
].map(([name, tpl, mention]) =>
  configCase("template", name, { envoy_bootstrap_json_tpl: tpl }, mention, {
    subprocess: name === "template that does not parse" || name.includes("with the token"),
  })
);
configCases[0].subprocess = true;
configCases.find((c) => c.name === "envoy_extra_static_clusters_json invalid JSON")!.subprocess =
  true;

/** The whole corpus. */
export const CORPUS: readonly CorpusCase[] = [
  ...flagCases,
  ...combinationCases,
  ...envCases,
  ...fileCases,
  ...agentCases,
  ...configCases,
  ...templateCases,
];
