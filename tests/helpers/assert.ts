/**
 * Minimal assertions for the test suite (`jsr:@std/assert` is unreachable
 * here), built on `node:assert`'s deep equality.
 *
 * @module
 */

import nodeAssert from "node:assert/strict";

/** Fail with `message` unless `cond` is truthy. */
export function assert(cond: unknown, message = "assertion failed"): asserts cond {
  if (!cond) throw new Error(message);
}

/** Deep strict equality. */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, message);
}

/** Deep strict inequality. */
export function assertNotEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.notDeepStrictEqual(actual, expected, message);
}

/** `actual` contains `expected`. */
export function assertStringIncludes(actual: string, expected: string, message?: string): void {
  if (!actual.includes(expected)) {
    throw new Error(
      message ?? `expected ${JSON.stringify(actual)} to include ${JSON.stringify(expected)}`,
    );
  }
}

/** `actual` matches `re`. */
export function assertMatch(actual: string, re: RegExp, message?: string): void {
  if (!re.test(actual)) {
    throw new Error(message ?? `expected ${JSON.stringify(actual)} to match ${re}`);
  }
}

// deno-lint-ignore no-explicit-any
type ErrorClass = abstract new (...args: any[]) => Error;

function checkError(err: unknown, cls?: ErrorClass, includes?: string): Error {
  if (!(err instanceof Error)) throw new Error(`expected an Error, got ${String(err)}`);
  if (cls !== undefined && !(err instanceof cls)) {
    const e: Error = err;
    throw new Error(`expected ${cls.name}, got ${e.name}: ${e.message}`);
  }
  if (includes !== undefined && !err.message.includes(includes)) {
    throw new Error(
      `expected error message to include ${JSON.stringify(includes)}, got ${
        JSON.stringify(err.message)
      }`,
    );
  }
  return err;
}

/** `fn` throws (an instance of `cls`, whose message includes `includes`); returns the error. */
export function assertThrows(fn: () => unknown, cls?: ErrorClass, includes?: string): Error {
  try {
    fn();
  } catch (err) {
    return checkError(err, cls, includes);
  }
  throw new Error("expected function to throw");
}

/** `fn` rejects (an instance of `cls`, whose message includes `includes`); returns the error. */
export async function assertRejects(
  fn: () => Promise<unknown>,
  cls?: ErrorClass,
  includes?: string,
): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return checkError(err, cls, includes);
  }
  throw new Error("expected promise to reject");
}

// ---- the shape of a failed CLI run -------------------------------------------------

/** A stack-trace frame (`    at f (file:…)`) or Deno's uncaught-error banner. */
const STACK_TRACE = /(^|\n)\s+at\s|error: Uncaught|Stack backtrace/;

/** Secrets by name (the name is what a failure message shows; never the value). */
export type NamedSecrets = Readonly<Record<string, string>>;

/** No secret of `secrets` occurs in `text`; a failure names its source, never the value. */
export function assertNoSecret(text: string, secrets: NamedSecrets, where: string): void {
  for (const [name, value] of Object.entries(secrets)) {
    if (value === "") continue;
    assert(!text.includes(value), `${where} leaks the ${name} secret:\n${text}`);
  }
}

/** How a failure is expected to look. */
export interface FailureShape {
  /** Substring the first (error) line must contain: the flag/key/file/address. */
  mention: string;
  /**
   * Flag-parse errors: the error line is followed by Go's `Usage:` block;
   * otherwise stderr is exactly one line.
   */
  usage?: boolean;
  /** Secrets that must not appear anywhere. */
  secrets?: NamedSecrets;
}

/** What a run of the program produced (see `tests/helpers/cli.ts`). */
interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function assertUsageBlock(lines: string[], dump: string): void {
  // `-h=…` reaches the parser as "help requested": Go prints only the block.
  const blockStart = lines[0] === "Usage:" ? 1 : 2;
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
}

/**
 * The contract for every bad input: exit 1, empty stdout, no stack trace,
 * no "internal error", no secret, and stderr is one non-empty line naming
 * `mention` (with `usage`: that line, then the usage block).
 */
export function assertCleanFailure(r: Outcome, shape: FailureShape): void {
  const dump = `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  assertEquals(r.code, 1, `exit code must be 1\n${dump}`);
  assertEquals(r.stdout, "", `stdout must be empty\n${dump}`);
  assert(!STACK_TRACE.test(r.stderr), `stack trace on stderr\n${dump}`);
  assert(!r.stderr.includes("internal error"), `internal error on stderr\n${dump}`);
  assert(r.stderr.endsWith("\n"), `stderr must end with a newline\n${dump}`);
  const lines = r.stderr.slice(0, -1).split("\n");
  assert(lines[0].trim() !== "", `empty error line\n${dump}`);
  assertStringIncludes(lines[0], shape.mention, `error line must name ${shape.mention}\n${dump}`);
  if (shape.usage) assertUsageBlock(lines, dump);
  else assertEquals(lines.length, 1, `stderr must be exactly one line\n${dump}`);
  assertNoSecret(r.stdout + r.stderr, shape.secrets ?? {}, "output");
}

// ---- errors matched by pattern -----------------------------------------------------

/**
 * What a thrown error must match: its `String(err)` against a `RegExp`, a
 * predicate returning `true`, or an object whose properties (e.g. `name`,
 * `message`) the error has with equal values.
 */
export type ErrorPattern =
  | RegExp
  | ((err: unknown) => boolean)
  | Readonly<Record<string, unknown>>;

/** `fn` throws an error matching `pattern` (see {@linkcode ErrorPattern}). */
export function assertThrowsMatching(
  fn: () => unknown,
  pattern: ErrorPattern,
  message?: string,
): void {
  nodeAssert.throws(fn, pattern as RegExp, message);
}

/** `promise` (or `fn()`) rejects with an error matching `pattern`. */
export async function assertRejectsMatching(
  promise: Promise<unknown> | (() => Promise<unknown>),
  pattern: ErrorPattern,
  message?: string,
): Promise<void> {
  await nodeAssert.rejects(promise, pattern as RegExp, message);
}
