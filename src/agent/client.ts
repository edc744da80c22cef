/**
 * The real agent HTTP client: builds each request as Consul's Go API client
 * does (token header, `ns`/`partition` on every request, basic auth, sorted
 * form-encoded query, escaped path), refuses control characters before
 * anything is sent, follows same-origin redirects of GETs as Go does,
 * accepts only 200, and decodes JSON. The connection kind per configuration
 * is chosen in `endpoint.ts`.
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
  type TransportResponse,
} from "./transport.ts";
import { createTransport } from "./endpoint.ts";
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

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
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
  let tls: TlsMaterial;
  try {
    const anyTls = config.caFile !== "" || config.caPath !== "" || config.clientCert !== "" ||
      config.clientKey !== "";
    // TLS files are checked whatever the scheme (as Consul does); the loader
    // (and node:crypto behind it) is only imported when there are any.
    tls = anyTls ? await (await import("./tls.ts")).loadTlsMaterial(config, opts.tlsFs) : {};
  } catch (err) {
    throw new CliError(`Error connecting to Consul agent: ${errorText(err)}`);
  }
  checkRequestInputs(config);
  const origin = config.unixSocket !== ""
    ? `${config.scheme}://localhost`
    : `${config.scheme}://${config.hostPort}`;
  const shownAddress = config.unixSocket !== "" ? `unix://${config.unixSocket}` : origin;
  let transport: Transport;
  try {
    transport = await createTransport(config, tls, limits);
  } catch (err) {
    throw new CliError(`Error connecting to Consul agent: ${errorText(err)}`);
  }
  const secrets = [config.token, config.auth?.password ?? ""];
  /** Agent text made printable: no secret, no escapes, bounded. */
  const quote = (text: string) => sanitizeText(redact(text, secrets));

  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
  };
  if (config.token !== "") headers["X-Consul-Token"] = config.token;
  if (config.auth !== undefined) {
    headers["Authorization"] = `Basic ${base64(`${config.auth.username}:${config.auth.password}`)}`;
  }

  function build(
    method: "GET" | "PUT",
    path: string,
    params: Record<string, string> = {},
    body?: string,
  ): TransportRequest {
    const all = { ...params };
    if (config.namespace !== "") all.ns = config.namespace;
    if (config.partition !== "") all.partition = config.partition;
    const query = encodeQuery(all);
    const full = config.pathPrefix + path + (query === "" ? "" : `?${query}`);
    return { method, url: origin + full, path: full, headers, body };
  }

  const send = (req: TransportRequest): Promise<TransportResponse> =>
    followRedirects(req, (r) => transport.send(r));

  async function call(req: TransportRequest): Promise<string> {
    const res = await send(req);
    if (res.status !== 200) {
      const hint = res.status === 404 ? notConsulHint(res, shownAddress) : "";
      throw new AgentRequestError(
        `Unexpected response code: ${res.status} (${quote(res.body)})${hint}`,
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
        `${goMethod(req.method)} "${req.url}": invalid JSON in response: ${quote(errorText(err))}`,
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

  async function getObject(req: TransportRequest, nullAs?: JsonObject): Promise<JsonObject> {
    const v = decode(req, await call(req));
    if (v === null && nullAs !== undefined) return nullAs;
    if (!isObject(v)) throw notObject(req, "the body", v);
    return v;
  }

  return {
    async services(filter?: string) {
      const req = build("GET", "/v1/agent/services", filter ? { filter } : {});
      const all = await getObject(req, {});
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
      const obj = await getObject(req);
      for (const [key, v] of Object.entries(obj)) {
        if (v !== null && !isObject(v)) throw notObject(req, `key ${JSON.stringify(key)}`, v);
      }
      return obj;
    },
    async register(body: string) {
      await call(build("PUT", "/v1/agent/service/register", {}, body));
    },
    async tokenSelf() {
      await call(build("GET", "/v1/acl/token/self"));
    },
    async service(id: string) {
      return await getObject(build("GET", `/v1/agent/service/${escapePath(id)}`));
    },
    async catalogNodeServices(node: string, proxyId: string) {
      const req = build("GET", `/v1/catalog/node-services/${escapePath(node)}`, {
        filter: `ID == ${goQuote(proxyId)}`,
        "merge-central-config": "",
      });
      return await getObject(req, {});
    },
    async proxyDefaults() {
      const req = build("GET", "/v1/config/proxy-defaults/global");
      const res = await send(req);
      if (res.status !== 200) return null;
      const v = decode(req, res.body);
      if (v === null) return null;
      if (!isObject(v)) throw notObject(req, "the body", v);
      return v;
    },
    close: () => transport.close(),
  };
}
