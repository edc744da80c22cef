/**
 * The project's own fake Consul agent: a small HTTP(S) server on loopback
 * (and/or a unix socket) answering the agent API requests connect-envoy
 * makes (services, self, ACL token, proxy-defaults, catalog, register), from a declarative
 * {@linkcode FakeAgentSpec}. Used by the demo, the tests and the benchmark.
 *
 * CLI: `deno run -A scripts/fake_agent.ts [fixture.json]` prints
 * `{"url": ..., "addr": ..., "port": ...}` as its first stdout line, then
 * serves until killed (one JSON line per request on stderr with `--log`).
 *
 * @module
 */

import {
  connectRoute,
  type FakeAclSpec,
  type FakeConnectSpec,
  json,
  text,
} from "./fake_agent_connect.ts";

/** A decoded JSON object. */
export type JsonObject = Record<string, unknown>;

/** A canned answer for one path (see {@linkcode FakeAgentSpec.failWith}). */
export interface CannedAnswer {
  /** HTTP status (e.g. 403, 500; 200 is allowed, e.g. for malformed bodies). */
  status: number;
  /** Response body text (default `""`). */
  body?: string;
  /** Extra delay before this answer, on top of `latencyMs`. */
  delayMs?: number;
}

/** What the fake agent serves. Every field is optional. */
export interface FakeAgentSpec {
  /** Service ID → service object (as `/v1/agent/service/<id>` returns it). */
  services?: Record<string, JsonObject>;
  /** Body of `/v1/agent/self` (default: dc1, xDS plaintext port 8502). */
  self?: JsonObject;
  /** Node name → `{Node, Services}` for `/v1/catalog/node-services/<node>`. */
  catalog?: Record<string, { Node: JsonObject | null; Services: JsonObject[] | null }>;
  /** Body of `/v1/config/proxy-defaults/global`; `null`/absent ⇒ 404. */
  proxyDefaults?: JsonObject | null;
  /**
   * ACL system: disabled (absent) ⇒ 401; else 200 for a listed token, 403 `ACL not found`
   * (also for the Connect endpoints and `/v1/internal/acl/authorize`, which answers per `deny`).
   */
  acl?: FakeAclSpec;
  /** Connect CA roots, leaf certificates and intentions (absent: a healthy mesh). */
  connect?: FakeConnectSpec;
  /** A registration PUT adds the service (so a later lookup finds it). */
  registerAdds?: boolean;
  /** Delay added to every answer (ms). */
  latencyMs?: number;
  /** Serve HTTPS with this certificate (file paths, or PEM text in `cert`/`key`). */
  tls?: { certFile?: string; keyFile?: string; cert?: string; key?: string };
  /** Also listen on this unix socket path. */
  unixSocket?: string;
  /** With `unixSocket`: listen only there (no TCP listener). */
  unixOnly?: boolean;
  /** Service ID → ms after start before it appears (for `-wait-for-registration`). */
  registerAfterMs?: Record<string, number>;
  /**
   * The clock `registerAfterMs` is measured on, in ms (default
   * `performance.now`). A test passes the virtual clock it also gives the
   * program, so waiting for a late registration takes no real time.
   */
  clock?: () => number;
  /**
   * Service ID → how many service lookups (`/v1/agent/services` or
   * `/v1/agent/service/<id>`) answer as if it were not registered yet.
   * Independent of time, so a late registration is seen exactly on retry.
   */
  registerAfterLookups?: Record<string, number>;
  /** Path (without query, e.g. `/v1/agent/self`) → canned answer replacing the normal one. */
  failWith?: Record<string, CannedAnswer>;
}

/** One request as the fake agent saw it. */
export interface RecordedRequest {
  method: string;
  /** Path as sent (still percent-encoded), without the query. */
  path: string;
  /** Raw query string without `?` (`""` when none). */
  query: string;
  /** Decoded query parameters (last value wins). */
  params: Record<string, string>;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** `X-Consul-Token` header, if any. */
  token?: string;
  /** Request body text (`""` when none). */
  body: string;
  /** Status answered. */
  status: number;
  /** Which listener received it. */
  listener: "tcp" | "unix";
  /** Arrival and answer times, ms since the agent started (`performance.now()` based). */
  startMs: number;
  endMs: number;
}

