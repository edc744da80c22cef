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
 * At the first latency it also runs a bare Deno hello world (the reference
 * for every "/ hello" ratio) and, unless `--no-tls`, three HTTPS agent set-ups,
 * each as a pair — a TLS floor (`floor_client.ts`: one request over the same
 * TLS client) and the CLI — plus undici's cost for the same request
 * (`undici_client.ts`, reference only): a CA file (`CONSUL_CACERT`), a CA file
 * with a client certificate, and verification off. The TLS material is the
 * repository's throw-away set in `scripts/fixtures/tls/` (CA, server
 * certificate for 127.0.0.1, client certificate), so no row depends on files
 * outside the repository.
 *
 * Options: `--runs N` (default 15), `--latencies 0,5,20`, `--no-tls` (skip the HTTPS rows),
 * `--no-reference` (skip the undici row).
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
  /** Add the HTTPS rows at the first latency. */
  tls: boolean;
  /** Add undici's reference row (with `tls`). */
  reference: boolean;
}

function parseOptions(args: readonly string[]): BenchOptions {
  const opts: BenchOptions = { runs: 15, latencies: [0, 5, 20], tls: true, reference: true };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--no-tls" || args[i] === "--no-reference") {
      if (args[i] === "--no-tls") opts.tls = false;
      opts.reference = false;
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
      throw new Error(
        `unknown option ${args[i]} (use --runs N, --latencies 0,5,20, --no-tls, --no-reference)`,
      );
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
      // The undici reference must not write its package into the project's lockfile.
      ...(script === "undici_client.ts" ? ["--no-lock"] : []),
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
  /** The floor this row is compared with (default: the plain floor). */
  floor?: VariantId;
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

/** The repository's throw-away TLS set (CA without its key; valid until 2126). */
const TLS_DIR = join(ROOT, "scripts", "fixtures", "tls");
const TLS = {
  ca: join(TLS_DIR, "ca.pem"),
  serverCert: join(TLS_DIR, "server.pem"),
  serverKey: join(TLS_DIR, "server.key"),
  clientCert: join(TLS_DIR, "client.pem"),
  clientKey: join(TLS_DIR, "client.key"),
};

/** A floor-like helper script row. */
function helper(
  id: VariantId,
  agent: FakeAgent,
  label: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  floor?: VariantId,
): Variant {
  return { id, floor, agent, label, spec: scriptSpec(script, args, env), verify: () => {} };
}

/**
 * The HTTPS rows against `tlsAgent`: for a CA file, a CA file plus client
 * certificate, and verification off, a TLS floor and the CLI; then undici's
 * cost for the CA-file request (reference).
 */
function tlsVariants(
  tlsAgent: FakeAgent,
  env: Record<string, string>,
  reference: boolean,
  cli: (id: VariantId, env: Record<string, string>, note: string, floor: VariantId) => Variant,
): Variant[] {
  const url = tlsAgent.url;
  const base = { ...env, CONSUL_HTTP_ADDR: url };
  const sets: [VariantId, VariantId, string, string[], Record<string, string>][] = [
    ["tls-floor-ca", "tls-ca", "CA file", ["--ca-file", TLS.ca], { CONSUL_CACERT: TLS.ca }],
    [
      "tls-floor-cert",
      "tls-cert",
      "CA file + client cert",
      ["--ca-file", TLS.ca, "--client-cert", TLS.clientCert, "--client-key", TLS.clientKey],
      {
        CONSUL_CACERT: TLS.ca,
        CONSUL_CLIENT_CERT: TLS.clientCert,
        CONSUL_CLIENT_KEY: TLS.clientKey,
      },
    ],
    ["tls-floor-insecure", "tls-insecure", "verification off", ["--insecure"], {
      CONSUL_HTTP_SSL_VERIFY: "false",
    }],
  ];
  const out: Variant[] = [];
  for (const [floorId, cliId, what, args, cliEnv] of sets) {
    out.push(
      helper(
        floorId,
        tlsAgent,
        `TLS floor (${what}): hello world + 1 request, the CLI's TLS client`,
        "floor_client.ts",
        [url, ...args],
        base,
        floorId,
      ),
      cli(cliId, { ...base, ...cliEnv }, ` (HTTPS, ${what})`, floorId),
    );
  }
  if (reference) {
    out.push(
      helper(
        "undici-ca",
        tlsAgent,
        "reference: hello world + 1 request, undici (CA file)",
        "undici_client.ts",
        [url, "--ca-file", TLS.ca],
        base,
        "tls-floor-ca",
      ),
    );
  }
  return out;
}

/** Notes printed under the table (e.g. a reference row that could not run). */
const NOTES: string[] = [];

/**
 * Run each variant once, untimed. Only the undici reference may fail (its
 * package may be unreachable): it is then dropped from `all` with a note;
 * any other failure stops the bench.
 */
async function warmUp(variants: Variant[], method: RssMethod, all: Variant[]): Promise<void> {
  for (const v of variants) {
    try {
      await runOnce(v, method);
    } catch (err) {
      if (v.id !== "undici-ca") throw err;
      all.splice(all.indexOf(v), 1);
      NOTES.push(`reference row "${v.label}" not measured: ${(err as Error).message}`);
    }
  }
}

/** Run every variant `runs` times, interleaved; the samples and each variant's last requests. */
async function runInterleaved(variants: Variant[], runs: number, method: RssMethod) {
  const samples = new Map<VariantId, Sample[]>(variants.map((v) => [v.id, []]));
  const lastRequests = new Map<VariantId, RecordedRequest[]>();
  for (let i = 0; i < runs; i++) {
    for (const v of variants) {
      const out = await runOnce(v, method);
      samples.get(v.id)!.push(out.sample);
      lastRequests.set(v.id, out.requests);
    }
  }
  return { samples, lastRequests };
}

/**
 * One agent latency: start the agent(s), warm up, then run every variant
 * `opts.runs` times, interleaved. At the `first` latency, also the hello world
 * and (with `opts.tls`) the HTTPS rows.
 */
async function benchLatency(
  latencyMs: number,
  fixture: FakeAgentSpec,
  opts: BenchOptions,
  method: RssMethod,
  first: boolean,
): Promise<{ results: VariantResult[]; paths: string[] }> {
  const agents: FakeAgent[] = [];
  try {
    const agent = await startFakeAgent({ ...fixture, latencyMs });
    agents.push(agent);
    const env = childEnv(agent);
    const cli = (
      id: VariantId,
      args: string[],
      on = agent,
      cliEnv = env,
      note = "",
      floor?: VariantId,
    ): Variant => ({
      id,
      floor,
      agent: on,
      label: `connect-envoy ${args.join(" ")}${note}`,
      spec: cliSpec(args, cliEnv),
      verify: bootstrapJson,
    });
    const sidecar = cli("sidecar-for", SIDECAR_ARGS);
    const proxyId = cli("proxy-id", PROXY_ID_ARGS);
    const floor = helper(
      "floor",
      agent,
      "floor: hello world + 1 request, the CLI's client",
      "floor_client.ts",
      [agent.url],
      env,
    );
    const variants = first
      ? [helper("hello", agent, "Deno hello world", "hello.ts", [], env), floor]
      : [floor];

    // Warm-up (untimed): fills the Deno cache and records the CLI's requests.
    const warm = await runOnce(sidecar, method);
    const seqArgs = warm.requests.flatMap((r) => [
      r.method,
      r.path + (r.query === "" ? "" : "?" + r.query),
    ]);
    variants.push(
      helper(
        "sequential",
        agent,
        `sequential model: ${warm.requests.length} requests one by one`,
        "sequential_client.ts",
        [agent.url, ...seqArgs],
        env,
      ),
      sidecar,
      proxyId,
    );
    if (first && opts.tls) {
      const tlsAgent = await startFakeAgent({
        ...fixture,
        latencyMs,
        tls: { certFile: TLS.serverCert, keyFile: TLS.serverKey },
      });
      agents.push(tlsAgent);
      variants.push(...tlsVariants(
        tlsAgent,
        env,
        opts.reference,
        (id, cliEnv, note, floor) => cli(id, SIDECAR_ARGS, tlsAgent, cliEnv, note, floor),
      ));
    }
    await warmUp(variants.filter((v) => v !== sidecar), method, variants);

    const { samples, lastRequests } = await runInterleaved(variants, opts.runs, method);
    const paths = [sidecar, proxyId].map((v) => {
      const reqs = lastRequests.get(v.id) ?? [];
      const path = criticalPath(reqs).chain.map((i) => describe(reqs[i]));
      return `${latencyMs} ms, ${v.label}: ${path.join("  →  ")}`;
    });
    return {
      results: variants.map((v) => ({
        latencyMs,
        variant: v.id,
        floor: v.floor,
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
  const results: VariantResult[] = [];
  const paths: string[] = [];
  for (const latency of opts.latencies) {
    console.error(`bench: agent latency ${latency} ms, ${opts.runs} runs per command…`);
    const r = await benchLatency(
      latency,
      fixture,
      opts,
      method,
      latency === opts.latencies[0],
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
  for (const note of NOTES) console.log(`NOTE  ${note}`);
  console.log(formatChecks(checks));
  console.log(`total bench time: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return checks.every((c) => c.pass) ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
