/**
 * Harness for the supervise acceptance tests (Linux): the real CLI
 * (`main.ts` with the binary's permissions, or `$CONNECT_ENVOY_BIN`)
 * against the fake agent and the fake Envoy (`fake_envoy.sh` +
 * `fake_envoy.ts`), with the token in `CONSUL_HTTP_TOKEN`. A wrapper shell
 * records the descriptors connect-envoy inherits, then execs it (same PID,
 * so signals sent to the child reach connect-envoy itself).
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { connectEnvoyArgv } from "../exec/exec_harness.ts";
import { type FakeAgent, type FakeAgentSpec, startFakeAgent } from "../../scripts/fake_agent.ts";
import { sidecarServices } from "../helpers/measured_cli.ts";

/** The token every scenario uses; it must reach Envoy only inside the bootstrap. */
export const TOKEN = "5ec7e7ed-5up3-rv15-e000-t0ken0000001";

const HERE = new URL(".", import.meta.url);
const FAKE_SH = fileURLToPath(new URL("fake_envoy.sh", HERE));
const FAKE_TS = fileURLToPath(new URL("fake_envoy.ts", HERE));

/** The sidecar the default agent knows (next to its service `web`). */
export const SIDECAR = sidecarServices({})["web-sidecar-proxy"];

/** One line of the fake Envoy's log. */
export interface EnvoyEvent {
  t: number;
  event: "start" | "request" | "signal";
  method?: string;
  path?: string;
  query?: string;
  signal?: string;
  argv?: string[];
  env?: Record<string, string>;
  write?: string;
  pid?: number;
}

/** A running scenario. */
export interface Run {
  child: Deno.ChildProcess;
  agent: FakeAgent;
  /** `Date.now()` right before the agent started (its request times are relative to it). */
  agentStartWall: number;
  root: string;
  adminPort: number;
  /** The fake Envoy's log so far. */
  events(): EnvoyEvent[];
  /** Wait until `pred` holds for the log (or fail after `ms`). */
  waitFor(pred: (e: EnvoyEvent[]) => boolean, ms?: number): Promise<EnvoyEvent[]>;
  /** Exit status, stdout and stderr of connect-envoy. */
  finish(): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Descriptors connect-envoy inherited, and those Envoy had ("fd target"). */
  fds(): { before: Map<number, string>; envoy: Map<number, string> };
  cleanup(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

function parseFds(text: string, skipTarget: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split("\n")) {
    const m = /^(\d+) (.*)$/.exec(line);
    if (m !== null && m[2] !== skipTarget) out.set(Number(m[1]), m[2]);
  }
  return out;
}

const WRAPPER = 'find "/proc/$$/fd" -mindepth 1 -fprintf "$BEFORE_FDS" \'%f %l\\n\'; exec "$@"';

/** Start connect-envoy with `args` (after the agent and admin flags). */
export async function startRun(
  args: string[],
  opts: { mode?: string; agent?: FakeAgentSpec; env?: Record<string, string> } = {},
): Promise<Run> {
  const root = await Deno.makeTempDir({ prefix: "connect-envoy-supervise-" });
  const envoy = `${root}/bin/envoy`;
  await Deno.mkdir(`${root}/bin`);
  await Deno.mkdir(`${root}/tmp`);
  await Deno.copyFile(FAKE_SH, envoy);
  await Deno.chmod(envoy, 0o755);
  const agentStartWall = Date.now();
  const agent = await startFakeAgent(
    opts.agent ?? {
      services: sidecarServices({}),
      acl: { enabled: true, tokens: [TOKEN] },
    },
  );
  const adminPort = freePort();
  const argv = [
    "-grpc-addr",
    agent.addr,
    "-admin-bind",
    `127.0.0.1:${adminPort}`,
    "-envoy-binary",
    envoy,
    ...args,
  ];
  const program = connectEnvoyArgv(argv);
  const log = `${root}/envoy.log`;
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", WRAPPER, "sh", ...program],
    cwd: root,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: Deno.env.get("HOME") ?? root,
      ...(Deno.env.get("DENO_DIR") ? { DENO_DIR: Deno.env.get("DENO_DIR")! } : {}),
      TMPDIR: `${root}/tmp`,
      NO_COLOR: "1",
      CONSUL_HTTP_ADDR: agent.addr,
      CONSUL_HTTP_TOKEN: TOKEN,
      BEFORE_FDS: `${root}/before_fds`,
      FAKE_ENVOY_DENO: Deno.execPath(),
      FAKE_ENVOY_SCRIPT: FAKE_TS,
      FAKE_ENVOY_LOG: log,
      FAKE_ENVOY_MODE: opts.mode ?? "normal",
      ...opts.env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stdoutP = new Response(child.stdout).text();
  const stderrP = new Response(child.stderr).text();
  const events = (): EnvoyEvent[] => {
    try {
      return Deno.readTextFileSync(log).split("\n").filter((l) => l !== "").map((l) =>
        JSON.parse(l)
      );
    } catch {
      return [];
    }
  };
  let exited = false;
  child.status.then(() => exited = true);
  return {
    child,
    agent,
    agentStartWall,
    root,
    adminPort,
    events,
    async waitFor(pred, ms = 20_000) {
      const end = Date.now() + ms;
      for (;;) {
        const e = events();
        if (pred(e)) return e;
        if (Date.now() > end || exited) {
          const st = await stderrP.catch(() => "");
          throw new Error(`condition not met; log: ${JSON.stringify(e)}; stderr: ${st}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async finish() {
      const st = await child.status;
      return { code: st.code, stdout: await stdoutP, stderr: await stderrP };
    },
    fds() {
      return {
        before: parseFds(Deno.readTextFileSync(`${root}/before_fds`), ""),
        envoy: parseFds(Deno.readTextFileSync(`${log}.fds`), envoy),
      };
    },
    async cleanup() {
      try {
        child.kill("SIGKILL");
      } catch {
        // already exited
      }
      // Envoy runs in its own session: a killed connect-envoy leaves it running (holding
      // the output pipes open), so a failed scenario kills it too.
      for (const e of events()) {
        if (e.event !== "start" || e.pid === undefined) continue;
        try {
          Deno.kill(e.pid, "SIGKILL");
        } catch {
          // already exited
        }
      }
      await child.status;
      await stdoutP.catch(() => "");
      await stderrP.catch(() => "");
      await agent.close();
      await Deno.remove(root, { recursive: true });
    },
  };
}

/** True once the fake Envoy is serving its admin API. */
export const started = (e: EnvoyEvent[]): boolean => e.some((x) => x.event === "start");

/** The admin requests with `path`. */
export function requests(e: EnvoyEvent[], path: string): EnvoyEvent[] {
  return e.filter((x) => x.event === "request" && x.path === path);
}

/** Files under `dir` (recursively) whose content contains `needle`, minus `skip`. */
export function filesContaining(dir: string, needle: string, skip: string[]): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (skip.includes(p)) continue;
    if (e.isDirectory) out.push(...filesContaining(p, needle, skip));
    else if (e.isFile && Deno.readTextFileSync(p).includes(needle)) out.push(p);
  }
  return out;
}
