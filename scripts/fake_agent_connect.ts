/**
 * The fake agent's Connect and ACL-question endpoints, used by
 * `connect-envoy doctor`: CA roots, leaf certificates, intention checks,
 * the token's own record and the internal authorize endpoint. Every time in
 * an answer is computed from the current clock and the fixture's offsets in
 * hours, so fixtures never go stale.
 *
 * @module
 */

/** A decoded JSON object. */
type JsonObject = Record<string, unknown>;

/** One CA root; times are hours relative to now. */
export interface FakeRoot {
  name: string;
  active: boolean;
  /** Hours until `NotAfter` (negative: already expired). */
  validForHours: number;
}

/** Connect (service mesh) behaviour of the fake agent. Absent: a healthy mesh. */
export interface FakeConnectSpec {
  /** `false`: every Connect endpoint answers 500 "Connect must be enabled…". */
  enabled?: boolean;
  trustDomain?: string;
  /** Default: one active root valid for ten years. */
  roots?: FakeRoot[];
  /** Leaf certificates: lifetime (default 72 h) and hours left (default lifetime − 2). */
  leaf?: { lifetimeHours?: number; remainingHours?: number; uriService?: string };
  /** `"<source>-><destination>"` pairs that intentions deny (all else is allowed). */
  deniedIntentions?: string[];
}

/** ACL behaviour (shared with the main fake agent). */
export interface FakeAclSpec {
  enabled: boolean;
  /** Tokens the agent knows. */
  tokens?: string[];
  /** `"<resource>:<access>:<segment>"` permissions every known token lacks (`service:write:web`). */
  deny?: string[];
  /** Per token: description and expiry (hours from now) of its record. */
  tokenInfo?: Record<string, { description?: string; expiresInHours?: number }>;
}

/** One answer of the fake agent: status, body text and content type. */
export type Answer = { status: number; body: string; type: string };

/** A JSON answer. */
export const json = (status: number, value: unknown): Answer => ({
  status,
  body: JSON.stringify(value),
  type: "application/json",
});
/** A plain-text answer. */
export const text = (status: number, body: string): Answer => ({
  status,
  body,
  type: "text/plain; charset=utf-8",
});

const HOUR = 3600 * 1000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
const DEFAULT_TRUST_DOMAIN = "11111111-2222-3333-4444-555555555555.consul";
const CONNECT_DISABLED = "Connect must be enabled in order to use this endpoint";
const DEFAULT_ROOTS: FakeRoot[] = [{
  name: "Consul CA Primary Cert",
  active: true,
  validForHours: 87600,
}];

/** A stand-in PEM block: the fake agent holds no real keys or certificates. */
const placeholderPem = (label: string, note: string) =>
  `-----BEGIN ${label}-----\n${btoa(note)}\n-----END ${label}-----\n`;

/** The ACL verdict on a token: undefined when allowed through, else the refusal. */
function aclRefusal(acl: FakeAclSpec | undefined, token: string | undefined): Answer | undefined {
  if (!acl?.enabled) return undefined;
  if (token === undefined || token === "" || !(acl.tokens ?? []).includes(token)) {
    return text(403, "ACL not found");
  }
  return undefined;
}

function denied(acl: FakeAclSpec | undefined, resource: string, access: string, segment: string) {
  return acl?.enabled === true && (acl.deny ?? []).includes(`${resource}:${access}:${segment}`);
}

function tokenSelf(acl: FakeAclSpec | undefined, token: string | undefined): Answer {
  if (!acl?.enabled) return text(401, "ACL support disabled");
  const refusal = aclRefusal(acl, token);
  if (refusal !== undefined) return refusal;
  const info = acl.tokenInfo?.[token ?? ""] ?? {};
  const index = (acl.tokens ?? []).indexOf(token ?? "") + 1;
  const record: JsonObject = {
    AccessorID: `00000000-0000-0000-0000-${String(index).padStart(12, "0")}`,
    SecretID: token,
    Description: info.description ?? "",
    Local: false,
  };
  if (info.expiresInHours !== undefined) record.ExpirationTime = at(info.expiresInHours);
  return json(200, record);
}

