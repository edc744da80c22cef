/**
 * An `HttpConfig` for tests: plain HTTP to `addr`, everything else unset,
 * with overrides.
 *
 * @module
 */

import type { HttpConfig } from "../../src/agent/config.ts";

/** A plain-HTTP config for `hostPort`, with `over` applied. */
export function httpConfig(hostPort: string, over: Partial<HttpConfig> = {}): HttpConfig {
  return {
    address: hostPort,
    scheme: "http",
    hostPort,
    unixSocket: "",
    pathPrefix: "",
    token: "",
    caFile: "",
    caPath: "",
    clientCert: "",
    clientKey: "",
    tlsServerName: "",
    insecureSkipVerify: false,
    namespace: "",
    partition: "",
    ...over,
  };
}
