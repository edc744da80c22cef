/**
 * A proxy run after the flags are parsed: generate the bootstrap, then print
 * it (`-bootstrap`), exec Envoy with it, or run Envoy as a supervised child
 * (`-supervise`). The Envoy side (binary search, `envoy --version`, libc)
 * starts while the agent is still answering.
 *
 * @module
 */

import type { Env, Options } from "./cli/options.ts";
import type { Io } from "./io.ts";
import type { HttpConfig } from "./agent/config.ts";
import type { AgentClient } from "./agent/types.ts";
import type { PipelineDeps, PipelineResult } from "./pipeline/mod.ts";
import type { LaunchRequest, PreparedLaunch } from "./exec/mod.ts";
import type { SuperviseSettings } from "./supervise/flags.ts";
import { generate } from "./pipeline/mod.ts";
import { realDeps } from "./real_deps.ts";
import { envoyEnvironment } from "./exec/env.ts";
import { superviseSettings } from "./supervise/flags.ts";
import { adminTarget } from "./supervise/admin_address.ts";

/** What the shell hands to a proxy run. */
export interface ProxyRun {
  options: Options;
  /** Arguments after `--` (or after the first non-flag): handed to Envoy. */
  passthrough: string[];
  env: Env;
  io: Io;
  os: string;
  /** Overrides of the real effects (tests). */
  deps?: Partial<PipelineDeps>;
  /** Every secret learnt during the run is added here (for redaction). */
  secrets: Set<string>;
}

/** The exec module with its early work started. */
interface EarlyLaunch {
  launchEnvoy: typeof import("./exec/mod.ts").launchEnvoy;
  prepared: PreparedLaunch;
}

/** The agent client factory, remembering the settings it was last called with. */
interface RecordingClientFactory {
  create(config: HttpConfig): Promise<AgentClient>;
  /** A way to connect again with the recorded settings (none before the first call). */
  reconnect(): (() => Promise<AgentClient>) | undefined;
}

/** Generate the bootstrap and print it or hand it to Envoy; resolves to the exit status. */
export async function runProxy(run: ProxyRun): Promise<number> {
  const o = run.options;
  const supervise = superviseSettings(o, run.os);
  const deps = realDeps(run.env, run.io, run.os, {
    registerSecret: (s) => {
      if (s !== "") run.secrets.add(s);
    },
    ...run.deps,
  });
  // Remember the agent settings: supervise mode keeps a registration alive.
  const clients = recordingClientFactory(deps.createClient);
  deps.createClient = clients.create;
  const envForEnvoy = envoyEnvironment(run.env);
  const early = o.bootstrap ? undefined : startLaunch(o, envForEnvoy, run.os);
  const result = await generate(o, deps);
  if (early === undefined) {
    run.io.stdout(result.bootstrapText + "\n");
    return 0;
  }
  const { launchEnvoy, prepared } = await early;
  const req = launchRequest(run, result, envForEnvoy);
  req.supervise = supervise && superviseRequest(supervise, result, clients.reconnect());
  return await launchEnvoy(req, {}, prepared);
}

function recordingClientFactory(
  create: (config: HttpConfig) => Promise<AgentClient>,
): RecordingClientFactory {
  let last: HttpConfig | undefined;
  return {
    create: (config) => create(last = config),
    reconnect: () => {
      const config = last;
      return config && (() => create(config));
    },
  };
}

/** Import the exec module and start the binary search, `envoy --version` and libc. */
function startLaunch(o: Options, env: Record<string, string>, os: string): Promise<EarlyLaunch> {
  const early = import("./exec/mod.ts").then((m) => ({
    launchEnvoy: m.launchEnvoy,
    prepared: m.prepareLaunch({
      envoyBinary: o.envoyBinary,
      env,
      ignoreCompatibility: o.ignoreEnvoyCompatibility,
      os: os as typeof Deno.build.os,
    }),
  }));
  early.catch(() => {}); // awaited (and reported) after the bootstrap is generated
  return early;
}

/** The exec request for the generated bootstrap (without supervision). */
function launchRequest(
  run: ProxyRun,
  result: PipelineResult,
  env: Record<string, string>,
): LaunchRequest {
  const o = run.options;
  return {
    bootstrapText: result.bootstrapText,
    envoyBinary: o.envoyBinary,
    passthrough: run.passthrough,
    ignoreCompatibility: o.ignoreEnvoyCompatibility,
    supportedEnvoy: result.supportedEnvoy,
    validate: o.validate,
    env,
    io: run.io,
    os: run.os as typeof Deno.build.os,
  };
}

/** `-supervise`: the settings, Envoy's admin address, and the gateway registration to keep. */
function superviseRequest(
  settings: SuperviseSettings,
  result: PipelineResult,
  reconnect: (() => Promise<AgentClient>) | undefined,
): LaunchRequest["supervise"] {
  const reg = result.registered;
  return {
    settings,
    admin: adminTarget(result.adminBind),
    registration: reg && reconnect && { ...reg, connect: reconnect },
  };
}
