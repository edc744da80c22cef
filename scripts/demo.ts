/**
 * `deno task demo`: start the project's own fake Consul agent on loopback
 * with a `web` service and its sidecar registration, then run the real CLI
 * (`main.ts`, with the compiled binary's permissions) as
 * `connect-envoy -bootstrap -sidecar-for web` against it and print what it
 * prints. Extra arguments are passed on to the CLI, e.g.
 * `deno task demo -admin-bind 127.0.0.1:19001`.
 *
 * `deno task demo doctor [fixture] [flags…]` runs `connect-envoy doctor`
 * instead, against a doctor fixture (see `scripts/demo_doctor.ts`).
 *
 * @module
 */

import { startFakeAgent } from "./fake_agent.ts";
import { cliCommand } from "../src/permissions.ts";

if (Deno.args[0] === "doctor") {
  const { doctorDemo } = await import("./demo_doctor.ts");
  Deno.exit(await doctorDemo(Deno.args.slice(1)));
}

const fixture = new URL("./fixtures/demo_agent.json", import.meta.url);
const spec = JSON.parse(await Deno.readTextFile(fixture));
const agent = await startFakeAgent(spec);
let code = 1;
try {
  console.error(`demo: fake Consul agent listening on ${agent.url}`);
  console.error(`demo: running connect-envoy -bootstrap -sidecar-for web ${Deno.args.join(" ")}`);
  const env: Record<string, string> = { CONSUL_HTTP_ADDR: agent.addr };
  for (const name of ["PATH", "HOME", "DENO_DIR", "NO_COLOR", "TMPDIR"]) {
    const v = Deno.env.get(name);
    if (v !== undefined) env[name] = v;
  }
  const child = cliCommand(["-bootstrap", "-sidecar-for", "web", ...Deno.args], {
    env,
    clearEnv: true,
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  code = (await child.status).code;
} finally {
  await agent.close();
}
Deno.exit(code);