/** A running fake agent. */
export interface FakeAgent {
  /** `http(s)://127.0.0.1:<port>`, or `unix://<path>` with `unixOnly`. */
  url: string;
  /** `127.0.0.1:<port>` (`""` with `unixOnly`). */
  addr: string;
  /** TCP port (0 with `unixOnly`). */
  port: number;
  /** Every request answered so far, in arrival order. */
  requests: RecordedRequest[];
  /** The unix socket path, when listening on one. */
  socketPath?: string;
  /** Drop service `id` (as an agent restarted without it would); true if it was known. */
  forget(id: string): boolean;
  /** Stop listening and drop connections. */
  close(): Promise<void>;
}

const DEFAULT_SELF: JsonObject = {
  Config: { Datacenter: "dc1", NodeName: "fake-node" },
  xDS: { Ports: { Plaintext: 8502, TLS: 0 } },
};

/** Read a possibly dotted, case-sensitive field path from an object. */
function lookup(obj: JsonObject, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as JsonObject)[part];
  }
  return cur;
}

/**
 * A tiny subset of Consul's filter language: `Field == <lit>` / `Field != <lit>`
 * clauses joined by `and`, where `<lit>` is a backtick or Go double-quoted string.
 * Throws on anything else.
 */
export function compileFilter(expr: string): (obj: JsonObject) => boolean {
  const clause =
    /^\s*([A-Za-z][A-Za-z0-9_.]*)\s*(==|!=)\s*(`[^`]*`|"(?:[^"\\]|\\.)*")\s*(?:and\s+|$)/;
  const preds: ((o: JsonObject) => boolean)[] = [];
  let rest = expr;
  while (rest.trim() !== "") {
    const m = clause.exec(rest);
    if (m === null) throw new Error(`Failed to create boolean expression evaluator: ${expr}`);
    const [all, field, op, lit] = m;
    const want = lit.startsWith("`") ? lit.slice(1, -1) : JSON.parse(lit) as string;
    preds.push((o) => {
      const v = lookup(o, field);
      const eq = (v ?? "") === want;
      return op === "==" ? eq : !eq;
    });
    rest = rest.slice(all.length);
  }
  if (preds.length === 0) throw new Error(`Failed to create boolean expression evaluator: ${expr}`);
  return (o) => preds.every((p) => p(o));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

class AgentState {
  readonly services: Map<string, JsonObject>;
  readonly requests: RecordedRequest[] = [];
  readonly t0 = performance.now();
  readonly closing = new AbortController();

  /** The clock `registerAfterMs` is measured on, and when the agent started on it. */
  private readonly registrationClock: () => number;
  private readonly registrationT0: number;

  constructor(readonly spec: FakeAgentSpec) {
    this.services = new Map(Object.entries(spec.services ?? {}));
    this.registrationClock = spec.clock ?? (() => performance.now());
    this.registrationT0 = this.registrationClock();
  }

  /** Service lookups answered so far (see `registerAfterLookups`). */
  private lookups = 0;

  private visible(id: string): boolean {
    const afterLookups = this.spec.registerAfterLookups?.[id];
    if (afterLookups !== undefined && this.lookups <= afterLookups) return false;
    const after = this.spec.registerAfterMs?.[id];
    return after === undefined || this.registrationClock() - this.registrationT0 >= after;
  }

  private datacenter(): string {
    const cfg = lookup(this.spec.self ?? DEFAULT_SELF, "Config.Datacenter");
    return typeof cfg === "string" ? cfg : "dc1";
  }

  /** Turn a registration body into what the agent returns for it. */
  private registered(body: JsonObject): JsonObject {
    const { Name, Check: _c, Checks: _cs, ...rest } = body;
    const id = typeof body.ID === "string" && body.ID !== "" ? body.ID : String(Name ?? "");
    const svc: JsonObject = { ...rest, ID: id, Service: Name ?? id };
    if (typeof body.Kind === "string" && body.Kind !== "" && svc.Proxy == null) {
      svc.Proxy = { MeshGateway: {}, Expose: {} };
    }
    svc.Datacenter ??= this.datacenter();
    return svc;
  }

