/**
 * Command-line options of the benchmark's helper clients, as an agent
 * client configuration and TLS material read from files without checks.
 *
 * @module
 */

import type { HttpConfig } from "../../src/agent/config.ts";
import type { TlsMaterial } from "../../src/agent/tls.ts";
import type { TransportLimits } from "../../src/agent/transport.ts";

/**
 * The limits `createAgentClient` gives its transport by default (written out
 * here so that the helpers do not load the client module).
 */
export const CLI_LIMITS: TransportLimits = {
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxBodyBytes: 16 * 1024 * 1024,
};

/** `<url> [--ca-file F] [--client-cert F --client-key F] [--insecure]` → config and material. */
export function benchConfig(args: readonly string[]): { config: HttpConfig; tls: TlsMaterial } {
  const url = new URL(args[0]);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i < 0 ? "" : args[i + 1];
  };
  const config: HttpConfig = {
    address: args[0],
    scheme: url.protocol === "https:" ? "https" : "http",
    hostPort: url.host,
    unixSocket: "",
    pathPrefix: "",
    token: "",
    caFile: opt("--ca-file"),
    caPath: "",
    clientCert: opt("--client-cert"),
    clientKey: opt("--client-key"),
    tlsServerName: "",
    insecureSkipVerify: args.includes("--insecure"),
    namespace: "",
    partition: "",
  };
  const tls: TlsMaterial = {};
  if (config.caFile !== "") tls.ca = [Deno.readTextFileSync(config.caFile)];
  if (config.clientCert !== "") {
    tls.cert = Deno.readTextFileSync(config.clientCert);
    tls.key = Deno.readTextFileSync(config.clientKey);
  }
  return { config, tls };
}
