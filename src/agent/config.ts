/**
 * The agent HTTP-client configuration as Consul's API client assembles it:
 * environment variables first, flags on top, empty values re-defaulted, the
 * scheme taken from the address or `CONSUL_HTTP_SSL`. Built by `src/cli/http_config.ts`,
 * consumed by `src/agent/client.ts` and by the pipeline (token, CA fallbacks).
 *
 * @module
 */

/** Resolved HTTP-client settings. Strings are `""` when unset. */
export interface HttpConfig {
  /** The address as configured (after re-defaulting), for error messages. */
  address: string;
  /** `http` or `https` (from the scheme or `CONSUL_HTTP_SSL`). */
  scheme: "http" | "https";
  /** `host:port` for TCP; `""` for unix sockets. */
  hostPort: string;
  /** Socket path for `unix://` addresses, else `""`. */
  unixSocket: string;
  /** Path prefix prepended to API paths (e.g. `/consul`), or `""`. */
  pathPrefix: string;
  /** Resolved ACL token (`""` = none). Secret: never log it. */
  token: string;
  /** Basic auth from `CONSUL_HTTP_AUTH`, if set. Secret. */
  auth?: { username: string; password: string };
  caFile: string;
  caPath: string;
  clientCert: string;
  clientKey: string;
  /** SNI / verification name, `:port` suffix stripped. */
  tlsServerName: string;
  /** `CONSUL_HTTP_SSL_VERIFY=false`. */
  insecureSkipVerify: boolean;
  namespace: string;
  partition: string;
}
