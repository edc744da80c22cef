/**
 * The real agent HTTP client: builds each request as Consul's Go API client
 * does (token header, `ns`/`partition` on every request, basic auth, sorted
 * form-encoded query, escaped path), accepts only 200, decodes JSON, and
 * picks a transport: our raw HTTP/1.1 client for plain http (TCP or Unix
 * socket), built-in `fetch` for https against the system roots, lazily
 * imported undici when TLS needs customising.
 *
 * @module
 */

import type { HttpConfig } from "./config.ts";
import { type AgentClient, AgentRequestError, type JsonObject } from "./types.ts";
import { CliError, errorText } from "../errors.ts";
import type { TlsFs, TlsMaterial } from "./tls.ts";
import { encodeQuery, escapePath } from "./query.ts";
import { goQuote } from "../go/quote.ts";
import {
  goMethod,
  type Transport,
  type TransportLimits,
  type TransportRequest,
} from "./transport.ts";
import { createRawTransport, tcpTarget } from "./transport_raw.ts";
import { isObject } from "../go/json_fields.ts";

/** Tunables (defaults: connect 10 s, request 30 s, body 16 MiB). */
export interface AgentClientOptions {
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxBodyBytes?: number;
  /** File access for TLS material (tests). */
  tlsFs?: TlsFs;
}

/** Default response body cap. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Which transport a configuration needs: our raw HTTP/1.1 client for plain
 * http (TCP or unix socket; fastest start), `fetch` for https against the
 * system roots, undici (loaded on demand) when TLS must be customised.
 */
export function transportKind(config: HttpConfig, tls: TlsMaterial): "raw" | "fetch" | "undici" {
  if (config.scheme !== "https") return "raw";
  const custom = tls.ca !== undefined || tls.cert !== undefined || config.tlsServerName !== "" ||
    config.insecureSkipVerify || config.unixSocket !== "";
  return custom ? "undici" : "fetch";
}

function base64(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Load the TLS files, whatever the scheme (as Consul does); throws `CliError`. */
async function loadTls(config: HttpConfig, tlsFs: TlsFs | undefined): Promise<TlsMaterial> {
  const anyTls = config.caFile !== "" || config.caPath !== "" || config.clientCert !== "" ||
    config.clientKey !== "";
  try {
    // The loader (and node:crypto behind it) is only imported when there are files.
    return anyTls ? await (await import("./tls.ts")).loadTlsMaterial(config, tlsFs) : {};
  } catch (err) {
    throw new CliError(`Error connecting to Consul agent: ${errorText(err)}`);
  }
}

/** The request origin: `scheme://host:port`, or `scheme://localhost` over a Unix socket. */
function originOf(config: HttpConfig): string {
  return config.unixSocket !== ""
    ? `${config.scheme}://localhost`
    : `${config.scheme}://${config.hostPort}`;
}

/** Create the transport {@linkcode transportKind} picks; throws `CliError`. */
async function openTransport(
  config: HttpConfig,
  tls: TlsMaterial,
  limits: TransportLimits,
): Promise<Transport> {
  try {
    const kind = transportKind(config, tls);
    if (kind === "raw") {
      return createRawTransport(
        config.unixSocket !== ""
          ? { kind: "unix", path: config.unixSocket }
          : tcpTarget(config.hostPort),
        limits,
      );
    }
    if (kind === "undici") {
      const { createUndiciTransport } = await import("./transport_undici.ts");
      return await createUndiciTransport({
        origin: originOf(config),
        unixSocket: config.unixSocket,
        tls,
        serverName: config.tlsServerName,
        insecureSkipVerify: config.insecureSkipVerify,
      }, limits);
    }
    const { createFetchTransport } = await import("./transport_fetch.ts");
    return createFetchTransport(limits);
  } catch (err) {
    throw new CliError(`Error connecting to Consul agent: ${errorText(err)}`);
  }
}

/** Builds a request as Consul's Go client does: headers, `ns`/`partition`, sorted query. */
type BuildRequest = (
  method: "GET" | "PUT",
  path: string,
  params?: Record<string, string>,
  body?: string,
) => TransportRequest;

function requestBuilder(config: HttpConfig): BuildRequest {
  const origin = originOf(config);
  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
  };
  if (config.token !== "") headers["X-Consul-Token"] = config.token;
  if (config.auth !== undefined) {
    headers["Authorization"] = `Basic ${base64(`${config.auth.username}:${config.auth.password}`)}`;
  }
  return (method, path, params = {}, body) => {
    const all = { ...params };
    if (config.namespace !== "") all.ns = config.namespace;
    if (config.partition !== "") all.partition = config.partition;
    const query = encodeQuery(all);
    const full = config.pathPrefix + path + (query === "" ? "" : `?${query}`);
    return { method, url: origin + full, path: full, headers, body };
  };
}

