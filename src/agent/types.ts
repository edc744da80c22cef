/**
 * The agent client interface: one method per HTTP request Consul's
 * `connect envoy` makes to the agent (services, self, register, token self,
 * service or catalog node-services, proxy-defaults). Implemented by `src/agent/client.ts`;
 * tests and the pipeline may substitute their own implementation.
 *
 * Response objects are returned as parsed JSON. Consul's client matches
 * field names case-insensitively; use `field()` from `src/go/json_fields.ts`
 * to read them.
 *
 * @module
 */

/** A JSON object as decoded from an agent answer. */
export type JsonObject = Record<string, unknown>;

/**
 * A failed agent request. `message` is the `<cause>` text of the spec:
 * `Unexpected response code: <status> (<trimmed body>)` for a non-200 answer,
 * otherwise a one-line transport/decoding description that names the agent
 * address. It never contains the ACL token.
 */
export class AgentRequestError extends Error {
  /** HTTP status for non-200 answers; `undefined` for transport errors. */
  readonly status?: number;
  constructor(message: string, status?: number) {
    super(message);
    this.name = "AgentRequestError";
    this.status = status;
  }
}

/** The requests connect-envoy makes. Every method rejects with `AgentRequestError`. */
export interface AgentClient {
  /** R1/R1′ `GET /v1/agent/services` (with `filter` when given): ID → service. */
  services(filter?: string): Promise<Record<string, JsonObject>>;
  /** R2/R4 `GET /v1/agent/self`. Rejects when a top-level value is not an object or null. */
  self(): Promise<JsonObject>;
  /** R3 `PUT /v1/agent/service/register` with the exact JSON body text. */
  register(body: string): Promise<void>;
  /** `PUT /v1/agent/service/deregister/<id>` (supervise mode, gateways it registered). */
  deregister(id: string): Promise<void>;
  /** R5 `GET /v1/acl/token/self`; resolves on 200. */
  tokenSelf(): Promise<void>;
  /** R6 `GET /v1/agent/service/<id>`. */
  service(id: string): Promise<JsonObject>;
  /** R6′ `GET /v1/catalog/node-services/<node>?filter=ID == "<id>"&merge-central-config=`. */
  catalogNodeServices(node: string, proxyId: string): Promise<JsonObject>;
  /**
   * R7 `GET /v1/config/proxy-defaults/global`: the entry, or `null` for any
   * non-200 answer. Rejects only on transport errors or an undecodable body.
   */
  proxyDefaults(): Promise<JsonObject | null>;
  /** Release connections (lets the process exit promptly). */
  close(): Promise<void>;
}

/**
 * Requests only `connect-envoy doctor` makes (the Connect proxy contract and
 * side-effect-free ACL questions). Implemented by `src/agent/client.ts`.
 */
export interface ConnectChecksApi {
  /** `GET /v1/acl/token/self?stale`: the token's own record (never print `SecretID`). */
  aclTokenSelf(): Promise<JsonObject>;
  /** `POST /v1/internal/acl/authorize` with `[{Resource, Access, Segment}]`: one decision per entry. */
  aclAuthorize(requests: JsonObject[]): Promise<unknown>;
  /** `GET /v1/agent/connect/ca/roots`. */
  connectCaRoots(): Promise<JsonObject>;
  /** `GET /v1/agent/connect/ca/leaf/<service>` (the answer holds a private key: never print it). */
  connectLeaf(service: string): Promise<JsonObject>;
  /** `GET /v1/connect/intentions/check?source=<s>&destination=<d>`: `{Allowed}`. */
  intentionCheck(source: string, destination: string): Promise<JsonObject>;
}
