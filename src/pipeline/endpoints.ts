/**
 * Where Envoy connects and listens: the xDS endpoint (flag or discovered,
 * host resolved to an IP), the dial check, the admin listener and the CA
 * bundle for xDS TLS. {@linkcode resolveEndpoints} runs them in Consul's
 * order — xDS address, dial warning, admin bind, CA — while both host
 * lookups are in flight together.
 *
 * @module
 */

import type { Session } from "./session.ts";
import type { AgentSelf } from "./collect.ts";
import {
  adminBindAddress,
  chooseXdsAddress,
  parseXdsAddress,
  type XdsTarget,
} from "./endpoint_addresses.ts";
import { loadCaBundle, xdsCaSources } from "../files/ca_bundle.ts";
import { NO_CA_MESSAGE } from "../bootstrap/mod.ts";
import { settle, valueOf } from "../settle.ts";
import { CliError, errorText } from "../errors.ts";
import { parseAdminBind } from "./admin_bind.ts";

/** The xDS endpoint as written into the bootstrap. */
export interface XdsEndpoint {
  /** The resolved IP of the host (`""` for a Unix socket or an empty host). */
  address: string;
  /** The port text, verbatim (`""` for a Unix socket). */
  port: string;
  /** The socket path of a `unix://` address, else `""`. */
  socket: string;
  tls: boolean;
}

/** The admin listener: resolved IP and verbatim port text. */
export interface AdminBind {
  host: string;
  port: string;
}

/** Everything {@linkcode resolveEndpoints} settles. */
export interface Endpoints {
  xds: XdsEndpoint;
  admin: AdminBind;
  /** The CA bundle for xDS TLS, newlines escaped as `\n` (`""` when none). */
  caPem: string;
}

/**
 * The xDS address to use, parsed: `-grpc-addr` or the one discovered from
 * the agent's self answer (warns when it falls back to port 8502). Throws
 * `CliError` (`Error looking up xDS port: …`, `Invalid Consul HTTP address: …`).
 */
export function xdsTarget(session: Session, agent: AgentSelf): XdsTarget {
  const o = session.options;
  let chosen: { address: string; defaulted: boolean };
  try {
    chosen = chooseXdsAddress(o.grpcAddr, agent.body, agent.dualStack);
  } catch (err) {
    throw new CliError(`Error looking up xDS port: ${errorText(err)}`);
  }
  if (chosen.defaulted) {
    session.deps.io.stderr(
      "-grpc-addr not provided and unable to discover a gRPC address for xDS. Defaulting to localhost:8502\n",
    );
  }
  try {
    return parseXdsAddress(chosen.address, o.grpcCaFile !== "" || o.grpcCaPath !== "");
  } catch (err) {
    throw new CliError(errorText(err));
  }
}

/** Resolve the xDS host to an IP; throws `Failed to resolve agent address: …`. */
export async function resolveXds(
  target: XdsTarget,
  resolveHost: (host: string) => Promise<string>,
): Promise<XdsEndpoint> {
  if (target.kind === "socket") {
    return { address: "", port: "", socket: target.path, tls: target.tls };
  }
  try {
    const address = await resolveHost(target.host);
    return { address, port: target.port, socket: "", tls: target.tls };
  } catch (err) {
    throw new CliError(`Failed to resolve agent address: ${errorText(err)}`);
  }
}

/** Try to connect to the xDS endpoint; a failure only prints a warning. */
export async function checkXdsDial(session: Session, xds: XdsEndpoint): Promise<void> {
  const error = await session.deps.dial(
    xds.socket !== "" ? { socket: xds.socket } : { host: xds.address, port: xds.port },
  );
  if (error !== undefined) {
    session.deps.io.stderr(`There was an error dialing the xDS address: ${error}\n`);
  }
}

/**
 * The admin listener from `-admin-bind` (default `localhost:19000`, or
 * `[::1]:19000` when dual-stack), its host resolved to an IP. Throws
 * `CliError` (`invalid -admin-bind …` with what to give instead, or
 * `Failed to resolve admin bind address: …`).
 */
export async function resolveAdminBind(
  flag: string,
  dualStack: boolean,
  resolveHost: (host: string) => Promise<string>,
): Promise<AdminBind> {
  let split: { host: string; port: string };
  try {
    split = parseAdminBind(adminBindAddress(flag, dualStack));
  } catch (err) {
    throw new CliError(errorText(err));
  }
  try {
    return { host: await resolveHost(split.host), port: split.port };
  } catch (err) {
    throw new CliError(`Failed to resolve admin bind address: ${errorText(err)}`);
  }
}

/**
 * Load the CA bundle for xDS: the gRPC CA flags, falling back to the HTTP
 * ones under TLS. Loaded even without TLS (its errors still count); with
 * TLS an empty bundle is an error. Each file is read with a size cap and a
 * time limit. Rejects with `CliError`.
 */
export async function loadXdsCa(session: Session, tls: boolean): Promise<string> {
  const { options: o, http, deps } = session;
  const ca = xdsCaSources(
    tls,
    { file: o.grpcCaFile, path: o.grpcCaPath },
    { file: http.caFile, path: http.caPath },
  );
  let caPem: string;
  try {
    caPem = await loadCaBundle(ca.file, ca.path, deps.caFs, deps.os === "windows" ? "\\" : "/");
  } catch (err) {
    throw new CliError(errorText(err));
  }
  if (tls && caPem === "") throw new CliError(NO_CA_MESSAGE);
  return caPem;
}

/**
 * All endpoints, in Consul's order: the xDS address, the dial check (not
 * with `-bootstrap`; a warning at most), the admin bind, the CA bundle. The
 * xDS and admin host lookups run concurrently; the first error in that
 * order is thrown, after any warning that precedes it.
 */
export async function resolveEndpoints(session: Session, agent: AgentSelf): Promise<Endpoints> {
  const { options, deps } = session;
  session.log.debug("Generating bootstrap config");
  const target = xdsTarget(session, agent);
  const xdsP = settle(resolveXds(target, deps.resolveHost));
  const adminP = settle(resolveAdminBind(options.adminBind, agent.dualStack, deps.resolveHost));
  const xds = valueOf(await xdsP);
  if (!options.bootstrap) await checkXdsDial(session, xds);
  const admin = valueOf(await adminP);
  const caPem = await loadXdsCa(session, xds.tls);
  session.log.debug("Generated template args");
  return { xds, admin, caPem };
}
