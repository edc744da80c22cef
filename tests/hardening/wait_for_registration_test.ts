/**
 * `-wait-for-registration` end to end against the fake agent, whose
 * registrations appear after a delay (`registerAfterMs`): the lookup is
 * retried with one progress line per retry until found or out of time;
 * without the flag it fails at once; other failures are never retried.
 * In-process runs share a virtual clock with the agent, so their waits take
 * no real time; the one subprocess run waits for real.
 */

import {
  assert,
  assertCleanFailure,
  assertEquals,
  assertNoSecret,
  assertStringIncludes,
} from "../helpers/assert.ts";
import { type FakeAgentSpec, startFakeAgent } from "../../scripts/fake_agent.ts";
import { demoSpec } from "../helpers/demo_agent.ts";
import { runInProcess, TOKENS } from "./harness.ts";
import { runCli, type RunResult } from "../helpers/cli.ts";
import { virtualClock } from "../helpers/clock.ts";
import { INITIAL_DELAY_MS } from "../../src/wait.ts";

const PROXY_ID = "web-sidecar-proxy";
const APPEARS_AFTER_MS = 700;
const PROGRESS = /^Waiting for .+ to be registered \(retrying in [\d.]+s, \d+s left\)$/;

interface Timed extends RunResult {
  /** Time the run took: virtual in-process, real for the subprocess. */
  elapsedMs: number;
  /** Lookup requests the agent answered. */
  lookups: number;
}

/** Run against a fresh fake agent built from `spec`. */
async function run(
  spec: FakeAgentSpec,
  args: string[],
  how: "in-process" | "subprocess" = "in-process",
): Promise<Timed> {
  const clock = how === "in-process"
    ? virtualClock()
    : { now: () => performance.now(), sleep: () => Promise.resolve() };
  const agent = await startFakeAgent({ ...spec, clock: clock.now });
  try {
    const env = { CONSUL_HTTP_ADDR: agent.addr, CONSUL_HTTP_TOKEN: TOKENS.env };
    const start = clock.now();
    const r = how === "in-process"
      ? await runInProcess(args, env, { now: clock.now, sleep: clock.sleep })
      : await runCli(args, env);
    const elapsedMs = clock.now() - start;
    const lookups = agent.requests.filter((q) =>
      q.path === "/v1/agent/services" || q.path.startsWith("/v1/agent/service/")
    ).length;
    return { ...r, elapsedMs, lookups };
  } finally {
    await agent.close();
  }
}

/** The demo agent whose sidecar registration appears late. */
function lateSidecar(): FakeAgentSpec {
  const spec = demoSpec();
  spec.registerAfterMs = { [PROXY_ID]: APPEARS_AFTER_MS };
  return spec;
}

/** A demo agent with a mesh gateway that appears late. */
function lateGateway(): FakeAgentSpec {
  const spec = demoSpec();
  spec.services!["mgw"] = {
    Kind: "mesh-gateway",
    ID: "mgw",
    Service: "mesh-gateway",
    Port: 8443,
    Proxy: {},
    Datacenter: "dc1",
  };
  spec.registerAfterMs = { mgw: APPEARS_AFTER_MS };
  return spec;
}

function progressLines(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.startsWith("Waiting for "));
}

/** Success after waiting: only progress lines on stderr, a bootstrap for `nodeId`. */
function assertWaitedAndBuilt(
  r: Timed,
  nodeId: string,
  cluster: string,
  appearsAfterMs = APPEARS_AFTER_MS,
) {
  assertEquals(r.code, 0, r.stderr);
  const lines = r.stderr.trimEnd().split("\n");
  assert(lines.length >= 1 && lines.every((l) => PROGRESS.test(l)), `stderr:\n${r.stderr}`);
  assert(r.elapsedMs >= appearsAfterMs - 50, `returned after ${r.elapsedMs} ms`);
  assert(r.lookups >= 2, `only ${r.lookups} lookups`);
  const doc = JSON.parse(r.stdout);
  assertEquals(doc.node.id, nodeId);
  assertEquals(doc.node.cluster, cluster);
  assertNoSecret(r.stdout.replace(TOKENS.env, "") + r.stderr, TOKENS, "output");
}

