/**
 * Runs the real CLI (`cliCommand`: the binary's permissions) as a child and
 * measures it: wall time and peak resident memory (Linux `VmHWM`, polled
 * from `/proc/<pid>/status` while the child runs; 0 elsewhere). Also a
 * one-call fake agent serving a sidecar whose `Proxy.Config` is given.
 *
 * @module
 */

import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { cliCommand, type CliCommandOptions } from "../../src/permissions.ts";

/** What one measured run produced. */
export interface MeasuredRun {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident set size in MiB (0 when it cannot be read). */
  peakRssMiB: number;
}

function readHwmKiB(pid: number): number {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m === null ? 0 : Number(m[1]);
  } catch {
    return 0; // gone already, or not Linux
  }
}

/** Run the CLI with `args`, polling its peak RSS every 10 ms. */
export async function runMeasured(
  args: string[],
  opts: CliCommandOptions = {},
): Promise<MeasuredRun> {
  const start = performance.now();
  const child = cliCommand(args, opts).spawn();
  let peakKiB = 0;
  let done = false;
  const poll = (async () => {
    while (!done) {
      peakKiB = Math.max(peakKiB, readHwmKiB(child.pid));
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const out = await child.output();
  done = true;
  await poll;
  const d = new TextDecoder();
  return {
    code: out.code,
    stdout: d.decode(out.stdout),
    stderr: d.decode(out.stderr),
    wallMs: performance.now() - start,
    peakRssMiB: Math.round(peakKiB / 1024),
  };
}

/** The sidecar `web-sidecar-proxy` for service `web`, with this `Proxy.Config`. */
export function sidecarServices(config: Record<string, unknown>): Record<string, JsonRecord> {
  return {
    web: { Kind: "", ID: "web", Service: "web", Port: 8080, Datacenter: "dc1" },
    "web-sidecar-proxy": {
      Kind: "connect-proxy",
      ID: "web-sidecar-proxy",
      Service: "web-sidecar-proxy",
      Port: 21000,
      Address: "",
      Datacenter: "dc1",
      Proxy: {
        DestinationServiceName: "web",
        DestinationServiceID: "web",
        LocalServicePort: 8080,
        Config: config,
      },
    },
  };
}

type JsonRecord = Record<string, unknown>;

/**
 * `connect-envoy -bootstrap -sidecar-for web` against a fake agent whose
 * sidecar has `config` as `Proxy.Config`, measured.
 */
export async function bootstrapWithConfig(
  config: Record<string, unknown>,
  extraArgs: string[] = [],
  opts: CliCommandOptions = {},
): Promise<MeasuredRun> {
  const agent = await startFakeAgent({ services: sidecarServices(config) });
  try {
    const args = ["-bootstrap", "-sidecar-for", "web", "-http-addr", agent.addr];
    return await runMeasured([...args, "-grpc-addr", agent.addr, ...extraArgs], opts);
  } finally {
    await agent.close();
  }
}
