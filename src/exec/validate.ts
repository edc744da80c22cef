/**
 * `-validate`: before exec, run `envoy --mode validate --config-path
 * /dev/fd/<fd>` as a child on the same hand-over descriptor (the child
 * inherits it: it is not close-on-exec) and refuse to start the proxy when
 * Envoy rejects the bootstrap.
 *
 * @module
 */

import { CliError, errorText } from "../errors.ts";
import { ChildLimitError, runBounded } from "./bounded_output.ts";

/** Result of the validation run. */
export interface ValidateRun {
  code: number;
  output: string;
}

/** Runs the validation child; rejects when it cannot be started. */
export type ValidateRunner = (
  binary: string,
  args: string[],
  env: Record<string, string>,
) => Promise<ValidateRun>;

/** How long `envoy --mode validate` may take before it is killed. */
export const VALIDATE_TIMEOUT_MS = 60_000;

/**
 * Most output accepted from `envoy --mode validate` (stdout and stderr
 * together); more kills it. Envoy's info-level start-up log is a few tens
 * of KiB.
 */
export const VALIDATE_MAX_BYTES = 1024 * 1024;

/** The real runner: stdout and stderr captured together, stdin empty, bounded. */
export const runValidate: ValidateRunner = async (binary, args, env) => {
  const out = await runBounded(binary, {
    args,
    env,
    captureStderr: true,
    maxBytes: VALIDATE_MAX_BYTES,
    timeoutMs: VALIDATE_TIMEOUT_MS,
    label: `${binary} --mode validate`,
  });
  const d = new TextDecoder();
  return { code: out.code, output: d.decode(out.stderr) + "\n" + d.decode(out.stdout) };
};

/** Longest reason printed (the rest is cut with `…`). */
export const MAX_REASON_LENGTH = 1000;

/**
 * Envoy's output as one line: log prefixes (`[time][tid][level][logger]
 * [file:line]`) removed, blank lines dropped, the rest joined with `; `.
 */
export function condenseOutput(output: string): string {
  const lines = output.split(/\r?\n/)
    .map((l) => l.replace(/^(\s*\[[^\]]*\])+\s*/, "").replace(/\s+/g, " ").trim())
    .filter((l) => l !== "");
  const text = lines.join("; ");
  return text.length > MAX_REASON_LENGTH ? text.slice(0, MAX_REASON_LENGTH - 1) + "…" : text;
}

/** The validation argv after the binary. */
export function validateArgs(configPath: string): string[] {
  return ["--mode", "validate", "--config-path", configPath];
}

/**
 * Throws `Envoy rejected the bootstrap: <reason>` unless validation passes;
 * a validation that hangs is reported as such, not as a rejection.
 */
export async function validateBootstrap(
  binary: string,
  configPath: string,
  env: Record<string, string>,
  run: ValidateRunner = runValidate,
): Promise<void> {
  let result: ValidateRun;
  try {
    result = await run(binary, validateArgs(configPath), env);
  } catch (err) {
    if (err instanceof ChildLimitError) {
      throw new CliError(`Couldn't validate the bootstrap: ${err.message}`);
    }
    throw new CliError(
      `Couldn't run envoy to validate the bootstrap: ${binary}: ${errorText(err)}`,
    );
  }
  if (result.code === 0) return;
  const reason = condenseOutput(result.output);
  throw new CliError(
    `Envoy rejected the bootstrap: ${reason === "" ? `exit status ${result.code}` : reason}`,
  );
}
