/**
 * The real agent HTTP client: builds each request as Consul's Go API client
 * does (token header, `ns`/`partition` on every request, basic auth, sorted
 * form-encoded query, escaped path), refuses control characters before
 * anything is sent, follows same-origin redirects of GETs as Go does,
 * accepts only 200, and decodes JSON. Agent text quoted in errors is made
 * printable (`sanitize.ts`) and never carries the token. The connection kind
 * per configuration is chosen in `endpoint.ts`.
 *
 * @module
 */

import type { HttpConfig } from "./config.ts";
import {
  type AgentClient,
  AgentRequestError,
  type ConnectChecksApi,
  type JsonObject,
} from "./types.ts";
import { CliError, errorText } from "../errors.ts";
import type { TlsFs, TlsMaterial } from "./tls.ts";
import { encodeQuery, escapePath } from "./query.ts";
import { goQuote } from "../go/quote.ts";
import {
  type Transport,
  transportFailure,
  type TransportLimits,
  type TransportRequest,
  type TransportResponse,
} from "./transport.ts";
import { createTransport } from "./endpoint.ts";
import { isObject } from "../go/json_fields.ts";
import { hasControl } from "./http1.ts";
import { sanitizeText } from "./sanitize.ts";
import { redact } from "../log.ts";
import { followRedirects } from "./redirect.ts";
import { notConsulHint } from "./not_consul.ts";

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
 * Refuse settings that would put control characters on the wire (CR/LF
 * would inject headers). The messages name the setting, never its value.
 */
