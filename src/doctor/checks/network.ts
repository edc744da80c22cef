/**
 * The Network group: can Envoy reach the xDS server the bootstrap names
 * (and, with TLS, does the handshake succeed with the CA the bootstrap
 * inlines), and is the admin listener's address free? Pure functions of
 * the probes' outcomes.
 *
 * @module
 */

import { fail, pass, type Verdict } from "../types.ts";

/** Where the xDS address came from. */
export type XdsSource = "flag" | "agent" | "default";

/** The xDS address as the bootstrap would use it, and what probing it gave. */
export type XdsFacts =
  | { ok: false; problem: "address" | "ca"; message: string }
  | {
    ok: true;
    /** `host:port` (resolved) or the unix socket path. */
    where: string;
    tls: boolean;
    source: XdsSource;
    /** Which file or directory the CA came from (TLS only). */
    caSource?: string;
    /** Why the connection or the handshake failed; absent on success. */
    error?: { phase: "connect" | "tls"; message: string };
  };

const SOURCES: Record<XdsSource, string> = {
  flag: "from -grpc-addr / CONSUL_GRPC_ADDR",
  agent: "discovered from the agent",
  default: "the default: the agent did not report a gRPC port",
};

/** `xds`: the bootstrap's xDS address accepts a connection (and a verified TLS handshake). */
export function checkXds(facts: XdsFacts): Verdict {
  if (!facts.ok) {
    return fail(
      facts.message,
      facts.problem === "ca"
        ? "pass -grpc-ca-file (or -ca-file) with the CA that signed the agent's gRPC certificate"
        : "pass -grpc-addr host:port (or unix:///path/to/socket)",
    );
  }
  const how = `${facts.tls ? "TLS" : "plaintext"}, ${SOURCES[facts.source]}`;
  if (facts.error === undefined) {
    const verified = facts.tls
      ? `; TLS handshake verified with the CA from ${facts.caSource ?? "the given CA"}`
      : "";
    return pass(`${facts.where} accepts connections (${how})${verified}`);
  }
  if (facts.error.phase === "tls") {
    return fail(
      `TLS handshake with ${facts.where} failed (${how}): ${facts.error.message}`,
      "pass -grpc-ca-file (or -ca-file) with the CA that signed the agent's gRPC certificate",
    );
  }
  const hint = facts.source === "flag"
    ? "check -grpc-addr / CONSUL_GRPC_ADDR: the agent's gRPC port must be reachable from here"
    : "enable the agent's gRPC port (ports { grpc = 8502 } or { grpc_tls = 8503 }), " +
      "or pass -grpc-addr";
  return fail(
    `cannot connect to the xDS server at ${facts.where} (${how}): ${facts.error.message}`,
    hint,
  );
}

/** The admin bind address and what listening on it gave. */
export type AdminFacts =
  | { ok: false; message: string }
  | { ok: true; address: string; error?: { inUse: boolean; message: string } };

/** `admin-port`: nothing listens on the admin bind address yet. */
export function checkAdminPort(facts: AdminFacts): Verdict {
  if (!facts.ok) return fail(facts.message, "use -admin-bind host:port");
  if (facts.error === undefined) return pass(`${facts.address} is free for Envoy's admin listener`);
  if (facts.error.inUse) {
    return fail(
      `${facts.address} is already in use`,
      "use -admin-bind with a free port (is another Envoy already running here?)",
    );
  }
  return fail(
    `cannot listen on ${facts.address}: ${facts.error.message}`,
    "use -admin-bind with an address of this host and a port this user may bind",
  );
}
