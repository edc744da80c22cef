/**
 * A plain sidecar {@linkcode BootstrapInput} for builder tests (the values of
 * Consul's default sidecar bootstrap, `-sidecar-for web` against a local
 * agent), to be overridden per test.
 *
 * @module
 */

import type { BootstrapInput } from "../../src/bootstrap/input.ts";

/** A fresh default input; `over` replaces top-level fields. */
export function sidecarInput(over: Partial<BootstrapInput> = {}): BootstrapInput {
  return {
    proxyId: "test-proxy",
    proxyCluster: "test",
    proxySourceService: "test",
    nodeName: "",
    adminBindAddress: "127.0.0.1",
    adminBindPort: "19000",
    adminAccessLogPath: "/dev/null",
    agent: { address: "127.0.0.1", port: "8502", tls: false, socket: "", caPem: "" },
    token: "",
    namespace: "",
    partition: "",
    datacenter: "dc1",
    prometheus: {
      backendPort: "",
      scrapePath: "/metrics",
      caFile: "",
      caPath: "",
      certFile: "",
      keyFile: "",
    },
    readyBindAddress: "",
    omitDeprecatedTags: false,
    ...over,
  };
}

/** No environment at all. */
export const NO_ENV: { getEnv(name: string): string | undefined } = { getEnv: () => undefined };
