/**
 * Where Envoy's admin API listens, read from the bootstrap handed to it
 * (`admin.address.socket_address`). A wildcard address is reached on the
 * loopback of the same family.
 *
 * @module
 */

import type { HostPort } from "./lifecycle_bind.ts";
import { CliError } from "../errors.ts";

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? v as Record<string, unknown>
    : undefined;
}

/** The admin address of `bootstrapText`; throws a one-line CliError when it has none. */
export function adminAddressOf(bootstrapText: string): HostPort {
  let doc: unknown;
  try {
    doc = JSON.parse(bootstrapText);
  } catch {
    doc = undefined;
  }
  const sa = obj(obj(obj(obj(doc)?.admin)?.address)?.socket_address);
  const host = sa?.address;
  const port = Number(sa?.port_value);
  if (typeof host !== "string" || host === "" || !Number.isInteger(port) || port <= 0) {
    throw new CliError(
      "-supervise: the bootstrap has no admin.address.socket_address with an address and a " +
        "port; supervising needs Envoy's admin API on TCP",
    );
  }
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (bare === "0.0.0.0") return { host: "127.0.0.1", port };
  if (bare === "::" || bare === "::0") return { host: "::1", port };
  return { host: bare, port };
}