  private route(
    method: string,
    path: string,
    q: URLSearchParams,
    body: string,
    token: string | undefined,
  ) {
    const get = method === "GET";
    if (path === "/v1/agent/services") {
      if (!get) return text(405, "method not allowed");
      this.lookups++;
      let pred: (o: JsonObject) => boolean = () => true;
      const filter = q.get("filter");
      if (filter) {
        try {
          pred = compileFilter(filter);
        } catch (err) {
          return text(400, (err as Error).message);
        }
      }
      const out: JsonObject = {};
      for (const [id, svc] of this.services) {
        if (this.visible(id) && pred(svc)) out[id] = svc;
      }
      return json(200, out);
    }
    if (path.startsWith("/v1/agent/service/deregister/")) {
      if (method !== "PUT") return text(405, "method not allowed");
      const id = decodeURIComponent(path.slice("/v1/agent/service/deregister/".length));
      if (!this.services.delete(id)) return text(404, `Unknown service ID "${id}"`);
      return text(200, "");
    }
    if (path.startsWith("/v1/agent/service/") && path !== "/v1/agent/service/register") {
      if (!get) return text(405, "method not allowed");
      const id = decodeURIComponent(path.slice("/v1/agent/service/".length));
      const svc = this.services.get(id);
      this.lookups++;
      if (svc === undefined || !this.visible(id)) return text(404, `unknown service ID: ${id}`);
      return json(200, svc);
    }
    if (path === "/v1/agent/service/register") {
      if (method !== "PUT") return text(405, "method not allowed");
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch (err) {
        return text(400, `Request decode failed: ${(err as Error).message}`);
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        return text(400, "Request decode failed: not an object");
      }
      if (this.spec.registerAdds) {
        const svc = this.registered(parsed as JsonObject);
        this.services.set(String(svc.ID), svc);
      }
      return text(200, "");
    }
    if (path === "/v1/agent/self") {
      if (!get) return text(405, "method not allowed");
      return json(200, this.spec.self ?? DEFAULT_SELF);
    }
    if (path.startsWith("/v1/catalog/node-services/")) {
      if (!get) return text(405, "method not allowed");
      const node = decodeURIComponent(path.slice("/v1/catalog/node-services/".length));
      const entry = this.spec.catalog?.[node];
      if (entry === undefined) return json(200, { Node: null, Services: [] });
      let services = entry.Services;
      const filter = q.get("filter");
      if (filter && services !== null) {
        try {
          services = services.filter(compileFilter(filter));
        } catch (err) {
          return text(400, (err as Error).message);
        }
      }
      return json(200, { Node: entry.Node, Services: services });
    }
    if (path === "/v1/config/proxy-defaults/global") {
      if (!get) return text(405, "method not allowed");
      if (this.spec.proxyDefaults == null) {
        return text(404, 'Config entry not found for "proxy-defaults" / "global"');
      }
      return json(200, this.spec.proxyDefaults);
    }
    const connect = connectRoute(
      this.spec,
      { method, path, query: q, body, token },
      this.datacenter(),
    );
    return connect ?? text(404, "404 page not found");
  }

  async handle(req: Request, listener: "tcp" | "unix"): Promise<Response> {
    const startMs = performance.now() - this.t0;
    const url = new URL(req.url);
    const rawPath = url.pathname;
    const query = url.search.startsWith("?") ? url.search.slice(1) : "";
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => (headers[k] = v));
    const token = req.headers.get("x-consul-token") ?? undefined;
    const body = req.body ? await req.text() : "";
    const signal = this.closing.signal;
    await sleep(this.spec.latencyMs ?? 0, signal);
    const canned = this.spec.failWith?.[rawPath] ?? this.spec.failWith?.[decodeURI(rawPath)];
    let answer;
    if (canned !== undefined) {
      await sleep(canned.delayMs ?? 0, signal);
      answer = text(canned.status, canned.body ?? "");
    } else {
      answer = this.route(req.method, rawPath, url.searchParams, body, token);
    }
    this.requests.push({
      method: req.method,
      path: rawPath,
      query,
      params: Object.fromEntries(url.searchParams),
      headers,
      token,
      body,
      status: answer.status,
      listener,
      startMs,
      endMs: performance.now() - this.t0,
    });
    return new Response(answer.body, {
      status: answer.status,
      headers: { "content-type": answer.type },
    });
  }
}