export function checkRequestInputs(config: HttpConfig): void {
  const fail = (what: string) =>
    new CliError(
      `Error connecting to Consul agent: ${what} contains a control character (CR, LF, NUL, …); nothing was sent`,
    );
  if (
    hasControl(config.hostPort) || hasControl(config.unixSocket) || hasControl(config.pathPrefix)
  ) {
    throw fail("the agent address (-http-addr or CONSUL_HTTP_ADDR)");
  }
  if (hasControl(config.token)) {
    throw fail(
      "the ACL token (from -token, -token-file, CONSUL_HTTP_TOKEN, CONSUL_HTTP_TOKEN_FILE or CONSUL_PROXY_TOKEN)",
    );
  }
  if (hasControl(config.tlsServerName)) {
    throw fail("the TLS server name (-tls-server-name or CONSUL_TLS_SERVER_NAME)");
  }
  if (config.auth !== undefined && hasControl(`${config.auth.username}:${config.auth.password}`)) {
    throw fail("CONSUL_HTTP_AUTH");
  }
  if (hasControl(config.namespace) || hasControl(config.partition)) {
    throw fail("the namespace or partition");
  }
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

/** Create the transport `endpoint.ts` picks; throws `CliError`. */
async function openTransport(
  config: HttpConfig,
  tls: TlsMaterial,
  limits: TransportLimits,
): Promise<Transport> {
  try {
    return await createTransport(config, tls, limits);
  } catch (err) {
    throw new CliError(`Error connecting to Consul agent: ${errorText(err)}`);
  }
}

/**
 * The transport as the calls see it: same-origin redirects of GETs
 * followed, and agent text quoted in errors made printable and token-free.
 */
interface Agent {
  send(req: TransportRequest): Promise<TransportResponse>;
  /** Agent text made printable: no secret, no escapes, bounded. */
  quote(text: string): string;
  /** The agent address for hints (`http://127.0.0.1:8500`, `unix:///run/consul.sock`). */
  shown: string;
  close(): Promise<void>;
}

function agentOf(config: HttpConfig, transport: Transport): Agent {
  const secrets = [config.token, config.auth?.password ?? ""];
  return {
    send: (req) => followRedirects(req, (r) => transport.send(r)),
    quote: (text) => sanitizeText(redact(text, secrets)),
    shown: config.unixSocket !== "" ? `unix://${config.unixSocket}` : originOf(config),
    close: () => transport.close(),
  };
}

/** Builds a request as Consul's Go client does: headers, `ns`/`partition`, sorted query. */
type BuildRequest = (
  method: "GET" | "PUT" | "POST",
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

/** Send `req`; any status but 200 is an `AgentRequestError` carrying the (quoted) body. */
async function call(agent: Agent, req: TransportRequest): Promise<string> {
  const res = await agent.send(req);
  if (res.status !== 200) {
    const hint = res.status === 404 ? notConsulHint(res, agent.shown) : "";
    throw new AgentRequestError(
      `Unexpected response code: ${res.status} (${agent.quote(res.body)})${hint}`,
      res.status,
    );
  }
  return res.body;
}

function decode(agent: Agent, req: TransportRequest, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (err) {
    throw transportFailure(req, `invalid JSON in response: ${agent.quote(errorText(err))}`);
  }
}

function notObject(req: TransportRequest, what: string, v: unknown): AgentRequestError {
  return transportFailure(req, `cannot decode response: ${what} is ${describe(v)}, not an object`);
}

async function getObject(
  agent: Agent,
  req: TransportRequest,
  nullAs?: JsonObject,
): Promise<JsonObject> {
  const v = decode(agent, req, await call(agent, req));
  if (v === null && nullAs !== undefined) return nullAs;
  if (!isObject(v)) throw notObject(req, "the body", v);
  return v;
}

/** The agent API calls the pipeline makes, through `agent`. */
function agentCalls(build: BuildRequest, agent: Agent): AgentClient {
  return {
    async services(filter?: string) {
      const req = build("GET", "/v1/agent/services", filter ? { filter } : {});
      const all = await getObject(agent, req, {});
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
      const obj = await getObject(agent, req);
      for (const [key, v] of Object.entries(obj)) {
        if (v !== null && !isObject(v)) throw notObject(req, `key ${JSON.stringify(key)}`, v);
      }
      return obj;
    },
    async register(body: string) {
      await call(agent, build("PUT", "/v1/agent/service/register", {}, body));
    },
    async deregister(id: string) {
      await call(agent, build("PUT", `/v1/agent/service/deregister/${escapePath(id)}`));
    },
    async tokenSelf() {
      await call(agent, build("GET", "/v1/acl/token/self"));
    },
    async service(id: string) {
      return await getObject(agent, build("GET", `/v1/agent/service/${escapePath(id)}`));
    },
    async catalogNodeServices(node: string, proxyId: string) {
      const req = build("GET", `/v1/catalog/node-services/${escapePath(node)}`, {
        filter: `ID == ${goQuote(proxyId)}`,
        "merge-central-config": "",
      });
      return await getObject(agent, req, {});
    },
    async proxyDefaults() {
      const req = build("GET", "/v1/config/proxy-defaults/global");
      const res = await agent.send(req);
      if (res.status !== 200) return null;
      const v = decode(agent, req, res.body);
      if (v === null) return null;
      if (!isObject(v)) throw notObject(req, "the body", v);
      return v;
    },
    close: () => agent.close(),
  };
}

/** The questions `connect-envoy doctor` asks, through `agent`. */
function connectChecksCalls(build: BuildRequest, agent: Agent): ConnectChecksApi {
  return {
    async aclTokenSelf() {
      return await getObject(agent, build("GET", "/v1/acl/token/self", { stale: "" }));
    },
    async aclAuthorize(requests: JsonObject[]) {
      const req = build("POST", "/v1/internal/acl/authorize", {}, JSON.stringify(requests));
      return decode(agent, req, await call(agent, req));
    },
    async connectCaRoots() {
      return await getObject(agent, build("GET", "/v1/agent/connect/ca/roots"));
    },
    async connectLeaf(service: string) {
      const path = `/v1/agent/connect/ca/leaf/${escapePath(service)}`;
      return await getObject(agent, build("GET", path));
    },
    async intentionCheck(source: string, destination: string) {
      const req = build("GET", "/v1/connect/intentions/check", { source, destination });
      return await getObject(agent, req);
    },
  };
}

/** Create the client; TLS material is loaded (and checked) now, whatever the scheme. */
export async function createAgentClient(
  config: HttpConfig,
  opts: AgentClientOptions = {},
): Promise<AgentClient & ConnectChecksApi> {
  const limits: TransportLimits = {
    connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
    requestTimeoutMs: opts.requestTimeoutMs ?? 30_000,
    maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES,
  };
  const tls = await loadTls(config, opts.tlsFs);
  checkRequestInputs(config);
  const transport = await openTransport(config, tls, limits);
  const build = requestBuilder(config);
  const agent = agentOf(config, transport);
  return { ...agentCalls(build, agent), ...connectChecksCalls(build, agent) };
}
