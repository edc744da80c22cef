/**
 * Helpers shared by the hardening tests: recognisable tokens, running the
 * program in-process, and scratch files. (The real CLI runs through
 * `tests/helpers/cli.ts`; the "clean failure" contract is in
 * `tests/helpers/assert.ts`.)
 *
 * @module
 */

import { main } from "../../src/run.ts";
import { memoryIo } from "../helpers/memory_io.ts";
import type { PipelineDeps } from "../../src/pipeline/mod.ts";
import type { RunResult } from "../helpers/cli.ts";

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
