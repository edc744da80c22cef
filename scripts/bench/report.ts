/**
 * Turn benchmark samples into the results table and the acceptance checks
 * (pure).
 *
 * @module
 */

import { type Column, fixed, formatTable, ratio } from "./table.ts";
import { maximum, median, summarize } from "./stats.ts";

/** What was run. */
export type VariantId =
  | "hello"
  | "floor"
  | "sequential"
  | "sidecar-for"
  | "proxy-id"
  | "tls-floor-ca"
  | "tls-ca"
  | "tls-floor-cert"
  | "tls-cert"
  | "tls-floor-insecure"
  | "tls-insecure"
  | "undici-ca";

/** One measured run, reduced to what the report needs. */
export interface Sample {
  wallMs: number;
  peakRssKiB: number;
  /** Agent requests this run made. */
  requests: number;
  /** Sequential round trips on its critical path (see `round_trips.ts`). */
  roundTrips: number;
}

/** All runs of one variant against one agent latency. */
export interface VariantResult {
  latencyMs: number;
  variant: VariantId;
  /** The floor this row is compared with (default `"floor"`). */
  floor?: VariantId;
  /** Human label for the table, e.g. `connect-envoy -bootstrap -sidecar-for web`. */
  label: string;
  samples: Sample[];
}

/** One acceptance check and its outcome. */
export interface Check {
  name: string;
  pass: boolean;
  /** The measured values behind the verdict. */
  detail: string;
}

/** Limits from the issue. */
export const LIMITS = {
  /** Latency (ms) at which round trips are checked, and their maximum. */
  roundTripLatencyMs: 20,
  maxRoundTrips: 2,
  /** Latency (ms) at which wall time is compared with the floor, and the maximum ratio. */
  floorLatencyMs: 0,
  maxFloorRatio: 1.5,
  /** Maximum peak RSS of any plain-http connect-envoy run, MiB. */
  maxRssMiB: 60,
  /** HTTPS with a CA file: maximum median wall time relative to a Deno hello world. */
  maxTlsHelloRatio: 2.5,
  /** HTTPS with a CA file: maximum peak RSS, MiB. */
  maxTlsRssMiB: 50,
} as const;

const CLI_VARIANTS: readonly VariantId[] = ["sidecar-for", "proxy-id"];

/** Columns of the results table. */
export const COLUMNS: readonly Column[] = [
  { header: "agent latency", align: "right" },
  { header: "command", align: "left" },
  { header: "runs", align: "right" },
  { header: "median ms", align: "right" },
  { header: "p90 ms", align: "right" },
  { header: "median / floor", align: "right" },
  { header: "median / hello", align: "right" },
  { header: "peak RSS MiB (median / max)", align: "right" },
  { header: "agent requests", align: "right" },
  { header: "sequential round trips", align: "right" },
];

const mib = (kib: number) => kib / 1024;

