/**
 * Harness for the doctor's end-to-end tests: the project's fake agent (in
 * process, 127.0.0.1 port 0) loaded from a doctor fixture, a TCP listener
 * standing in for the agent's xDS port, a free admin port, the doctor's fake
 * Envoy, and the CLI run as a subprocess with the binary's permissions.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { type FakeAgentSpec, loadFixture, startFakeAgent } from "../../scripts/fake_agent.ts";
import { cliCommand } from "../../src/permissions.ts";

/** The ACL token every doctor fixture knows. */
export const TOKEN = "5b1f8c3e-9d2a-4e71-b0c6-3a8f2d9e7c41";

/** The doctor's fake Envoy. */
export const FAKE_ENVOY = fileURLToPath(new URL("./fixtures/fake_envoy.sh", import.meta.url));

/** One check as printed with `-format json`. */
export interface JsonCheck {
  id: string;
  status: string;
  message: string;
  hint: string;
}

/** What one doctor run printed. */
export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Parsed `-format json` checks by id (empty for text output). */
  checks: Map<string, JsonCheck>;
  /** Lines the fake Envoy wrote for each validation (`<config path> <first char>`). */
  validations: string[];
}

/** A scenario: fixture name, its adjustments, extra arguments and environment. */
export interface Scenario {
  fixture: string;
  args?: string[];
  /** Extra environment for the CLI (and thus for the fake Envoy). */
  env?: Record<string, string>;
  /** Do not start the agent: point the CLI at a closed port. */
  agentDown?: boolean;
  /** Point the agent's xDS port at a closed port instead of a listener. */
  xdsClosed?: boolean;
  /** Keep a listener on the admin port while doctor runs. */
  adminInUse?: boolean;
  /** Change the loaded fixture. */
  adjust?: (spec: FakeAgentSpec) => void;
  /** Leave out `-format json`. */
  text?: boolean;
}

function closedPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../scripts/fixtures/doctor/${name}.json`, import.meta.url));
}

/** Run `connect-envoy doctor -sidecar-for web …` against the scenario. */
export async function runDoctor(s: Scenario): Promise<DoctorRun> {
  const dir = await Deno.makeTempDir({ prefix: "doctor-test-" });
  const xds = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepting = (async () => {
    for await (const conn of xds) conn.close();
  })().catch(() => {});
  const spec = await loadFixture(fixturePath(s.fixture));
  spec.self = structuredClone(spec.self ?? {});
  const xdsPort = s.xdsClosed ? closedPort() : (xds.addr as Deno.NetAddr).port;
  spec.self.xDS = { ...(spec.self.xDS as object), Ports: { Plaintext: xdsPort, TLS: 0 } };
  s.adjust?.(spec);
  const agent = s.agentDown ? undefined : await startFakeAgent(spec);
  const admin = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const adminPort = (admin.addr as Deno.NetAddr).port;
  if (!s.adminInUse) admin.close();
  const seen = `${dir}/validations`;
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "",
    CONSUL_HTTP_ADDR: agent?.addr ?? `127.0.0.1:${closedPort()}`,
    CONSUL_HTTP_TOKEN: TOKEN,
    DOCTOR_ENVOY_SEEN: seen,
    TMPDIR: dir,
    ...s.env,
  };
  for (const name of ["HOME", "DENO_DIR"]) {
    const v = Deno.env.get(name);
    if (v !== undefined) env[name] = v;
  }
  const args = [
    "doctor",
    "-sidecar-for",
    "web",
    "-admin-bind",
    `127.0.0.1:${adminPort}`,
    ...(s.text ? [] : ["-format", "json"]),
    ...(s.args ?? []),
  ];
  const t0 = performance.now();
  try {
    const out = await cliCommand(args, { env, clearEnv: true }).output();
    const ms = performance.now() - t0;
    const stdout = new TextDecoder().decode(out.stdout);
    const checks = new Map<string, JsonCheck>();
    if (!s.text && stdout.trim() !== "") {
      for (const c of JSON.parse(stdout).checks as JsonCheck[]) checks.set(c.id, c);
    }
    let validations: string[] = [];
    try {
      validations = (await Deno.readTextFile(seen)).split("\n").filter((l) => l !== "");
    } catch {
      // no validation ran
    }
    return {
      code: out.code,
      stdout,
      stderr: new TextDecoder().decode(out.stderr),
      ms,
      checks,
      validations,
    };
  } finally {
    if (s.adminInUse) admin.close();
    xds.close();
    await accepting;
    await agent?.close();
    await Deno.remove(dir, { recursive: true });
  }
}
