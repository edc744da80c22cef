/**
 * `-bootstrap` never loads FFI: checked on the static import graph of the
 * entry point and by running the CLI with FFI denied.
 */

import { assert, assertEquals } from "../helpers/assert.ts";
import { join } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import { cliCommand, PERMISSION_FLAGS, repoRoot } from "../../src/permissions.ts";
import { DEMO_AGENT_SPEC, importGraph } from "./helpers.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";

const root = repoRoot();
const decoder = new TextDecoder();

/** Whether the code (comments removed) calls `Deno.dlopen`. */
function usesFfi(source: string): boolean {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return /\bDeno\s*\.\s*dlopen\b|\bDeno\s*\[\s*["']dlopen["']\s*\]/.test(code);
}

Deno.test("main.ts's static import graph contains no FFI; exec is only a dynamic import", async () => {
  const graph = await importGraph(join(root, "main.ts"));
  const staticFfi = graph.static.filter((s) => usesFfi(Deno.readTextFileSync(fromFileUrl(s))));
  assertEquals(staticFfi, [], "statically imported modules calling Deno.dlopen");
  const execMod = graph.all.find((s) => s.endsWith("/src/exec/mod.ts"));
  assert(execMod !== undefined, "src/exec/mod.ts is in the graph (so deno compile embeds it)");
  assert(!graph.static.includes(execMod), "src/exec/mod.ts is imported dynamically only");
  const ffi = graph.all.filter((s) => usesFfi(Deno.readTextFileSync(fromFileUrl(s))));
  assert(ffi.length > 0, "the exec path does use FFI (so the check above is meaningful)");
});

Deno.test("-bootstrap works with FFI denied, and prints the same as with the full grants", async () => {
  const agent = await startFakeAgent(structuredClone(DEMO_AGENT_SPEC));
  try {
    const env: Record<string, string> = { CONSUL_HTTP_ADDR: agent.addr, NO_COLOR: "1" };
    for (const name of ["PATH", "HOME", "DENO_DIR", "TMPDIR", "SystemRoot"]) {
      const v = Deno.env.get(name);
      if (v !== undefined) env[name] = v;
    }
    const args = ["-bootstrap", "-sidecar-for", "web"];
    const noFfi = [...PERMISSION_FLAGS.filter((f) => !f.startsWith("--allow-ffi")), "--deny-ffi"];
    const denied = await cliCommand(args, {
      env,
      clearEnv: true,
      binary: "",
      permissionFlags: noFfi,
    })
      .output();
    const full = await cliCommand(args, { env, clearEnv: true, binary: "" }).output();
    assertEquals(decoder.decode(denied.stderr), "");
    assertEquals(denied.code, 0);
    assertEquals(full.code, 0);
    assertEquals(
      JSON.parse(decoder.decode(denied.stdout)),
      JSON.parse(decoder.decode(full.stdout)),
    );
  } finally {
    await agent.close();
  }
});
