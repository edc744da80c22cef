/**
 * Running the real CLI in tests: `main.ts` under exactly the compiled
 * binary's permissions (`src/permissions.ts`), with a clean environment.
 *
 * @module
 */

import { cliCommand } from "../../src/permissions.ts";

/** What one run of the program produced. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const decoder = new TextDecoder();

/**
 * Run the CLI with a clean environment: only `PATH`, `HOME`, `DENO_DIR` and
 * `TMPDIR` are kept (so Deno finds its cache), plus `NO_COLOR=1` and `env`.
 */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const base: Record<string, string> = { NO_COLOR: "1" };
  for (const k of ["PATH", "HOME", "DENO_DIR", "TMPDIR"]) {
    const v = Deno.env.get(k);
    if (v !== undefined) base[k] = v;
  }
  const out = await cliCommand(args, { env: { ...base, ...env }, clearEnv: true }).output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}
