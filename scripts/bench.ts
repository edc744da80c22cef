/**
 * The performance benchmark (`deno task bench`).
 *
 * For each agent latency (default 0, 5 and 20 ms) it starts the fake agent
 * (`scripts/fake_agent.ts`, fixture `scripts/fixtures/demo_agent.json`) in
 * this process, then runs, interleaved, `--runs` times each:
 *
 * - the **floor**: `deno run` of `scripts/bench/floor_client.ts` (one `fetch`
 *   to the agent, then exit), with the CLI's permission flags;
 * - the **sequential-client model**: `deno run` of
 *   `scripts/bench/sequential_client.ts`, issuing the requests the CLI made
 *   for `-sidecar-for web` (taken from the agent's log) one after another;
 * - `connect-envoy -bootstrap -sidecar-for web` and
 *   `connect-envoy -bootstrap -proxy-id web-sidecar-proxy`, run exactly like
 *   the compiled binary (`src/permissions.ts`), or the binary itself when
 *   `CONNECT_ENVOY_BIN` is set.
 *
 * It prints the table (median/p90 wall time, ratio to the floor, peak RSS,
 * agent requests, sequential round trips from the agent's timestamps), the
 * critical path of each command, and the acceptance checks; the exit status
 * is 1 when a check fails.
 *
 * At the first latency it also runs the CLI against an HTTPS agent with
 * `CONSUL_CACERT` (the kit's throw-away CA in `../shared/conformance/agent-tls/`),
 * which takes the lazily imported undici transport: the cost of that path.
 *
 * Options: `--runs N` (default 15), `--latencies 0,5,20`, `--no-tls` (skip the HTTPS row).
 *
 * @module
 */

import { join } from "node:path";
import {
  type FakeAgent,
  type FakeAgentSpec,
  type RecordedRequest,
  startFakeAgent,
} from "./fake_agent.ts";
import { denoRunArgs, PERMISSION_FLAGS, repoRoot, RUNTIME_FLAGS } from "../src/permissions.ts";
import { detectRssMethod, measureRun, type RssMethod, type RunSpec } from "./bench/measure.ts";
import { criticalPath } from "./bench/round_trips.ts";
import {
  acceptanceChecks,
  formatChecks,
  reportTable,
  type Sample,
  type VariantId,
  type VariantResult,
} from "./bench/report.ts";

interface BenchOptions {
  runs: number;
  latencies: number[];
  /** Add the HTTPS (undici) row at the first latency. */
  tls: boolean;
}

function parseOptions(args: readonly string[]): BenchOptions {
  const opts: BenchOptions = { runs: 15, latencies: [0, 5, 20], tls: true };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--no-tls") {
      opts.tls = false;
      continue;
    }
    const [name, inline] = args[i].split("=", 2);
    const value = inline ?? args[++i];
    if (name === "--runs") {
      opts.runs = Number(value);
      if (!Number.isInteger(opts.runs) || opts.runs < 1) {
        throw new Error(`--runs: bad value ${value}`);
      }
    } else if (name === "--latencies") {
      opts.latencies = String(value).split(",").map(Number);
      if (opts.latencies.some((n) => !Number.isFinite(n) || n < 0)) {
        throw new Error(`--latencies: bad value ${value}`);
      }
    } else {
      throw new Error(`unknown option ${args[i]} (use --runs N, --latencies 0,5,20, --no-tls)`);
    }
  }
  return opts;
}

const ROOT = repoRoot();
const SIDECAR_ARGS = ["-bootstrap", "-sidecar-for", "web"];
const PROXY_ID_ARGS = ["-bootstrap", "-proxy-id", "web-sidecar-proxy"];

/** The environment every child gets: enough for Deno to find its cache, plus the agent address. */
function childEnv(agent: FakeAgent): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1", CONSUL_HTTP_ADDR: agent.addr };
  for (const name of ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "TMPDIR"]) {
    const v = Deno.env.get(name);
    if (v !== undefined) env[name] = v;
  }
  return env;
}