async function removeStaleSocket(path: string): Promise<void> {
  try {
    const st = await Deno.lstat(path);
    if (st.isSocket) await Deno.remove(path);
  } catch {
    // absent: nothing to do
  }
}

/** Start a fake agent on 127.0.0.1 (port 0) and/or a unix socket. */
export async function startFakeAgent(spec: FakeAgentSpec = {}): Promise<FakeAgent> {
  const state = new AgentState(spec);
  const servers: Deno.HttpServer[] = [];
  let port = 0;
  let scheme = "http";
  if (!(spec.unixOnly && spec.unixSocket)) {
    const tls = spec.tls;
    const tcpOpts: Deno.ServeTcpOptions & Partial<Deno.TlsCertifiedKeyPem> = {
      hostname: "127.0.0.1",
      port: 0,
      onListen: () => {},
    };
    if (tls !== undefined) {
      tcpOpts.cert = tls.cert ?? await Deno.readTextFile(tls.certFile ?? "");
      tcpOpts.key = tls.key ?? await Deno.readTextFile(tls.keyFile ?? "");
      scheme = "https";
    }
    const server = Deno.serve(tcpOpts, (req) => state.handle(req, "tcp"));
    servers.push(server);
    port = (server.addr as Deno.NetAddr).port;
  }
  let socketPath: string | undefined;
  if (spec.unixSocket) {
    socketPath = spec.unixSocket;
    await removeStaleSocket(socketPath);
    const server = Deno.serve(
      { path: socketPath, transport: "unix", onListen: () => {} },
      (req) => state.handle(req, "unix"),
    );
    servers.push(server);
  }
  const addr = port === 0 ? "" : `127.0.0.1:${port}`;
  return {
    url: port === 0 ? `unix://${socketPath}` : `${scheme}://${addr}`,
    addr,
    port,
    socketPath,
    requests: state.requests,
    forget: (id) => state.services.delete(id),
    async close() {
      state.closing.abort();
      await Promise.all(servers.map((s) => s.shutdown()));
      if (socketPath !== undefined) await removeStaleSocket(socketPath);
    },
  };
}

/** Resolve `tls.certFile`/`keyFile` and `unixSocket` relative to the fixture's directory. */
function resolveRelative(spec: FakeAgentSpec, fixturePath: string): FakeAgentSpec {
  const dir = fixturePath.includes("/") ? fixturePath.slice(0, fixturePath.lastIndexOf("/")) : ".";
  const abs = (p?: string) => (p === undefined || p.startsWith("/") ? p : `${dir}/${p}`);
  const out = { ...spec };
  if (spec.tls) {
    out.tls = { ...spec.tls, certFile: abs(spec.tls.certFile), keyFile: abs(spec.tls.keyFile) };
  }
  return out;
}

/**
 * Read a fixture file. A fixture may name another as `"extends"` (relative
 * to its own directory): that one is loaded first and every top-level key
 * given here replaces the inherited one.
 */
export async function loadFixture(path: string, depth = 0): Promise<FakeAgentSpec> {
  const own = JSON.parse(await Deno.readTextFile(path)) as FakeAgentSpec & { extends?: string };
  const { extends: parent, ...rest } = own;
  if (parent === undefined) return resolveRelative(rest, path);
  if (depth > 8) throw new Error(`${path}: "extends" nests too deeply`);
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
  const base = await loadFixture(parent.startsWith("/") ? parent : `${dir}/${parent}`, depth + 1);
  return { ...base, ...resolveRelative(rest, path) };
}

if (import.meta.main) {
  const args = Deno.args.filter((a) => a !== "--log");
  const log = Deno.args.includes("--log");
  const fixture = args[0];
  const spec: FakeAgentSpec = fixture === undefined ? {} : await loadFixture(fixture);
  const agent = await startFakeAgent(spec);
  console.log(JSON.stringify({ url: agent.url, addr: agent.addr, port: agent.port }));
  if (log) {
    let seen = 0;
    setInterval(() => {
      for (; seen < agent.requests.length; seen++) {
        const { method, path, query, status } = agent.requests[seen];
        console.error(JSON.stringify({ method, path, query, status }));
      }
    }, 100);
  }
  const stop = () => agent.close().finally(() => Deno.exit(0));
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}
