/**
 * End-to-end: bad inputs an operator is likely to type get one error line
 * that names the flag or key and says what to do; exit 1, nothing on
 * stdout. The real CLI against the fake agent.
 */
import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { cliCommand } from "../../src/permissions.ts";

const demoSpec = () =>
  JSON.parse(
    Deno.readTextFileSync(new URL("../../scripts/fixtures/demo_agent.json", import.meta.url)),
  );

/** The CLI with a clean environment plus `env`. */
async function runCli(args: string[], env: Record<string, string> = {}) {
  const base: Record<string, string> = { NO_COLOR: "1" };
  for (const k of ["PATH", "HOME", "DENO_DIR", "TMPDIR"]) {
    const v = Deno.env.get(k);
    if (v !== undefined) base[k] = v;
  }
  const out = await cliCommand(args, { env: { ...base, ...env }, clearEnv: true }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

const NO_SUCH_IF = "ce-no-such-if0";

Deno.test("e2e: operator mistakes get one line naming the flag or key and a hint", async () => {
  const spec = demoSpec();
  spec.services["api-sidecar-proxy"] = {
    ...spec.services["web-sidecar-proxy"],
    ID: "api-sidecar-proxy",
    Service: "api-sidecar-proxy",
    Proxy: {
      ...spec.services["web-sidecar-proxy"].Proxy,
      DestinationServiceName: "api",
      DestinationServiceID: "api",
      Config: { envoy_stats_flush_interval: "banana" },
    },
  };
  const agent = await startFakeAgent(spec);
  const B = ["-bootstrap"];
  const web = [...B, "-sidecar-for", "web"];
  const table: { args: string[]; mentions: string[] }[] = [
    { args: [...web, "-admin-bind", "127.0.0.1"], mentions: ["-admin-bind", "missing port"] },
    { args: [...web, "-admin-bind", ":19000"], mentions: ["-admin-bind", "missing host"] },
    {
      args: [
        ...B,
        "-gateway",
        "mesh",
        "-register",
        "-address",
        `{{ GetInterfaceIP "${NO_SUCH_IF}" }}:8443`,
      ],
      mentions: ["-address", NO_SUCH_IF, "which has no host", "interfaces here: "],
    },
    { args: [...web, "-wait-for-registration", "3"], mentions: ["-wait-for-registration", "3s"] },
    {
      args: [...B, "-gateway", "mesh", "-register", "-deregister-after-critical", "soon"],
      mentions: ["-deregister-after-critical", "30s"],
    },
    {
      args: [...B, "-sidecar-for", "web-sidecar-proxy"],
      mentions: ["-sidecar-for web-sidecar-proxy", "-proxy-id web-sidecar-proxy"],
    },
    {
      args: [...B, "-proxy-id", "api-sidecar-proxy"],
      mentions: ["envoy_stats_flush_interval", '"banana"', '"10s"'],
    },
  ];
  try {
    for (const c of table) {
      const r = await runCli(c.args, { CONSUL_HTTP_ADDR: agent.addr });
      const name = c.args.join(" ");
      assertEquals({ code: r.code, stdout: r.stdout }, { code: 1, stdout: "" }, name);
      const lines = r.stderr.trimEnd().split("\n");
      assertEquals(lines.length, 1, `${name}: one line: ${r.stderr}`);
      for (const m of c.mentions) assertStringIncludes(lines[0], m, name);
    }
    // Nothing was registered on the way to those errors.
    assert(!agent.requests.some((q) => q.method === "PUT"), "no registration happened");
  } finally {
    await agent.close();
  }
});

Deno.test("e2e: -h names CONSUL_HTTP_AUTH, CONSUL_HTTP_SSL and CONSUL_HTTP_SSL_VERIFY", async () => {
  const r = await runCli(["-h"]);
  assertEquals(r.code, 0);
  for (const name of ["CONSUL_HTTP_AUTH", "CONSUL_HTTP_SSL ", "CONSUL_HTTP_SSL_VERIFY"]) {
    assertStringIncludes(r.stdout.replace(/\s+/g, " "), name);
  }
});
