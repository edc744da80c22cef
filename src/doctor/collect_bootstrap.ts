/**
 * The bootstrap check's gathering: build the document with the pipeline's
 * last stages (proxy state, the pure input builder, the generator) from what
 * the other checks already collected, then, with Envoy present, let
 * `envoy --mode validate` read it through the exec path's descriptor
 * hand-off. Never registers, never writes the document anywhere.
 *
 * @module
 */

import type { BootstrapFacts } from "./checks/envoy.ts";
import type { DoctorDeps } from "./deps.ts";
import type { EnvoyProbe } from "./probes.ts";
import type { ProxyOutcome } from "./collect_agent.ts";
import type { XdsOutcome } from "./collect_local.ts";
import {
  type AdminBind,
  bootstrapInput,
  collectProxyState,
  type GatewayFlags,
  type Session,
  warnDeprecatedAccessLogPath,
} from "../pipeline/mod.ts";
import { renderBootstrap } from "../bootstrap/mod.ts";
import { errorText } from "../errors.ts";
import { envoyEnvironment } from "../exec/env.ts";

/** What the bootstrap is generated from. */
export interface BootstrapSources {
  session: Session;
  gateway: GatewayFlags;
  /** `-address` in string form. */
  lanString: string;
  proxy: ProxyOutcome;
  xds: XdsOutcome;
  admin: { bind?: AdminBind; error?: string };
  envoy: EnvoyProbe;
}

/** The error a normal run would stop with first: xDS address, admin bind, then the CA. */
function endpointError(s: BootstrapSources): string | undefined {
  if (s.xds.endpoint === undefined) return s.xds.error;
  if (s.admin.bind === undefined) return s.admin.error;
  if (s.xds.caPem === undefined) return s.xds.error;
  return undefined;
}

async function generate(s: BootstrapSources): Promise<{ text: string } | { error: string }> {
  const { session, proxy } = s;
  const early = endpointError(s);
  if (early !== undefined) return { error: early };
  if (proxy.identity === undefined || proxy.requests === undefined) {
    return { error: "the proxy registration is missing" };
  }
  try {
    const customLogPath = warnDeprecatedAccessLogPath(session);
    const state = await collectProxyState(session, proxy.requests, customLogPath);
    const input = bootstrapInput({
      options: session.options,
      os: session.deps.os,
      gateway: s.gateway,
      proxy: proxy.identity,
      http: session.http,
      lanString: s.lanString,
      endpoints: { xds: s.xds.endpoint!, admin: s.admin.bind!, caPem: s.xds.caPem! },
      state,
    });
    const text = await renderBootstrap(input, { getEnv: (name) => session.deps.env[name] });
    return { text };
  } catch (err) {
    return { error: errorText(err) };
  }
}

/** Generate the bootstrap and, with a usable Envoy, validate it. */
export async function collectBootstrap(
  s: BootstrapSources,
  validate: DoctorDeps["validate"],
): Promise<BootstrapFacts> {
  const made = await generate(s);
  if ("error" in made) return { generated: false, message: made.error };
  const bytes = new TextEncoder().encode(made.text).length;
  const envoy = s.envoy;
  if (!envoy.found) {
    return { generated: true, bytes, validation: { kind: "not-run", reason: "envoy not found" } };
  }
  if (envoy.version === undefined) {
    return {
      generated: true,
      bytes,
      validation: { kind: "not-run", reason: "envoy could not be run" },
    };
  }
  const validation = await validate(envoy.path, made.text, envoyEnvironment(s.session.deps.env));
  return { generated: true, bytes, validation };
}
