/**
 * The address connect-envoy dials for Envoy's admin API: the admin listener
 * the bootstrap binds (`-admin-bind`, resolved), with a wildcard address
 * reached on the loopback of the same family.
 *
 * @module
 */

import type { HostPort } from "./lifecycle_bind.ts";
import { CliError } from "../errors.ts";

/** Where to dial the admin listener bound at `bind`; throws a one-line CliError for no TCP port. */
export function adminTarget(bind: { host: string; port: string }): HostPort {
  const port = Number(bind.port);
  const host = bind.host.replace(/^\[(.*)\]$/, "$1");
  if (host === "" || !/^\d+$/.test(bind.port) || port <= 0 || port > 65535) {
    throw new CliError(
      `-supervise: Envoy's admin listener ${bind.host}:${bind.port} has no TCP port to reach ` +
        "(set -admin-bind to host:port with a non-zero port)",
    );
  }
  if (host === "0.0.0.0") return { host: "127.0.0.1", port };
  if (host === "::" || host === "::0") return { host: "::1", port };
  return { host, port };
}
