/**
 * The address texts of Envoy's endpoints: the xDS (agent gRPC) port
 * discovered from `/v1/agent/self`, the xDS address chosen from
 * `-grpc-addr` or that discovery and parsed, and the admin listener
 * default. Pure.
 *
 * @module
 */

import { field, isObject } from "../go/json_fields.ts";
import { splitHostPort } from "../go/net_ip.ts";

/** Outcome of discovering the xDS port from the agent's self answer. */
export interface DiscoveredXds {
  /** `https://`, `http://` or `""` (plain TCP, old agents). */
  scheme: string;
  /** Discovered port; 0 when unknown. */
  port: number;
}

/**
 * Read the xDS port from an `/v1/agent/self` body. Throws `Error` with
 * Consul's texts (`agent has grpc disabled`, …) for old agents whose
 * `DebugConfig.GRPCPort` is missing/invalid/negative.
 */
export function discoverXdsPort(self: Record<string, unknown>): DiscoveredXds {
  const xds = field(self, "xDS");
  if (isObject(xds)) {
    const ports = field(xds, "Ports");
    if (isObject(ports)) {
      const tls = field(ports, "TLS");
      const plain = field(ports, "Plaintext");
      const okType = (v: unknown) => v === undefined || v === null || typeof v === "number";
      if (okType(tls) && okType(plain)) {
        const tlsPort = typeof tls === "number" ? Math.trunc(tls) : 0;
        const plainPort = typeof plain === "number" ? Math.trunc(plain) : 0;
        if (tlsPort > 0) return { scheme: "https://", port: tlsPort };
        if (plainPort > 0) return { scheme: "http://", port: plainPort };
      }
    }
  }
  const debug = field(self, "DebugConfig");
  if (!isObject(debug)) throw new Error("unexpected agent response: no debug config");
  const grpcPort = field(debug, "GRPCPort");
  if (grpcPort === undefined) throw new Error("agent does not have grpc port enabled");
  if (typeof grpcPort !== "number") throw new Error("invalid grpc port in agent response");
  if (grpcPort < 0) throw new Error("agent has grpc disabled");
  return { scheme: "", port: Math.trunc(grpcPort) };
}

/** The xDS address text for a discovered port (`localhost`, or `[::1]` when dual-stack). */
export function discoveredXdsAddress(found: DiscoveredXds, dualStack: boolean): string {
  const port = found.port > 0 ? found.port : 8502;
  return `${found.scheme}${dualStack ? "[::1]" : "localhost"}:${port}`;
}

/**
 * The xDS address to use: `-grpc-addr`/`CONSUL_GRPC_ADDR` when given, else
 * the one discovered from the agent's self answer (`undefined` when the
 * agent refused it with "Permission denied"). `defaulted` is set when no port
 * could be discovered and 8502 is assumed (the caller warns). Throws `Error`
 * with the discovery failure text.
 */
export function chooseXdsAddress(
  grpcAddr: string,
  self: Record<string, unknown> | undefined,
  dualStack: boolean,
): { address: string; defaulted: boolean } {
  if (grpcAddr !== "") return { address: grpcAddr, defaulted: false };
  const found = self === undefined ? { scheme: "", port: 0 } : discoverXdsPort(self);
  return { address: discoveredXdsAddress(found, dualStack), defaulted: found.port <= 0 };
}

/** The admin listener address: `-admin-bind`, else `localhost:19000` (`[::1]:19000` when dual-stack). */
export function adminBindAddress(flag: string, dualStack: boolean): string {
  if (flag !== "") return flag;
  return dualStack ? "[::1]:19000" : "localhost:19000";
}

/** A parsed xDS address, before host resolution. */
export type XdsTarget =
  | { kind: "socket"; path: string; tls: boolean }
  | { kind: "tcp"; host: string; port: string; tls: boolean };

/**
 * Parse an xDS address as Consul does: `https://` (any case) means TLS;
 * `unix://` (exact case) is a socket path, with TLS when `hasGrpcCa`;
 * otherwise one `http://` then one `https://` prefix (exact case) is removed
 * and the rest split into host and port. Throws `Error` with Consul's
 * `Invalid Consul HTTP address: …` wording.
 */
export function parseXdsAddress(addr: string, hasGrpcCa: boolean): XdsTarget {
  const tls = addr.toLowerCase().startsWith("https://");
  if (addr.startsWith("unix://")) {
    return { kind: "socket", path: addr.slice("unix://".length), tls: hasGrpcCa };
  }
  let rest = addr;
  if (rest.startsWith("http://")) rest = rest.slice("http://".length);
  if (rest.startsWith("https://")) rest = rest.slice("https://".length);
  let split: { host: string; port: string };
  try {
    split = splitHostPort(rest);
  } catch (err) {
    throw new Error(`Invalid Consul HTTP address: ${(err as Error).message}`);
  }
  if (split.host === "") {
    // Consul writes an empty agent address, which Envoy rejects.
    throw new Error(
      `invalid xDS address (-grpc-addr or CONSUL_GRPC_ADDR) ${JSON.stringify(addr)}: ` +
        "missing host; want host:port, e.g. 127.0.0.1:8502",
    );
  }
  return { kind: "tcp", host: split.host, port: split.port, tls };
}