function authorize(acl: FakeAclSpec | undefined, token: string | undefined, body: string): Answer {
  if (!acl?.enabled) return text(401, "ACL support disabled");
  let requests: unknown;
  try {
    requests = JSON.parse(body);
  } catch (err) {
    return text(400, `Failed to decode request body: ${(err as Error).message}`);
  }
  if (!Array.isArray(requests)) return text(400, "Failed to decode request body: not an array");
  const refusal = aclRefusal(acl, token);
  if (refusal !== undefined) return refusal;
  return json(
    200,
    requests.map((r: JsonObject) => ({
      ...r,
      Allow: !denied(acl, String(r.Resource), String(r.Access), String(r.Segment ?? "")),
    })),
  );
}

function roots(c: FakeConnectSpec, dc: string): Answer {
  const trust = c.trustDomain ?? DEFAULT_TRUST_DOMAIN;
  const list = (c.roots ?? DEFAULT_ROOTS).map((r, i) => ({
    ID: `fake-root-${i + 1}`,
    Name: r.name,
    SerialNumber: i + 1,
    NotBefore: at(Math.min(r.validForHours, 0) - 24 * 365),
    NotAfter: at(r.validForHours),
    RootCert: placeholderPem("CERTIFICATE", `fake root ${r.name} of ${dc}`),
    IntermediateCerts: null,
    Active: r.active,
  }));
  const active = list.find((r) => r.Active);
  return json(200, { ActiveRootID: active?.ID ?? "", TrustDomain: trust, Roots: list });
}

function leaf(c: FakeConnectSpec, service: string, dc: string): Answer {
  const lifetime = c.leaf?.lifetimeHours ?? 72;
  const remaining = c.leaf?.remainingHours ?? lifetime - 2;
  const trust = c.trustDomain ?? DEFAULT_TRUST_DOMAIN;
  const named = c.leaf?.uriService ?? service;
  return json(200, {
    SerialNumber: "0a:0b:0c",
    CertPEM: placeholderPem("CERTIFICATE", `fake leaf for ${service}`),
    PrivateKeyPEM: placeholderPem("EC PRIVATE KEY", `fake key for ${service}`),
    Service: service,
    ServiceURI: `spiffe://${trust}/ns/default/dc/${dc}/svc/${named}`,
    ValidAfter: at(remaining - lifetime),
    ValidBefore: at(remaining),
  });
}

/**
 * Answer a Connect or ACL-question request, or `undefined` when `path` is
 * not one of these endpoints.
 */
export function connectRoute(
  spec: { connect?: FakeConnectSpec; acl?: FakeAclSpec },
  req: { method: string; path: string; query: URLSearchParams; body: string; token?: string },
  datacenter: string,
): Answer | undefined {
  const { method, path, query } = req;
  const c = spec.connect ?? {};
  if (path === "/v1/internal/acl/authorize") {
    return method === "POST"
      ? authorize(spec.acl, req.token, req.body)
      : text(405, "method not allowed");
  }
  if (path === "/v1/acl/token/self") {
    return method === "GET" ? tokenSelf(spec.acl, req.token) : text(405, "method not allowed");
  }
  const connectPaths = ["/v1/agent/connect/ca/roots", "/v1/connect/intentions/check"];
  const leafPrefix = "/v1/agent/connect/ca/leaf/";
  if (!connectPaths.includes(path) && !path.startsWith(leafPrefix)) return undefined;
  if (method !== "GET") return text(405, "method not allowed");
  if (c.enabled === false) return text(500, CONNECT_DISABLED);
  if (path === "/v1/agent/connect/ca/roots") return roots(c, datacenter);
  const refusal = aclRefusal(spec.acl, req.token);
  if (refusal !== undefined) return refusal;
  if (path.startsWith(leafPrefix)) {
    const service = decodeURIComponent(path.slice(leafPrefix.length));
    if (denied(spec.acl, "service", "write", service)) return text(403, "Permission denied");
    return leaf(c, service, datacenter);
  }
  const source = query.get("source") ?? "";
  const destination = query.get("destination") ?? "";
  if (source === "") return text(400, "required query parameter 'source' not set");
  if (destination === "") return text(400, "required query parameter 'destination' not set");
  return json(200, { Allowed: !(c.deniedIntentions ?? []).includes(`${source}->${destination}`) });
}
