/**
 * The imperative shell: parse argv, dispatch help/version/generate, print
 * the bootstrap or hand over to Envoy, and turn every failure into one line
 * on stderr with a non-zero exit status. `main.ts` only calls {@linkcode main}.
 *
 * @module
 */

import type { Env } from "./cli/options.ts";
import type { Io } from "./io.ts";
import type { PipelineDeps } from "./pipeline/mod.ts";
import { processIo } from "./io.ts";
import { CliError, errorText } from "./errors.ts";
import { parseArgs } from "./cli/parse.ts";
import { generate } from "./pipeline/mod.ts";
import { createAgentClient } from "./agent/client.ts";
import { createResolver } from "./net/resolve.ts";
import { denoCaFs } from "./files/ca_bundle.ts";
import { dialXds } from "./net/dial.ts";
import { redact } from "./log.ts";
import { canonicalIp } from "./go/net_ip.ts";
import { readTokenFile } from "./files/token_file.ts";
import type { HttpConfig } from "./agent/config.ts";
import { envoyEnvironment } from "./exec/env.ts";
import { superviseSettings } from "./supervise/flags.ts";
import { adminTarget } from "./supervise/admin_address.ts";
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
  const deps: PipelineDeps = {
    env,
    io,
    os,
    createClient: (cfg) => createAgentClient(cfg),
    loadTemplateExpander: async () => {
      const { expandSockaddrTemplate, systemInterfaces } = await import(
        "./gateway/sockaddr/mod.ts"
      );
      const ifaddrs = systemInterfaces();
      return (text) => expandSockaddrTemplate(text, ifaddrs);
    },
    localAddresses: () =>
      interfaces().map((i) => canonicalIp(i.address.split("%")[0]) ?? i.address),
    interfaceNames: () => [...new Set(interfaces().map((i) => i.name))],
    resolveHost: createResolver(),
    readTextFile: (p) => readTokenFile(p),
    caFs: denoCaFs,
    dial: (t) => dialXds(t),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
    ...over,
  };
  return deps;
}

/**
 * Every failure is one line: line breaks inside a message (an agent's
 * multi-line error body, a list of Config errors) become single spaces.
 */
export function oneLine(message: string): string {
  return message.trim().replace(/\s*[\r\n]+\s*/g, " ");
}

/**
 * Secrets visible before anything is parsed: token variables, the
 * password of `CONSUL_HTTP_AUTH`, and `-token` values on the command line
 * (so even a flag-parse error cannot echo them).
 */
export function secretsFromInputs(argv: readonly string[], env: Env): string[] {
  const out: string[] = [];
  for (const name of ["CONSUL_HTTP_TOKEN", "CONSUL_PROXY_TOKEN"]) {
    const v = env[name];
    if (v) out.push(v);
  }
  const auth = env.CONSUL_HTTP_AUTH;
  if (auth) {
    const colon = auth.indexOf(":");
    if (colon >= 0) out.push(auth.slice(colon + 1));
  }
  const passwordOf = (addr: string | undefined) => {
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^/@]*?:([^/@]*)@/i.exec(addr ?? "");
    if (m !== null && m[1] !== "") out.push(m[1]);
  };
  passwordOf(env.CONSUL_HTTP_ADDR);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?(token|http-addr)(?:=(.*))?$/.exec(argv[i]);
    if (m === null) continue;
    const v = m[2] ?? argv[i + 1];
    if (!v) continue;
    if (m[1] === "token") out.push(v);
    else passwordOf(v);
  }
  return out.filter((s) => s !== "");
}

/**
 * Run connect-envoy with `argv`; resolves to the exit status (on a
 * successful exec it never resolves: the process has become Envoy).
 */
export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const env: Env = opts.env ?? Deno.env.toObject();
  const io = opts.io ?? processIo;
  const os = opts.os ?? Deno.build.os;
  // Every secret known so far; all text printed on failure is redacted with it.
  const secrets = new Set<string>(secretsFromInputs(argv, env));
  try {
    const parsed = parseArgs(argv, env, os);
    if (parsed.kind === "help") {
      const { helpText } = await import("./cli/help.ts");
      io.stdout(helpText(os));
      return 0;
    }
    if (parsed.kind === "version") {
      io.stdout(`connect-envoy ${VERSION}\n`);
      return 0;
    }
    const o = parsed.options;
    const supervise = superviseSettings(o, os);
    const deps = realDeps(env, io, os, {
      registerSecret: (s) => {
        if (s !== "") secrets.add(s);
      },
      ...opts.deps,
    });
    // Remember the agent settings: supervise mode keeps a registration alive.
    let agentConfig: HttpConfig | undefined;
    const createClient = deps.createClient;
    deps.createClient = (cfg) => createClient(agentConfig = cfg);
    const envForEnvoy = envoyEnvironment(env);
    const launchOs = os as typeof Deno.build.os;
    // The binary search, `envoy --version` and libc start while the agent answers.
    const early = o.bootstrap ? undefined : import("./exec/mod.ts").then((m) => ({
      launchEnvoy: m.launchEnvoy,
      prepared: m.prepareLaunch({
        envoyBinary: o.envoyBinary,
        env: envForEnvoy,
        ignoreCompatibility: o.ignoreEnvoyCompatibility,
        os: launchOs,
      }),
    }));
    early?.catch(() => {});
    const result = await generate(o, deps);
    if (o.bootstrap || early === undefined) {
      io.stdout(result.bootstrapText + "\n");
      return 0;
    }
    const { launchEnvoy, prepared } = await early;
    const reg = result.registered;
    return await launchEnvoy(
      {
        bootstrapText: result.bootstrapText,
        envoyBinary: o.envoyBinary,
        passthrough: parsed.passthrough,
        ignoreCompatibility: o.ignoreEnvoyCompatibility,
        supportedEnvoy: result.supportedEnvoy,
        validate: o.validate,
        env: envForEnvoy,
        io,
        os: launchOs,
        supervise: supervise && {
          settings: supervise,
          admin: adminTarget(result.adminBind),
          registration: reg && agentConfig && {
            ...reg,
            connect: ((c: HttpConfig) => () => createClient(c))(agentConfig),
          },
        },
      },
      {},
      prepared,
    );
  } catch (err) {
    const list = [...secrets];
    if (err instanceof CliError) {
      const text = oneLine(err.message) + "\n" + (err.detail ?? "");
      io.stderr(redact(text, list));
      return err.exitCode;
    }
    io.stderr(redact(`connect-envoy: internal error: ${oneLine(errorText(err))}\n`, list));
    return 1;
  }
}
