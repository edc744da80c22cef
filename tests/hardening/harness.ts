/**
 * Helpers shared by the hardening tests: recognisable tokens, running the
 * program in-process or as the real subprocess, scratch files, and the
 * "clean failure" assertion every bad-input case must satisfy.
 *
 * @module
 */

import { main } from "../../src/run.ts";
import { memoryIo } from "../helpers/memory_io.ts";
import type { PipelineDeps } from "../../src/pipeline/mod.ts";
import { cliCommand } from "../../src/permissions.ts";
import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";

/**
 * One recognisable token per source. Each is unique and long enough that
 * finding it anywhere in the output can only be a leak.
 */
export const TOKENS = {
  /** `CONSUL_HTTP_TOKEN`. */
  env: "hx-env-tok-6a1f3c9e-77d2-4b0e-8c41-secret",
  /** `-token`. */
  flag: "hx-flag-tok-0b9d2e41-1f6a-4c3b-9e27-secret",
  /** Content of a `-token-file`. */
  file: "hx-file-tok-5c7e8a13-2d4f-4a6b-b0c9-secret",
  /** Content of a `CONSUL_HTTP_TOKEN_FILE`. */
  envFile: "hx-envfile-tok-93e0b6d2-8a1c-47f5-a3e8-secret",
  /** `CONSUL_PROXY_TOKEN`. */
  proxy: "hx-proxy-tok-4d2b7f90-c36e-4e1a-b5d7-secret",
  /** `CONSUL_HTTP_AUTH` password (also a secret). */
  authPassword: "hx-basic-pw-8f3a1d6c-secret",
} as const;

/** Every token above. */
export const ALL_SECRETS: readonly string[] = Object.values(TOKENS);

/** What one run of the program produced. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `main` in-process on Linux with a memory `Io`; never throws. */
export async function runInProcess(
  args: string[],
  env: Record<string, string>,
  deps: Partial<PipelineDeps> = {},
): Promise<RunResult> {
  const io = memoryIo();
  const code = await main(args, { env, io, os: "linux", deps });
  return { code, stdout: io.out, stderr: io.err };
}

const decoder = new TextDecoder();

/** Run the real CLI (binary permissions) with exactly `env` plus PATH/HOME/DENO_DIR. */
export async function runSubprocess(
  args: string[],
  env: Record<string, string>,
): Promise<RunResult> {
  const base: Record<string, string> = { NO_COLOR: "1" };
  for (const k of ["PATH", "HOME", "DENO_DIR", "TMPDIR"]) {
    const v = Deno.env.get(k);
    if (v !== undefined) base[k] = v;
  }
  const out = await cliCommand(args, { env: { ...base, ...env }, clearEnv: true }).output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** A stack-trace frame (`    at f (file:…)`) or Deno's uncaught-error banner. */
const STACK_TRACE = /(^|\n)\s+at\s|error: Uncaught|Stack backtrace/;

/** Assert that no secret occurs in `text` (naming only the source, never the value). */
export function assertNoSecret(text: string, secrets: readonly string[], where: string): void {
  for (const s of secrets) {
    if (s === "") continue;
    const source = Object.entries(TOKENS).find(([, v]) => v === s)?.[0] ?? "a secret";
    assert(!text.includes(s), `${where} leaks the ${source} token:\n${text}`);
  }
}

/** How a failure is expected to look. */
export interface FailureShape {
  /** Substring the first (error) line must contain: the flag/key/file/address. */
  mention: string;
  /**
   * Flag-parse errors: the error line is followed by Go's `Usage:` block
   * (spec cli.md §2); otherwise stderr is exactly one line.
   */
  usage?: boolean;
  /** Secrets that must not appear anywhere (default: all test tokens). */
  secrets?: readonly string[];
}

/**
 * The contract for every bad input: exit 1, empty stdout, no stack trace,
 * no "internal error", no secret, and stderr is one non-empty line naming
 * `mention` (with `usage`: that line, then the usage block).
 */
export function assertCleanFailure(r: RunResult, shape: FailureShape): void {
  const dump = `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  assertEquals(r.code, 1, `exit code must be 1\n${dump}`);
  assertEquals(r.stdout, "", `stdout must be empty\n${dump}`);
  assert(!STACK_TRACE.test(r.stderr), `stack trace on stderr\n${dump}`);
  assert(!r.stderr.includes("internal error"), `internal error on stderr\n${dump}`);
  assert(r.stderr.endsWith("\n"), `stderr must end with a newline\n${dump}`);
  const lines = r.stderr.slice(0, -1).split("\n");
  const first = lines[0];
  assert(first.trim() !== "", `empty error line\n${dump}`);
  assertStringIncludes(first, shape.mention, `error line must name ${shape.mention}\n${dump}`);
  if (shape.usage) {
    // `-h=…` reaches the parser as "help requested": Go prints only the block.
    const blockStart = first === "Usage:" ? 1 : 2;
    if (blockStart === 2) {
      assertEquals(lines[1], "Usage:", `the usage block must follow the error line\n${dump}`);
    }
    assert(
      lines.length > blockStart &&
        lines.slice(blockStart).every((l) =>
          l === "" || l.startsWith("  -") || l.startsWith("    \t")
        ),
      `only the usage block may follow\n${dump}`,
    );
  } else {
    assertEquals(lines.length, 1, `stderr must be exactly one line\n${dump}`);
  }
  assertNoSecret(r.stdout + r.stderr, shape.secrets ?? ALL_SECRETS, "output");
}

/** A scratch file: text (with an optional mode) or a directory. */
export type ScratchFile = string | { text: string; mode: number } | { dir: true };

/** Create `files` under a fresh temp dir; returns the dir (remove it with `Deno.remove`). */
export async function makeScratch(files: Record<string, ScratchFile> = {}): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "hardening-" });
  for (const [name, spec] of Object.entries(files)) {
    const path = `${dir}/${name}`;
    if (typeof spec === "string") await Deno.writeTextFile(path, spec);
    else if ("dir" in spec) await Deno.mkdir(path, { recursive: true });
    else {
      await Deno.writeTextFile(path, spec.text);
      await Deno.chmod(path, spec.mode);
    }
  }
  return dir;
}

/** A loopback address nothing listens on (a listener bound, then closed). */
export function deadAddress(): string {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return `127.0.0.1:${port}`;
}

/** Whether the tests run as root (file modes do not restrict reading then). */
export function runningAsRoot(): boolean {
  return Deno.uid() === 0;
}
