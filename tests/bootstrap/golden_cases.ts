/**
 * Test helper: builds a {@linkcode BootstrapInput} from a conformance case's
 * inputs (flags, env, files, fake-agent answers) for the simple cases the
 * golden test uses, so the builder can be compared with Consul's golden
 * output without the rest of the pipeline. Only the derivations those cases
 * need are implemented (no DNS: `localhost` ⇒ `127.0.0.1`).
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import type { BootstrapInput } from "../../src/bootstrap/input.ts";
import { splitHostPort } from "../../src/go/net_ip.ts";

/**
 * Where the conformance cases live: `shared/conformance/cases` beside the
 * clone (the same place `.ci/run` looks for the kit). Absent in a lone clone.
 */
export const CASES_DIR = fileURLToPath(
  new URL("../../../shared/conformance/cases", import.meta.url),
);

/** Whether the conformance cases are available. */
export function casesAvailable(): boolean {
  try {
    return Deno.statSync(CASES_DIR).isDirectory;
  } catch {
    return false;
  }
}

interface CaseFile {
  path: string;
  content?: string;
  source?: string;
}

// deno-lint-ignore no-explicit-any
type Json = any;

function flagMap(args: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith("-")) continue;
    const next = args[i + 1];
    if (next === undefined || next.startsWith("-")) m.set(args[i], "true");
    else m.set(args[i], args[++i]);
  }
  return m;
}

function resolveHost(host: string): string {
  if (host === "localhost") return "127.0.0.1";
  return host;
}

/** Read the concatenated contents of a case file or directory given with `{{TEMPDIR}}`. */
function readCaseFiles(dir: string, files: CaseFile[], path: string): string {
  const rel = path.replace("{{TEMPDIR}}/", "");
  const matches = files
    .filter((f) => f.path === rel || (rel.endsWith("/") && f.path.startsWith(rel)))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  if (matches.length === 0) throw new Error(`case file ${path} not found`);
  return matches
    .map((f) => f.content ?? Deno.readTextFileSync(`${dir}/${f.source}`))
    .join("");
}

/** The case's `case.json` and golden text. */
export function loadCase(name: string): { spec: Json; expected: string } {
  const dir = `${CASES_DIR}/${name}`;
  return {
    spec: JSON.parse(Deno.readTextFileSync(`${dir}/case.json`)),
    expected: Deno.readTextFileSync(`${dir}/expected.json`),
  };
}

/** Derive the builder input of a (simple) conformance case. */
export function inputFromCase(name: string): BootstrapInput {
  const dir = `${CASES_DIR}/${name}`;
  const { spec } = loadCase(name);
  const flags = flagMap(spec.args);
  const env: Record<string, string> = spec.env ?? {};
  const files: CaseFile[] = spec.files ?? [];
  const self = spec.agent.self;
  const dual = String(self.Config.BindAddr).includes(":");
  const proxyId = flags.get("-proxy-id") ?? "";
  const svc = spec.agent.services[proxyId] ?? {};
  const dest = svc.Proxy?.DestinationServiceName ?? "";

  const { host: adminHost, port: adminPort } = splitHostPort(
    flags.get("-admin-bind") ?? (dual ? "[::1]:19000" : "localhost:19000"),
  );

  let grpc = flags.get("-grpc-addr") ?? env.CONSUL_GRPC_ADDR;
  if (grpc === undefined) {
    const tlsPort = self.XDS?.Ports?.TLS ?? 0;
    const plainPort = self.XDS?.Ports?.Plaintext ?? self.DebugConfig?.GRPCPort;
    const host = dual ? "[::1]" : "localhost";
    grpc = tlsPort > 0 ? `https://${host}:${tlsPort}` : `http://${host}:${plainPort}`;
  }
  const grpcCaFile = flags.get("-grpc-ca-file") ?? "";
  const grpcCaPath = flags.get("-grpc-ca-path") ?? "";
  let tls = grpc.toLowerCase().startsWith("https://");
  let socket = "";
  let address = "";
  let port = "";
  if (grpc.startsWith("unix://")) {
    socket = grpc.slice("unix://".length);
    tls = grpcCaFile !== "" || grpcCaPath !== "";
  } else {
    const hp = splitHostPort(grpc.replace(/^http:\/\//, "").replace(/^https:\/\//, ""));
    address = resolveHost(hp.host);
    port = hp.port;
  }
  const caFile = grpcCaFile || (tls ? flags.get("-ca-file") ?? "" : "");
  const caPath = grpcCaPath || (tls ? flags.get("-ca-path") ?? "" : "");
  const caRaw = caFile !== ""
    ? readCaseFiles(dir, files, caFile)
    : caPath !== ""
    ? readCaseFiles(dir, files, caPath)
    : "";

  let token = flags.get("-token") ?? env.CONSUL_HTTP_TOKEN ?? "";
  const tokenFile = flags.get("-token-file") ?? env.CONSUL_HTTP_TOKEN_FILE;
  if (token === "" && tokenFile !== undefined) token = readCaseFiles(dir, files, tokenFile).trim();

  let ready = "";
  if (flags.get("-gateway") === "ingress") {
    const lan = flags.get("-address") ?? ":8443";
    ready = lan.startsWith(":") ? `127.0.0.1${lan}` : lan;
  }
  const readyAddr = flags.get("-envoy-ready-bind-address") ?? "";
  const readyPort = flags.get("-envoy-ready-bind-port") ?? "0";
  if (readyAddr !== "" && readyPort !== "0") ready = `${readyAddr}:${readyPort}`;

  return {
    proxyId,
    proxyCluster: dest || proxyId,
    proxySourceService: dest || svc.Service || "",
    nodeName: flags.get("-node-name") ?? "",
    adminBindAddress: resolveHost(adminHost),
    adminBindPort: adminPort,
    adminAccessLogPath: flags.get("-admin-access-log-path") ?? "/dev/null",
    accessLogs: spec.agent.proxyDefaults?.AccessLogs,
    agent: { address, port, tls, socket, caPem: caRaw },
    token,
    namespace: "",
    partition: "",
    datacenter: svc.Datacenter ?? "",
    prometheus: {
      backendPort: flags.get("-prometheus-backend-port") ?? "",
      scrapePath: flags.get("-prometheus-scrape-path") ?? "/metrics",
      caFile: flags.get("-prometheus-ca-file") ?? "",
      caPath: flags.get("-prometheus-ca-path") ?? "",
      certFile: flags.get("-prometheus-cert-file") ?? "",
      keyFile: flags.get("-prometheus-key-file") ?? "",
    },
    readyBindAddress: ready,
    omitDeprecatedTags: flags.has("-omit-deprecated-tags"),
    proxyConfig: svc.Proxy?.Config,
  };
}
