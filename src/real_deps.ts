/**
 * The real effects of a run (agent client, resolver, interfaces, files, the
 * xDS dial, clock), as the pipeline's {@linkcode PipelineDeps}. Tests and
 * `doctor` override any of them.
 *
 * @module
 */

import type { Env } from "./cli/options.ts";
import type { Io } from "./io.ts";
import type { PipelineDeps } from "./pipeline/deps.ts";
import { createAgentClient } from "./agent/client.ts";
import { createResolver } from "./net/resolve.ts";
import { denoCaFs } from "./files/ca_bundle.ts";
import { dialXds } from "./net/dial.ts";
import { canonicalIp } from "./go/net_ip.ts";
import { readTokenFile } from "./files/token_file.ts";

/** The local interfaces, read once and only when first asked for. */
function realInterfacesFactory() {
  let cached: Deno.NetworkInterfaceInfo[] | undefined;
  return () => (cached ??= Deno.networkInterfaces());
}

/** Build the real effect set, with any overrides applied. */
export function realDeps(
  env: Env,
  io: Io,
  os: string,
  over: Partial<PipelineDeps> = {},
): PipelineDeps {
  const interfaces = realInterfacesFactory();
  return {
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
}