/** The CLI, as the compiled binary would be run. */
function cliSpec(args: string[], env: Record<string, string>): RunSpec {
  const binary = Deno.env.get("CONNECT_ENVOY_BIN") ?? "";
  return binary !== ""
    ? { program: binary, args, env }
    : { program: Deno.execPath(), args: denoRunArgs(args, ROOT), env };
}

/** A helper script under `scripts/bench/`, with the CLI's runtime and permission flags. */
function scriptSpec(script: string, args: string[], env: Record<string, string>): RunSpec {
  return {
    program: Deno.execPath(),
    args: [
      "run",
      ...RUNTIME_FLAGS,
      ...PERMISSION_FLAGS,
      `--config=${join(ROOT, "deno.json")}`,
      join(ROOT, "scripts", "bench", script),
      ...args,
    ],
    env,
  };
}

function describe(r: RecordedRequest): string {
  return `${r.method} ${r.path}${r.query === "" ? "" : "?" + r.query}`;
}

interface Variant {
  id: VariantId;
  /** The agent this variant talks to (its requests are recorded there). */
  agent: FakeAgent;
  label: string;
  spec: RunSpec;
  /** Check the output of a run; throws with the reason. */
  verify(stdout: string): void;
}

interface RunOutcome {
  sample: Sample;
  requests: RecordedRequest[];
}

async function runOnce(v: Variant, method: RssMethod): Promise<RunOutcome> {
  const agent = v.agent;
  const before = agent.requests.length;
  const out = await measureRun(v.spec, method);
  const requests = agent.requests.slice(before);
  if (out.code !== 0) {
    throw new Error(`${v.label} exited ${out.code}: ${out.stderr.trim().split("\n").pop()}`);
  }
  v.verify(out.stdout);
  return {
    sample: {
      wallMs: out.wallMs,
      peakRssKiB: out.peakRssKiB,
      requests: requests.length,
      roundTrips: criticalPath(requests).roundTrips,
    },
    requests,
  };
}

function bootstrapJson(stdout: string): void {
  const doc = JSON.parse(stdout);
  if (doc?.node?.id !== "web-sidecar-proxy") throw new Error("bootstrap has the wrong node.id");
}

const TLS_DIR = join(ROOT, "..", "shared", "conformance", "agent-tls");

/** The kit's throw-away agent certificate, if present (for the HTTPS/undici row). */
async function tlsFiles(): Promise<
  { certFile: string; keyFile: string; caFile: string } | undefined
> {
  const files = {
    certFile: join(TLS_DIR, "cert.pem"),
    keyFile: join(TLS_DIR, "key.pem"),
    caFile: join(TLS_DIR, "ca.pem"),
  };
  try {
    for (const f of Object.values(files)) await Deno.stat(f);
    return files;
  } catch {
    return undefined;
  }
}

/**
 * One agent latency: start the agent(s), warm up, then run every variant
 * `opts.runs` times, interleaved. With `withTls`, also an HTTPS agent and the
 * CLI with `CONSUL_CACERT` (the lazily loaded undici transport).
 */
