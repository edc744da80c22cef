/**
 * The doctor's own effects: a TLS handshake against the xDS server that
 * trusts only the CA the bootstrap inlines, a listen-and-close on the admin
 * address, Envoy's version, and `envoy --mode validate` through the exec
 * path's descriptor hand-off. Each resolves to plain data, never throws.
 *
 * @module
 */

import type { EnvoyVersion } from "../exec/envoy_version.ts";
import type { ExecPlan } from "../exec/exec_plan.ts";
import type { Handoff } from "../exec/handoff.ts";
import { errorText } from "../errors.ts";

/** How long the TLS handshake with the xDS server may take. */
export const TLS_PROBE_TIMEOUT_MS = 3000;

/** Where the xDS server listens. */
export type XdsPlace = { socket: string } | { host: string; port: string };

/**
 * Connect and complete a TLS handshake, verifying the server's chain
 * against `caPem` only (no system roots) and, as Envoy does for the agent
 * cluster, not matching the host name. Resolves to an error text, or
 * `undefined` when the handshake succeeded.
 */
export async function tlsHandshake(
  place: XdsPlace,
  caPem: string,
  timeoutMs = TLS_PROBE_TIMEOUT_MS,
): Promise<string | undefined> {
  const tls = await import("node:tls");
  return await new Promise((resolve) => {
    const common = { ca: caPem, checkServerIdentity: () => undefined, ALPNProtocols: ["h2"] };
    const socket = "socket" in place
      ? tls.connect({ ...common, path: place.socket })
      : tls.connect({ ...common, host: place.host, port: Number(place.port) });
    // AbortSignal.timeout, not setTimeout: the first timer costs several ms.
    const signal = AbortSignal.timeout(timeoutMs);
    const timedOut = () => finish("TLS handshake timed out");
    const finish = (error: string | undefined) => {
      signal.removeEventListener("abort", timedOut);
      socket.destroy();
      resolve(error);
    };
    signal.addEventListener("abort", timedOut, { once: true });
    socket.once("secureConnect", () => finish(undefined));
    socket.once(
      "error",
      (err: Error & { code?: string }) =>
        finish(err.code === "ECONNREFUSED" ? "connect: connection refused" : tidy(errorText(err))),
    );
  });
}

function tidy(text: string): string {
  return text.replace(/\s*\(os error \d+\)/g, "").trim();
}

/** What listening on the admin address gave. */
export interface ListenOutcome {
  inUse: boolean;
  message: string;
}

/** Listen on `host:port` and close at once; `undefined` when that worked. */
export function listenProbe(host: string, port: string): ListenOutcome | undefined {
  try {
    const listener = Deno.listen({ hostname: host, port: Number(port), transport: "tcp" });
    listener.close();
    return undefined;
  } catch (err) {
    return { inUse: err instanceof Deno.errors.AddrInUse, message: tidy(errorText(err)) };
  }
}

/** Envoy's path and version, or why there is none. */
export type EnvoyProbe =
  | { found: false; message: string }
  | { found: true; path: string; version?: EnvoyVersion; error?: string };

/** Find Envoy as the exec path does (`-envoy-binary`, else `$PATH`) and ask its version. */
export async function probeEnvoy(
  given: string,
  env: Record<string, string>,
): Promise<EnvoyProbe> {
  const { findEnvoyBinary } = await import("../exec/find_binary.ts");
  const { runVersion } = await import("../exec/version_check.ts");
  const { parseEnvoyVersion } = await import("../exec/envoy_version.ts");
  let path: string;
  try {
    path = findEnvoyBinary(given, env);
  } catch (err) {
    return { found: false, message: errorText(err) };
  }
  try {
    const run = await runVersion(path, env);
    if (run.code !== 0) {
      return { found: true, path, error: `envoy --version: exit status ${run.code}` };
    }
    const version = parseEnvoyVersion(run.stdout);
    if (version === undefined) {
      return { found: true, path, error: "unable to parse the Envoy version from envoy --version" };
    }
    return { found: true, path, version };
  } catch (err) {
    return { found: true, path, error: `cannot run it: ${tidy(errorText(err))}` };
  }
}

/** The outcome of `envoy --mode validate`. */
export type ValidationOutcome =
  | { kind: "accepted" }
  | { kind: "rejected"; message: string }
  | { kind: "not-run"; reason: string };

/**
 * Hand `bootstrapText` to `envoy --mode validate` exactly as `-validate`
 * does before exec: through an anonymous descriptor (`/dev/fd/<n>`), never
 * a named file. On an OS without the exec hand-over, validation is not run.
 */
export async function validateWithEnvoy(
  binary: string,
  bootstrapText: string,
  env: Record<string, string>,
  os: string,
  arch: string = Deno.build.arch,
): Promise<ValidationOutcome> {
  const { planExec } = await import("../exec/exec_plan.ts");
  let plan: ExecPlan;
  try {
    plan = planExec(os, arch, env);
  } catch {
    return { kind: "not-run", reason: `Envoy is not run on ${os}` };
  }
  const { loadLibc } = await import("../exec/libc.ts");
  const { createHandoff } = await import("../exec/handoff.ts");
  const { validateBootstrap } = await import("../exec/validate.ts");
  let handoff: Handoff;
  try {
    handoff = createHandoff(loadLibc(plan), plan, bootstrapText);
  } catch (err) {
    return { kind: "not-run", reason: `cannot hand the bootstrap over: ${errorText(err)}` };
  }
  try {
    await validateBootstrap(binary, handoff.path, env);
    return { kind: "accepted" };
  } catch (err) {
    return { kind: "rejected", message: errorText(err) };
  } finally {
    handoff.close();
  }
}
