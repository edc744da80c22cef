/**
 * Secrets: the ACL token, from every source, reaches the agent
 * (trimmed like Consul when read from a file) and the bootstrap, but never
 * stderr — not even the `-enable-config-gen-logging` debug output or the
 * `-wait-for-registration` progress lines. The failure paths are covered
 * by the corpus, which checks every run's output for every test token.
 */

import { assert, assertEquals, assertNoSecret } from "../helpers/assert.ts";
import { type FakeAgent, startFakeAgent } from "../../scripts/fake_agent.ts";
import { demoSpec } from "../helpers/demo_agent.ts";
import { makeScratch, runInProcess, TOKENS } from "./harness.ts";
import { runCli, type RunResult } from "../helpers/cli.ts";
import { virtualClock } from "../helpers/clock.ts";
import type { PipelineDeps } from "../../src/pipeline/mod.ts";

/** A token that changes when JSON-escaped, to catch escaped leaks too. */
const WEIRD = 'hx-we"ird\\tok-71c2-secret';

interface Source {
  name: string;
  /** The token the agent and Envoy must get. */
  expect: string;
  args?: string[];
  env?: Record<string, string>;
  files?: Record<string, string>;
}

const SOURCES: Source[] = [
  { name: "CONSUL_HTTP_TOKEN", expect: TOKENS.env, env: { CONSUL_HTTP_TOKEN: TOKENS.env } },
  { name: "-token", expect: TOKENS.flag, args: ["-token", TOKENS.flag] },
  { name: "-token=", expect: TOKENS.flag, args: [`-token=${TOKENS.flag}`] },
  {
    name: "-token-file with a trailing newline (trimmed)",
    expect: TOKENS.file,
    args: ["-token-file", "{dir}/t"],
    files: { t: `${TOKENS.file}\n` },
  },
  {
    name: "CONSUL_HTTP_TOKEN_FILE with CRLF and spaces (trimmed)",
    expect: TOKENS.envFile,
    env: { CONSUL_HTTP_TOKEN_FILE: "{dir}/t" },
    files: { t: ` ${TOKENS.envFile}\r\n\n` },
  },
  {
    name: "empty -token-file falls back to CONSUL_HTTP_TOKEN",
    expect: TOKENS.env,
    args: ["-token-file", "{dir}/t"],
    env: { CONSUL_HTTP_TOKEN: TOKENS.env },
    files: { t: "" },
  },
  {
    name: "-token-file beats -token",
    expect: TOKENS.file,
    args: ["-token", TOKENS.flag, "-token-file", "{dir}/t"],
    files: { t: TOKENS.file },
  },
  { name: "CONSUL_PROXY_TOKEN", expect: TOKENS.proxy, env: { CONSUL_PROXY_TOKEN: TOKENS.proxy } },
  { name: "a token with quotes and backslashes", expect: WEIRD, args: ["-token", WEIRD] },
];

/** Every form in which `token` could leak: raw and JSON-escaped. */
function leakForms(token: string): Record<string, string> {
  return {
    "expected token": token,
    "JSON-escaped expected token": JSON.stringify(token).slice(1, -1),
  };
}

function withDir(text: string, dir: string): string {
  return text.replaceAll("{dir}", dir);
}

async function runSource(
  s: Source,
  agent: FakeAgent,
  extraArgs: string[],
  how: "in-process" | "subprocess" = "in-process",
  deps: Partial<PipelineDeps> = {},
): Promise<RunResult> {
  const dir = await makeScratch(s.files);
  try {
    const args = [...extraArgs, ...(s.args ?? []).map((a) => withDir(a, dir))];
    const env: Record<string, string> = { CONSUL_HTTP_ADDR: agent.addr };
    for (const [k, v] of Object.entries(s.env ?? {})) env[k] = withDir(v, dir);
    return how === "in-process" ? await runInProcess(args, env, deps) : await runCli(args, env);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The token Envoy will present, from the printed bootstrap. */
function bootstrapToken(stdout: string): string {
  const doc = JSON.parse(stdout);
  return doc.dynamic_resources.ads_config.grpc_services.initial_metadata[0].value;
}

Deno.test("secrets: every token source reaches agent and bootstrap but never the debug log", async (t) => {
  const agent = await startFakeAgent(demoSpec());
  try {
    for (const s of SOURCES) {
      await t.step(s.name, async () => {
        const before = agent.requests.length;
        const r = await runSource(s, agent, [
          "-bootstrap",
          "-sidecar-for",
          "web",
          "-enable-config-gen-logging",
        ]);
        assertEquals(r.code, 0, r.stderr);
        assert(r.stderr.includes("[DEBUG]"), `debug output expected:\n${r.stderr}`);
        assertNoSecret(r.stderr, { ...TOKENS, ...leakForms(s.expect) }, "stderr");
        assertEquals(bootstrapToken(r.stdout), s.expect);
        const sent = agent.requests.slice(before).map((q) => q.token);
        assert(sent.length > 0 && sent.every((tok) => tok === s.expect), `agent saw ${sent}`);
      });
    }
  } finally {
    await agent.close();
  }
});

Deno.test("secrets: -wait-for-registration progress lines and debug log carry no token", async () => {
  const clock = virtualClock();
  const spec = { ...demoSpec(), registerAfterMs: { "web-sidecar-proxy": 600 }, clock: clock.now };
  const agent = await startFakeAgent(spec);
  try {
    const r = await runSource(
      SOURCES[3],
      agent,
      [
        "-bootstrap",
        "-sidecar-for",
        "web",
        "-wait-for-registration",
        "5s",
        "-enable-config-gen-logging",
      ],
      "in-process",
      { now: clock.now, sleep: clock.sleep },
    );
    assertEquals(r.code, 0, r.stderr);
    assert(r.stderr.includes("Waiting for"), `progress lines expected:\n${r.stderr}`);
    assertNoSecret(r.stderr, TOKENS, "stderr");
  } finally {
    await agent.close();
  }
});

Deno.test("secrets: the real CLI keeps a token-file token out of its debug output", async () => {
  const agent = await startFakeAgent(demoSpec());
  try {
    const r = await runSource(SOURCES[3], agent, [
      "-bootstrap",
      "-sidecar-for",
      "web",
      "-enable-config-gen-logging",
    ], "subprocess");
    assertEquals(r.code, 0, r.stderr);
    assert(r.stderr.includes("[DEBUG]"), `debug output expected:\n${r.stderr}`);
    assertNoSecret(r.stderr, TOKENS, "stderr");
    assertEquals(bootstrapToken(r.stdout), TOKENS.file);
  } finally {
    await agent.close();
  }
});
