import { assertEquals, assertMatch } from "../helpers/assert.ts";
import {
  acceptanceChecks,
  COLUMNS,
  formatChecks,
  LIMITS,
  reportRows,
  reportTable,
  type Sample,
  type VariantId,
  type VariantResult,
} from "../../scripts/bench/report.ts";

const MIB = 1024;

function samples(walls: number[], rssMiB: number, requests: number, trips: number[]): Sample[] {
  return walls.map((wallMs, i) => ({
    wallMs,
    peakRssKiB: rssMiB * MIB,
    requests,
    roundTrips: trips[i % trips.length],
  }));
}

function result(latencyMs: number, variant: VariantId, s: Sample[]): VariantResult {
  return { latencyMs, variant, label: variant, samples: s };
}

/**
 * A complete run: hello world 10 ms, floor 20 ms; the CLI `cliWall` ms, `rss` MiB, `trips20`
 * round trips at 20 ms; HTTPS with a CA file `tlsWall` ms and `tlsRss` MiB.
 */
function run(
  cliWall: number,
  rss: number,
  trips20: number[],
  tlsWall = 20,
  tlsRss = 45,
): VariantResult[] {
  return [
    result(0, "floor", samples([20, 22, 18], 31, 1, [1])),
    result(0, "sidecar-for", samples([cliWall, cliWall, cliWall], rss, 5, [5])),
    result(0, "proxy-id", samples([cliWall, cliWall, cliWall], rss, 4, [4])),
    result(20, "floor", samples([45, 45, 45], 31, 1, [1])),
    result(20, "sidecar-for", samples([90, 90, 90], rss, 5, trips20)),
    result(20, "proxy-id", samples([70, 70, 70], rss, 4, [1])),
    result(0, "hello", samples([10, 10, 10], 28, 0, [0])),
    { ...result(0, "tls-floor-ca", samples([15, 15, 15], 40, 1, [1])), floor: "tls-floor-ca" },
    {
      ...result(0, "tls-ca", samples([tlsWall, tlsWall, tlsWall], tlsRss, 5, [5])),
      floor: "tls-floor-ca",
    },
  ];
}

Deno.test("reportRows: one row per result, ratios against the floor of the same latency", () => {
  const rows = reportRows(run(25, 48, [2]));
  assertEquals(rows.length, 9);
  for (const row of rows) assertEquals(row.length, COLUMNS.length);
  assertEquals(rows[0], [
    "0 ms",
    "floor",
    "3",
    "20.0",
    "22.0",
    "1.00×",
    "2.00×",
    "31.0 / 31.0",
    "1",
    "1",
  ]);
  assertEquals(rows[1].slice(3, 7), ["25.0", "25.0", "1.25×", "2.50×"]);
  // no hello world at 20 ms
  assertEquals(rows[4].slice(5), ["2.00×", "–", "48.0 / 48.0", "5", "2"]);
  // the HTTPS row against its own TLS floor, and the hello world
  assertEquals(rows[8].slice(5, 7), ["1.33×", "2.00×"]);
  assertEquals(rows[6].slice(5, 7), ["–", "1.00×"]);
});

Deno.test("reportRows shows a range when runs disagree and a dash without a floor", () => {
  const rows = reportRows([result(5, "sidecar-for", samples([50, 60], 40, 5, [2, 3]))]);
  assertEquals(rows[0][5], "–");
  assertEquals(rows[0][6], "–");
  assertEquals(rows[0][9], "2–3");
});

Deno.test("reportTable renders every label", () => {
  const text = reportTable(run(25, 48, [2]));
  for (const v of ["floor", "sidecar-for", "proxy-id"]) assertMatch(text, new RegExp(`\\| ${v} `));
});

Deno.test("acceptanceChecks: pass and fail at the issue's limits", () => {
  const floorMedian = 20;
  const table: [string, VariantResult[], boolean[]][] = [
    [
      "all within limits",
      run(floorMedian * LIMITS.maxFloorRatio, LIMITS.maxRssMiB, [2], 25, LIMITS.maxTlsRssMiB),
      [true, true, true, true, true, true, true],
    ],
    ["one run with 3 round trips", run(25, 50, [2, 3]), [
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]],
    ["too slow", run(31, 50, [2]), [true, true, false, false, true, true, true]],
    ["too big", run(25, LIMITS.maxRssMiB + 0.5, [1]), [true, true, true, true, false, true, true]],
    ["HTTPS too slow", run(25, 50, [2], 25.5), [true, true, true, true, true, false, true]],
    ["HTTPS too big", run(25, 50, [2], 20, 50.5), [true, true, true, true, true, true, false]],
  ];
  for (const [name, results, want] of table) {
    assertEquals(acceptanceChecks(results).map((c) => c.pass), want, name);
  }
});

Deno.test("acceptanceChecks fails checks whose measurements are missing", () => {
  const checks = acceptanceChecks([result(5, "floor", samples([20], 31, 1, [1]))]);
  assertEquals(checks.length, 7);
  for (const c of checks) {
    assertEquals(c.pass, false);
    assertEquals(c.detail, "not measured");
  }
});

Deno.test("formatChecks prints one PASS/FAIL line per check", () => {
  const text = formatChecks([
    { name: "a", pass: true, detail: "x" },
    { name: "b", pass: false, detail: "y" },
  ]);
  assertEquals(text, "PASS  a — x\nFAIL  b — y\n");
});