/** Failure after waiting: progress lines, then exactly one error line naming `mention`. */
function assertWaitedAndFailed(r: Timed, mention: string, budgetMs: number) {
  assertEquals(r.code, 1, r.stderr);
  assertEquals(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  const last = lines.pop()!;
  assertStringIncludes(last, mention);
  assert(lines.length >= 1 && lines.every((l) => PROGRESS.test(l)), `stderr:\n${r.stderr}`);
  assert(r.elapsedMs >= budgetMs - 50, `gave up after ${r.elapsedMs} ms`);
  assert(r.elapsedMs < budgetMs + 1500, `took ${r.elapsedMs} ms for a ${budgetMs} ms budget`);
  assertNoSecret(r.stderr, TOKENS, "stderr");
}

Deno.test("wait: -sidecar-for waits for a late sidecar and builds its bootstrap", async () => {
  const r = await run(lateSidecar(), [
    "-bootstrap",
    "-sidecar-for",
    "web",
    "-wait-for-registration",
    "5s",
  ]);
  assertWaitedAndBuilt(r, PROXY_ID, "web");
  assertStringIncludes(progressLines(r.stderr)[0], 'a sidecar proxy for "web"');
});

Deno.test("wait: -sidecar-for gives up after 300ms with one clear line", async () => {
  const r = await run(lateSidecar(), [
    "-bootstrap",
    "-sidecar-for",
    "web",
    "-wait-for-registration",
    "300ms",
  ]);
  assertWaitedAndFailed(r, "No sidecar proxy registered for web", 300);
});

Deno.test("wait: without the flag a missing sidecar fails at once", async () => {
  const r = await run(lateSidecar(), ["-bootstrap", "-sidecar-for", "web"]);
  assertCleanFailure(r, { mention: "No sidecar proxy registered for web", secrets: TOKENS });
  assertEquals(r.lookups, 1);
  assert(r.elapsedMs < APPEARS_AFTER_MS, `took ${r.elapsedMs} ms`);
});

Deno.test("wait: -proxy-id retries the 404 until the proxy is registered", async () => {
  const r = await run(lateSidecar(), [
    "-bootstrap",
    "-proxy-id",
    PROXY_ID,
    "-wait-for-registration",
    "5s",
  ]);
  assertWaitedAndBuilt(r, PROXY_ID, "web");
  assertStringIncludes(progressLines(r.stderr)[0], `proxy "${PROXY_ID}"`);
});

Deno.test("wait: -proxy-id gives up after 300ms with the agent's 404", async () => {
  const r = await run(lateSidecar(), [
    "-bootstrap",
    "-proxy-id",
    PROXY_ID,
    "-wait-for-registration",
    "300ms",
  ]);
  assertWaitedAndFailed(r, "Unexpected response code: 404", 300);
});

Deno.test("wait: without the flag a missing -proxy-id fails at once", async () => {
  const r = await run(lateSidecar(), ["-bootstrap", "-proxy-id", PROXY_ID]);
  assertCleanFailure(r, { mention: PROXY_ID, secrets: TOKENS });
  assertEquals(r.lookups, 1);
});

Deno.test("wait: a gateway lookup waits for a late gateway", async () => {
  const r = await run(lateGateway(), [
    "-bootstrap",
    "-gateway",
    "mesh",
    "-wait-for-registration",
    "5s",
  ]);
  assertWaitedAndBuilt(r, "mgw", "mesh-gateway");
});

Deno.test("wait: other agent failures are not retried", async () => {
  const spec = lateSidecar();
  spec.failWith = { "/v1/agent/services": { status: 500, body: "rpc error" } };
  const r = await run(spec, ["-bootstrap", "-sidecar-for", "web", "-wait-for-registration", "5s"]);
  assertCleanFailure(r, { mention: "Unexpected response code: 500", secrets: TOKENS });
  assertEquals(r.lookups, 1);
});

Deno.test("wait: backoff is bounded: few lookups over a 2.5s wait", async () => {
  const spec = demoSpec();
  spec.registerAfterMs = { [PROXY_ID]: 60_000 };
  const r = await run(spec, [
    "-bootstrap",
    "-proxy-id",
    PROXY_ID,
    "-wait-for-registration",
    "2500ms",
  ]);
  assertWaitedAndFailed(r, "404", 2500);
  // 250, 500, 1000 ms, then the rest: at most 5 attempts, one progress line per retry.
  assert(r.lookups >= 3 && r.lookups <= 6, `${r.lookups} lookups`);
  assertEquals(progressLines(r.stderr).length, r.lookups - 1);
});

Deno.test("wait: the real CLI waits for a late sidecar too", async () => {
  // Counted in lookups, not time: however slowly the CLI starts, its first
  // lookup misses and the retry after the first backoff finds the sidecar.
  const spec = { ...demoSpec(), registerAfterLookups: { [PROXY_ID]: 1 } };
  const r = await run(spec, [
    "-bootstrap",
    "-sidecar-for",
    "web",
    "-wait-for-registration",
    "5s",
  ], "subprocess");
  assertWaitedAndBuilt(r, PROXY_ID, "web", INITIAL_DELAY_MS);
  assertEquals(progressLines(r.stderr).length, 1);
});