/** `"3"` when all runs agree, else `"2–3"`. */
function range(values: readonly number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

function medianWall(r: VariantResult): number {
  return median(r.samples.map((s) => s.wallMs));
}

/** The `id` result measured with the same agent latency, if any. */
function find(
  results: readonly VariantResult[],
  latencyMs: number,
  id: VariantId,
): VariantResult | undefined {
  return results.find((r) => r.latencyMs === latencyMs && r.variant === id);
}

/** The floor result `r` is compared with (its own, else the plain floor), at its latency. */
function floorFor(results: readonly VariantResult[], r: VariantResult): VariantResult | undefined {
  if (r.variant === "hello") return undefined;
  return find(results, r.latencyMs, r.floor ?? "floor");
}

/** The hello-world result (measured at one latency; it has no agent). */
function helloOf(results: readonly VariantResult[]): VariantResult | undefined {
  return results.find((r) => r.variant === "hello");
}

function floorOf(results: readonly VariantResult[], latencyMs: number): VariantResult | undefined {
  return find(results, latencyMs, "floor");
}

/** Table cells, one row per variant and latency, in input order. */
export function reportRows(results: readonly VariantResult[]): string[][] {
  return results.map((r) => {
    const wall = summarize(r.samples.map((s) => s.wallMs));
    const rss = summarize(r.samples.map((s) => mib(s.peakRssKiB)));
    const floor = floorFor(results, r);
    const hello = helloOf(results);
    return [
      `${r.latencyMs} ms`,
      r.label,
      String(r.samples.length),
      fixed(wall.median, 1),
      fixed(wall.p90, 1),
      ratio(floor ? wall.median / medianWall(floor) : undefined),
      ratio(hello && r.latencyMs === hello.latencyMs ? wall.median / medianWall(hello) : undefined),
      `${fixed(rss.median, 1)} / ${fixed(rss.max, 1)}`,
      range(r.samples.map((s) => s.requests)),
      range(r.samples.map((s) => s.roundTrips)),
    ];
  });
}

/** The results table as text. */
export function reportTable(results: readonly VariantResult[]): string {
  return formatTable(COLUMNS, reportRows(results));
}

/**
 * The performance acceptance checks. A check whose latency was not measured
 * is reported as failed, naming what is missing.
 */
export function acceptanceChecks(results: readonly VariantResult[]): Check[] {
  const checks: Check[] = [];
  const cli = (latency: number, v: VariantId) =>
    results.find((r) => r.latencyMs === latency && r.variant === v);

  for (const v of CLI_VARIANTS) {
    const r = cli(LIMITS.roundTripLatencyMs, v);
    const name =
      `${v}: at most ${LIMITS.maxRoundTrips} sequential round trips with the ${LIMITS.roundTripLatencyMs} ms agent`;
    if (r === undefined) {
      checks.push({ name, pass: false, detail: "not measured" });
      continue;
    }
    const worst = maximum(r.samples.map((s) => s.roundTrips));
    checks.push({ name, pass: worst <= LIMITS.maxRoundTrips, detail: `worst run: ${worst}` });
  }

  const floor = floorOf(results, LIMITS.floorLatencyMs);
  for (const v of CLI_VARIANTS) {
    const r = cli(LIMITS.floorLatencyMs, v);
    const name =
      `${v}: median wall time at most ${LIMITS.maxFloorRatio}× the floor with the ${LIMITS.floorLatencyMs} ms agent`;
    if (r === undefined || floor === undefined) {
      checks.push({ name, pass: false, detail: "not measured" });
      continue;
    }
    const q = medianWall(r) / medianWall(floor);
    checks.push({
      name,
      pass: q <= LIMITS.maxFloorRatio,
      detail: `${ratio(q)} (${fixed(medianWall(r), 1)} ms vs floor ${
        fixed(medianWall(floor), 1)
      } ms)`,
    });
  }

  const cliRuns = results.filter((r) => CLI_VARIANTS.includes(r.variant));
  const rssName = `connect-envoy: peak RSS at most ${LIMITS.maxRssMiB} MiB in every run`;
  if (cliRuns.length === 0) {
    checks.push({ name: rssName, pass: false, detail: "not measured" });
  } else {
    const worst = maximum(cliRuns.flatMap((r) => r.samples.map((s) => mib(s.peakRssKiB))));
    checks.push({
      name: rssName,
      pass: worst <= LIMITS.maxRssMiB,
      detail: `worst run: ${fixed(worst, 1)} MiB`,
    });
  }
  checks.push(...tlsChecks(results));
  return checks;
}

/** HTTPS with a CA file: wall time against the hello world, and peak RSS. */
function tlsChecks(results: readonly VariantResult[]): Check[] {
  const r = results.find((x) => x.variant === "tls-ca");
  const hello = helloOf(results);
  const timeName =
    `HTTPS + CA file: median wall time at most ${LIMITS.maxTlsHelloRatio}× a Deno hello world`;
  const rssName = `HTTPS + CA file: peak RSS at most ${LIMITS.maxTlsRssMiB} MiB in every run`;
  if (r === undefined || hello === undefined) {
    return [
      { name: timeName, pass: false, detail: "not measured" },
      { name: rssName, pass: false, detail: "not measured" },
    ];
  }
  const q = medianWall(r) / medianWall(hello);
  const worst = maximum(r.samples.map((s) => mib(s.peakRssKiB)));
  return [
    {
      name: timeName,
      pass: q <= LIMITS.maxTlsHelloRatio,
      detail: `${ratio(q)} (${fixed(medianWall(r), 1)} ms vs ${fixed(medianWall(hello), 1)} ms)`,
    },
    {
      name: rssName,
      pass: worst <= LIMITS.maxTlsRssMiB,
      detail: `worst run: ${fixed(worst, 1)} MiB`,
    },
  ];
}

/** The checks as `PASS`/`FAIL` lines. */
export function formatChecks(checks: readonly Check[]): string {
  return checks.map((c) => `${c.pass ? "PASS" : "FAIL"}  ${c.name} — ${c.detail}\n`).join("");
}
