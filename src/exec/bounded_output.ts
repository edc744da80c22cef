/**
 * Running a helper child (`envoy --version`, `envoy --mode validate`) with
 * bounded time and memory: its output is collected up to a byte cap, and it
 * is killed (SIGKILL) when it runs past its time limit or writes more than
 * the cap. A child that floods or hangs therefore ends in
 * a {@linkcode ChildLimitError} that names the command, never in unbounded
 * memory or a wait without end.
 *
 * @module
 */

import { secondsText, sizeText } from "../units.ts";
import { concatBytes } from "../bytes.ts";

/** How to run one bounded child. */
export interface BoundedRunOptions {
  args: string[];
  /** The child's whole environment. */
  env: Record<string, string>;
  /** Collect stderr too (else it is discarded). */
  captureStderr: boolean;
  /** Most bytes accepted from stdout and stderr together; more kills the child. */
  maxBytes: number;
  /** Time limit for the whole run, in milliseconds. */
  timeoutMs: number;
  /** How the command is named in errors (default: the binary and its arguments). */
  label?: string;
}

/** What a bounded child produced. */
export interface BoundedRunResult {
  code: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
}

/** The child ran past its time limit or wrote more than its cap; it was killed. */
export class ChildLimitError extends Error {
  constructor(message: string, readonly reason: "timeout" | "overflow") {
    super(message);
    this.name = "ChildLimitError";
  }
}

/** Reading a child's output under one byte cap shared by its streams, and killing it. */
interface Collector {
  /** Read `stream` to its end, or until the cap is passed or the child is stopped. */
  collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array>;
  /** Kill the child and stop reading; the first error given is kept. */
  stop(err: ChildLimitError): void;
  /** The error the child was stopped with, if any. */
  failure(): ChildLimitError | undefined;
}

function boundedCollector(child: Deno.ChildProcess, label: string, maxBytes: number): Collector {
  const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
  let failure: ChildLimitError | undefined;
  let received = 0;
  const stop = (err: ChildLimitError) => {
    if (failure !== undefined) return;
    failure = err;
    try {
      child.kill("SIGKILL");
    } catch {
      // Already exited: only a descendant still holds the pipe open.
    }
    // A descendant may keep the pipes open: stop reading without waiting.
    for (const r of readers) r.cancel().catch(() => {});
  };
  const collect = async (stream: ReadableStream<Uint8Array>): Promise<Uint8Array> => {
    const reader = stream.getReader();
    readers.push(reader);
    const chunks: Uint8Array[] = [];
    while (failure === undefined) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
      if (received > maxBytes) {
        stop(new ChildLimitError(`${label} wrote more than ${sizeText(maxBytes)}`, "overflow"));
        break;
      }
      chunks.push(value);
    }
    return concatBytes(chunks);
  };
  return { collect, stop, failure: () => failure };
}

/**
 * Run `binary` with `opts`. Rejects with the spawn error when the program
 * cannot be started, and with {@linkcode ChildLimitError} (after killing
 * the child) when it exceeds its time limit or its output cap.
 */
export async function runBounded(
  binary: string,
  opts: BoundedRunOptions,
): Promise<BoundedRunResult> {
  const child = new Deno.Command(binary, {
    args: opts.args,
    env: opts.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: opts.captureStderr ? "piped" : "null",
  }).spawn();
  const label = opts.label ?? [binary, ...opts.args].join(" ");
  const output = boundedCollector(child, label, opts.maxBytes);
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const onTimeout = () =>
    output.stop(
      new ChildLimitError(
        `${label} did not finish within ${secondsText(opts.timeoutMs)} (killed)`,
        "timeout",
      ),
    );
  signal.addEventListener("abort", onTimeout, { once: true });
  try {
    const [stdout, stderr, status] = await Promise.all([
      output.collect(child.stdout),
      opts.captureStderr ? output.collect(child.stderr) : Promise.resolve(new Uint8Array()),
      child.status,
    ]);
    const failure = output.failure();
    if (failure !== undefined) throw failure;
    return { code: status.code, stdout, stderr };
  } finally {
    signal.removeEventListener("abort", onTimeout);
  }
}