async function benchLatency(
  latencyMs: number,
  fixture: FakeAgentSpec,
  opts: BenchOptions,
  method: RssMethod,
  withTls: { certFile: string; keyFile: string; caFile: string } | undefined,
): Promise<{ results: VariantResult[]; paths: string[] }> {
  const agents: FakeAgent[] = [];
  try {
    const agent = await startFakeAgent({ ...fixture, latencyMs });
    agents.push(agent);
    const env = childEnv(agent);
    const cli = (id: VariantId, args: string[], on = agent, cliEnv = env, note = ""): Variant => ({
      id,
      agent: on,
      label: `connect-envoy ${args.join(" ")}${note}`,
      spec: cliSpec(args, cliEnv),
      verify: bootstrapJson,
    });
    const sidecar = cli("sidecar-for", SIDECAR_ARGS);
    const proxyId = cli("proxy-id", PROXY_ID_ARGS);
    const floor: Variant = {
      id: "floor",
      agent,
      label: "floor: deno hello-world + 1 fetch",
      spec: scriptSpec("floor_client.ts", [`${agent.url}/v1/agent/self`], env),
      verify: () => {},
    };
    const variants = [floor];

    // Warm-up (untimed): fills the Deno cache and records the CLI's requests.
    const warm = await runOnce(sidecar, method);
    const seqArgs = warm.requests.flatMap((r) => [
      r.method,
      r.path + (r.query === "" ? "" : "?" + r.query),
    ]);
    variants.push(
      {
        id: "sequential",
        agent,
        label: `sequential model: ${warm.requests.length} fetches one by one`,
        spec: scriptSpec("sequential_client.ts", [agent.url, ...seqArgs], env),
        verify: () => {},
      },
      sidecar,
      proxyId,
    );
    if (withTls !== undefined) {
      const tlsAgent = await startFakeAgent({
        ...fixture,
        latencyMs,
        tls: { certFile: withTls.certFile, keyFile: withTls.keyFile },
      });
      agents.push(tlsAgent);
      const tlsEnv = { ...env, CONSUL_HTTP_ADDR: tlsAgent.url, CONSUL_CACERT: withTls.caFile };
      variants.push(
        cli("sidecar-for-tls", SIDECAR_ARGS, tlsAgent, tlsEnv, " (HTTPS + CONSUL_CACERT: undici)"),
      );
    }
    for (const v of variants) if (v !== sidecar) await runOnce(v, method);

    const samples = new Map<VariantId, Sample[]>(variants.map((v) => [v.id, []]));
    const lastRequests = new Map<VariantId, RecordedRequest[]>();
    for (let i = 0; i < opts.runs; i++) {
      for (const v of variants) {
        const out = await runOnce(v, method);
        samples.get(v.id)!.push(out.sample);
        lastRequests.set(v.id, out.requests);
      }
    }
    const paths = [sidecar, proxyId].map((v) => {
      const reqs = lastRequests.get(v.id) ?? [];
      const path = criticalPath(reqs).chain.map((i) => describe(reqs[i]));
      return `${latencyMs} ms, ${v.label}: ${path.join("  →  ")}`;
    });
    return {
      results: variants.map((v) => ({
        latencyMs,
        variant: v.id,
        label: v.label,
        samples: samples.get(v.id)!,
      })),
      paths,
    };
  } finally {
    for (const a of agents) await a.close();
  }
}

async function main(): Promise<number> {
  const opts = parseOptions(Deno.args);
  const t0 = performance.now();
  const method = await detectRssMethod();
  const fixture = JSON.parse(
    await Deno.readTextFile(join(ROOT, "scripts", "fixtures", "demo_agent.json")),
  ) as FakeAgentSpec;
  const tls = await tlsFiles();
  if (opts.tls && tls === undefined) console.error(`bench: no ${TLS_DIR}; skipping the HTTPS row`);
  const results: VariantResult[] = [];
  const paths: string[] = [];
  for (const latency of opts.latencies) {
    console.error(`bench: agent latency ${latency} ms, ${opts.runs} runs per command…`);
    const r = await benchLatency(
      latency,
      fixture,
      opts,
      method,
      opts.tls && latency === opts.latencies[0] ? tls : undefined,
    );
    results.push(...r.results);
    paths.push(...r.paths);
  }
  const checks = acceptanceChecks(results);
  const binary = Deno.env.get("CONNECT_ENVOY_BIN");
  console.log(
    `connect-envoy benchmark — Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} CPUs, ` +
      `${opts.runs} runs per row, CLI = ${binary ? binary : "deno run main.ts"}, peak RSS via ${
        method === "wait4"
          ? "wait4() ru_maxrss (python3 wrapper)"
          : "/proc/<pid>/status VmHWM polling"
      }\n`,
  );
  console.log(reportTable(results));
  console.log(
    "Round trips = longest chain of agent requests each arriving after the previous was answered;\n" +
      "meaningful only with latency > 0 (a 0 ms agent answers before the next request arrives).\n",
  );
  console.log("Critical path (last run):");
  for (const p of paths) console.log(`  ${p}`);
  console.log("");
  console.log(formatChecks(checks));
  console.log(`total bench time: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return checks.every((c) => c.pass) ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
