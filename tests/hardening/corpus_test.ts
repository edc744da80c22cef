/**
 * The bad-input corpus: every row of `corpus_cases.ts` runs
 * in-process through `main` (one fake agent per agent variant), and the rows
 * marked `subprocess` also run through the real CLI with the compiled
 * binary's permissions. Each must fail cleanly (see `assertCleanFailure`).
 *
 * Usage-block decision: a flag-parse error prints its one error line and
 * then Go's `Usage:` block; for those rows the first line
 * is checked and everything after it must be the usage block. Every other
 * row must print exactly one line.
 */

import { assert, assertCleanFailure, assertEquals } from "../helpers/assert.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { createAgentClient } from "../../src/agent/client.ts";
import type { TlsFs } from "../../src/agent/tls.ts";
import { denoTlsFs } from "../../src/agent/tls.ts";
import type { PipelineDeps } from "../../src/pipeline/mod.ts";
import { CORPUS, type CorpusCase, type InProcessTweak } from "./corpus_cases.ts";
import { AGENTS } from "./corpus_agents.ts";
import { deadAddress, makeScratch, runInProcess, runningAsRoot, TOKENS } from "./harness.ts";
import { runCli, type RunResult } from "../helpers/cli.ts";

/** Values substituted for `{agent}`, `{dir}`, `{dead}`. */
interface Ctx {
  agent: string;
  dir: string;
  dead: string;
}

function expand(text: string, ctx: Ctx): string {
  return text.replaceAll("{agent}", ctx.agent).replaceAll("{dir}", ctx.dir).replaceAll(
    "{dead}",
    ctx.dead,
  );
}

function caseEnv(c: CorpusCase, ctx: Ctx): Record<string, string> {
  const env: Record<string, string> = {
    CONSUL_HTTP_ADDR: ctx.agent,
    CONSUL_HTTP_TOKEN: TOKENS.env,
  };
  for (const [k, v] of Object.entries(c.env ?? {})) env[k] = expand(v, ctx);
  return env;
}

function permissionDenied(path: string): Error {
  return new Deno.errors.PermissionDenied(`Permission denied (os error 13): open '${path}'`);
}

/** In-process effect overrides for a tweak. */
function tweakDeps(tweak: InProcessTweak | undefined, ctx: Ctx): Partial<PipelineDeps> {
  if (tweak === "shortTimeout") {
    return { createClient: (cfg) => createAgentClient(cfg, { requestTimeoutMs: 400 }) };
  }
  // Modes do not stop root from reading: simulate the denial at the file API.
  if (tweak === "denyScratchRead" && runningAsRoot()) {
    const inScratch = (p: string) => p.startsWith(ctx.dir + "/");
    const tlsFs: TlsFs = {
      ...denoTlsFs,
      readTextFile: (p) =>
        inScratch(p) ? Promise.reject(permissionDenied(p)) : denoTlsFs.readTextFile(p),
    };
    return {
      readTextFile: (p) => {
        if (inScratch(p)) throw permissionDenied(p);
        return Deno.readTextFileSync(p);
      },
      createClient: (cfg) => createAgentClient(cfg, { tlsFs }),
    };
  }
  return {};
}

async function runCase(
  c: CorpusCase,
  ctx: Omit<Ctx, "dir">,
  how: "in-process" | "subprocess",
): Promise<{ result: RunResult; mention: string }> {
  const dir = await makeScratch(c.files);
  const full: Ctx = { ...ctx, dir };
  try {
    const args = c.args.map((a) => expand(a, full));
    const env = caseEnv(c, full);
    const result = how === "in-process"
      ? await runInProcess(args, env, tweakDeps(c.tweak, full))
      : await runCli(args, env);
    return { result, mention: expand(c.mention, full) };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Cases grouped by the agent they need, in first-use order. */
function byAgent(cases: readonly CorpusCase[]): Map<string, CorpusCase[]> {
  const groups = new Map<string, CorpusCase[]>();
  for (const c of cases) {
    const name = c.agent ?? "demo";
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push(c);
  }
  return groups;
}

Deno.test("corpus: the table is well-formed", () => {
  const names = new Set(CORPUS.map((c) => c.name));
  assert(names.size === CORPUS.length, "case names must be unique");
  assert(CORPUS.length >= 100, `only ${CORPUS.length} cases`);
  const sub = CORPUS.filter((c) => c.subprocess);
  assert(sub.length >= 15, `only ${sub.length} subprocess cases`);
  for (const area of ["flag", "env", "file", "agent", "config", "template"]) {
    assert(sub.some((c) => c.area === area), `no subprocess case for ${area}`);
  }
  for (const c of CORPUS) {
    assert((c.agent ?? "demo") in AGENTS, `${c.name}: unknown agent ${c.agent}`);
    assert(!(c.subprocess && c.tweak), `${c.name}: tweaks only apply in-process`);
  }
});

/** Subprocess runs in flight at once: start-up waits on I/O as much as on the CPU. */
const SUBPROCESS_CONCURRENCY = 2;

/** A limiter: `run(fn)` starts `fn` when fewer than `limit` are running. */
function limiter(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

type Outcome = { ok: { result: RunResult; mention: string } } | { err: unknown };

for (const how of ["in-process", "subprocess"] as const) {
  const cases = how === "in-process" ? CORPUS : CORPUS.filter((c) => c.subprocess);
  for (const [agentName, group] of byAgent(cases)) {
    Deno.test(`corpus (${how}) against agent "${agentName}"`, async (t) => {
      const agent = await startFakeAgent(AGENTS[agentName]());
      const run = (c: CorpusCase): Promise<Outcome> =>
        runCase(c, { agent: agent.addr, dead: deadAddress() }, how).then(
          (ok) => ({ ok }),
          (err) => ({ err }),
        );
      // Subprocesses start ahead, a few at a time; in-process cases run one by one.
      const limit = limiter(how === "subprocess" ? SUBPROCESS_CONCURRENCY : 1);
      const started = how === "subprocess" ? group.map((c) => limit(() => run(c))) : [];
      try {
        for (const [i, c] of group.entries()) {
          await t.step(`[${c.area}] ${c.name}`, async () => {
            const outcome = await (started[i] ?? run(c));
            if ("err" in outcome) throw outcome.err;
            const { result, mention } = outcome.ok;
            assertCleanFailure(result, { mention, usage: c.usage, secrets: TOKENS });
          });
        }
      } finally {
        await Promise.all(started);
        await agent.close();
      }
    });
  }
}

Deno.test("corpus: every area is covered in-process, and every row names what it must mention", () => {
  const perArea = new Map<string, number>();
  for (const c of CORPUS) perArea.set(c.area, (perArea.get(c.area) ?? 0) + 1);
  const areas = ["flag", "combination", "env", "file", "agent", "config", "template"];
  assertEquals([...perArea.keys()].sort(), [...areas].sort());
  for (const area of areas) {
    const n = perArea.get(area) ?? 0;
    assert(n >= 10, `only ${n} in-process cases for ${area}`);
  }
  for (const c of CORPUS) assert(c.mention.trim() !== "", `${c.name}: empty mention`);
});