/** Send `req`; any status but 200 is an `AgentRequestError` carrying the body. */
async function call(transport: Transport, req: TransportRequest): Promise<string> {
  const res = await transport.send(req);
  if (res.status !== 200) {
    throw new AgentRequestError(
      `Unexpected response code: ${res.status} (${res.body.trim()})`,
      res.status,
    );
  }
  return res.body;
}

function decode(req: TransportRequest, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new AgentRequestError(
      `${goMethod(req.method)} "${req.url}": invalid JSON in response: ${errorText(err)}`,
    );
  }
}

function notObject(req: TransportRequest, what: string, v: unknown): AgentRequestError {
  return new AgentRequestError(
    `${goMethod(req.method)} "${req.url}": cannot decode response: ${what} is ${
      describe(v)
    }, not an object`,
  );
}

async function getObject(
  transport: Transport,
  req: TransportRequest,
  nullAs?: JsonObject,
): Promise<JsonObject> {
  const v = decode(req, await call(transport, req));
  if (v === null && nullAs !== undefined) return nullAs;
  if (!isObject(v)) throw notObject(req, "the body", v);
  return v;
}

/** The agent API calls the pipeline makes, over `transport`. */
function agentCalls(build: BuildRequest, transport: Transport): AgentClient {
  return {
    async services(filter?: string) {
      const req = build("GET", "/v1/agent/services", filter ? { filter } : {});
      const all = await getObject(transport, req, {});
      const out: Record<string, JsonObject> = {};
      for (const [id, svc] of Object.entries(all)) {
        if (svc === null) continue;
        if (!isObject(svc)) throw notObject(req, `service ${JSON.stringify(id)}`, svc);
        out[id] = svc;
      }
      return out;
    },
    async self() {
      const req = build("GET", "/v1/agent/self");
      const obj = await getObject(transport, req);
      for (const [key, v] of Object.entries(obj)) {
        if (v !== null && !isObject(v)) throw notObject(req, `key ${JSON.stringify(key)}`, v);
      }
      return obj;
    },
    async register(body: string) {
      await call(transport, build("PUT", "/v1/agent/service/register", {}, body));
    },
    async deregister(id: string) {
      await call(transport, build("PUT", `/v1/agent/service/deregister/${escapePath(id)}`));
    },
    async tokenSelf() {
      await call(transport, build("GET", "/v1/acl/token/self"));
    },
    async service(id: string) {
      return await getObject(transport, build("GET", `/v1/agent/service/${escapePath(id)}`));
    },
    async catalogNodeServices(node: string, proxyId: string) {
      const req = build("GET", `/v1/catalog/node-services/${escapePath(node)}`, {
        filter: `ID == ${goQuote(proxyId)}`,
        "merge-central-config": "",
      });
      return await getObject(transport, req, {});
    },
    async proxyDefaults() {
      const req = build("GET", "/v1/config/proxy-defaults/global");
      const res = await transport.send(req);
      if (res.status !== 200) return null;
      const v = decode(req, res.body);
      if (v === null) return null;
      if (!isObject(v)) throw notObject(req, "the body", v);
      return v;
    },
    close: () => transport.close(),
  };
}

/** Create the client; TLS material is loaded (and checked) now, whatever the scheme. */
export async function createAgentClient(
  config: HttpConfig,
  opts: AgentClientOptions = {},
): Promise<AgentClient> {
  const limits: TransportLimits = {
    connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
    requestTimeoutMs: opts.requestTimeoutMs ?? 30_000,
    maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES,
  };
  const tls = await loadTls(config, opts.tlsFs);
  const transport = await openTransport(config, tls, limits);
  return agentCalls(requestBuilder(config), transport);
}
