/**
 * The imperative shell: parse argv, dispatch help/version/generate, print
 * the bootstrap or hand over to Envoy, and turn every failure into one line
 * on stderr with a non-zero exit status. `main.ts` only calls {@linkcode main}.
 *
 * @module
 */

import type { Env } from "./cli/options.ts";
import type { Io } from "./io.ts";
import type { PipelineDeps } from "./pipeline.ts";
import { processIo } from "./io.ts";
import { CliError, errorText } from "./errors.ts";
import { parseArgs } from "./cli/parse.ts";
import { helpText } from "./cli/help.ts";
import { generate } from "./pipeline.ts";
import { createAgentClient } from "./agent/client.ts";
import { createResolver } from "./net/resolve.ts";
import { denoCaFs } from "./files/ca_bundle.ts";
import { dialXds } from "./net/dial.ts";
import { redact } from "./log.ts";
import { canonicalIp } from "./net/ip.ts";
import { expandSockaddrTemplate, type IfAddr, systemInterfaces } from "./gateway/sockaddr/mod.ts";
import denoJson from "../deno.json" with { type: "json" };

/** Overrides for tests; everything defaults to the real process. */
export interface MainOptions {
  env?: Env;
  io?: Io;
  os?: string;
  deps?: Partial<PipelineDeps>;
}

/** The product version, from `deno.json`. */
export const VERSION: string = denoJson.version;

function realInterfacesFactory() {
  let cached: Deno.NetworkInterfaceInfo[] | undefined;
  return () => (cached ??= Deno.networkInterfaces());
}

/** Build the real effect set, with any overrides applied. */
export function realDeps(env: Env, io: Io, os: string, over: Partial<PipelineDeps> = {}) {
  const interfaces = realInterfacesFactory();
  let ifaddrs: IfAddr[] | undefined;
  const sockaddrInterfaces = () => (ifaddrs ??= systemInterfaces());
  const deps: PipelineDeps = {
    env,
    io,
    os,
    createClient: (cfg) => createAgentClient(cfg),
    expandTemplate: (text) => expandSockaddrTemplate(text, sockaddrInterfaces()),
    localAddresses: () =>
      interfaces().map((i) => canonicalIp(i.address.split("%")[0]) ?? i.address),
    resolveHost: createResolver(),
    readTextFile: (p) => Deno.readTextFileSync(p),
    caFs: denoCaFs,
    dial: (t) => dialXds(t),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
    ...over,
  };
  return deps;
}

/**
 * Run connect-envoy with `argv`; resolves to the exit status (on a
 * successful exec it never resolves: the process has become Envoy).
 */
export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const env: Env = opts.env ?? Deno.env.toObject();
  const io = opts.io ?? processIo;
  const os = opts.os ?? Deno.build.os;
  let token = "";
  try {
    const parsed = parseArgs(argv, env, os);
    if (parsed.kind === "help") {
      io.stdout(helpText(os));
      return 0;
    }
    if (parsed.kind === "version") {
      io.stdout(`connect-envoy ${VERSION}\n`);
      return 0;
    }
    const deps = realDeps(env, io, os, opts.deps);
    const result = await generate(parsed.options, deps);
    token = result.token;
    if (parsed.options.bootstrap) {
      io.stdout(result.bootstrapText + "\n");
      return 0;
    }
    const { launchEnvoy } = await import("./exec/mod.ts");
    const envForEnvoy: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) envForEnvoy[k] = v;
    return await launchEnvoy({
      bootstrapText: result.bootstrapText,
      envoyBinary: parsed.options.envoyBinary,
      passthrough: parsed.passthrough,
      ignoreCompatibility: parsed.options.ignoreEnvoyCompatibility,
      validate: parsed.options.validate,
      env: envForEnvoy,
      io,
      os: os as typeof Deno.build.os,
    });
  } catch (err) {
    const secrets = [token, env.CONSUL_HTTP_TOKEN ?? "", env.CONSUL_PROXY_TOKEN ?? ""];
    if (err instanceof CliError) {
      const text = err.message + "\n" + (err.detail ?? "");
      io.stderr(redact(text, secrets));
      return err.exitCode;
    }
    io.stderr(redact(`connect-envoy: internal error: ${errorText(err)}\n`, secrets));
    return 1;
  }
}
