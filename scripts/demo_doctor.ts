/**
 * `deno task demo doctor [fixture] [flags…]`: start the project's fake
 * Consul agent with a doctor fixture (`scripts/fixtures/doctor/<fixture>.json`,
 * default `healthy`), a loopback listener standing in for the agent's xDS
 * port, and run the real CLI as `connect-envoy doctor -sidecar-for web`
 * with the compiled binary's permissions. The ACL token the fixtures know
 * is passed in `CONSUL_HTTP_TOKEN`; the admin port is a free one.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { loadFixture, startFakeAgent } from "./fake_agent.ts";
import { cliCommand } from "../src/permissions.ts";

/** The token every doctor fixture accepts. */
const DEMO_TOKEN = "5b1f8c3e-9d2a-4e71-b0c6-3a8f2d9e7c41";

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Run the doctor demo; resolves to the CLI's exit status. */
export async function doctorDemo(args: string[]): Promise<number> {
  const named = args.length > 0 && !args[0].startsWith("-");
  const name = named ? args[0] : "healthy";
  const rest = named ? args.slice(1) : args;
  const spec = await loadFixture(
    fileURLToPath(new URL(`./fixtures/doctor/${name}.json`, import.meta.url)),
  );
  const xds = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepting = (async () => {
    for await (const conn of xds) conn.close();
  })().catch(() => {});
  const self = structuredClone(spec.self ?? {});
  self.xDS = { ...(self.xDS as object), Ports: { Plaintext: (xds.addr as Deno.NetAddr).port } };
  const agent = await startFakeAgent({ ...spec, self });
  try {
    const argv = [
      "doctor",
      "-sidecar-for",
      "web",
      "-admin-bind",
      `127.0.0.1:${freePort()}`,
      ...rest,
    ];
    console.error(`demo: fake Consul agent (${name}) listening on ${agent.url}`);
    console.error(`demo: running connect-envoy ${argv.join(" ")}`);
    const env: Record<string, string> = {
      CONSUL_HTTP_ADDR: agent.addr,
      CONSUL_HTTP_TOKEN: DEMO_TOKEN,
    };
    for (const v of ["PATH", "HOME", "DENO_DIR", "NO_COLOR", "TERM", "TMPDIR"]) {
      const value = Deno.env.get(v);
      if (value !== undefined) env[v] = value;
    }
    const child = cliCommand(argv, { env, clearEnv: true, stdout: "inherit", stderr: "inherit" })
      .spawn();
    return (await child.status).code;
  } finally {
    xds.close();
    await accepting;
    await agent.close();
  }
}
