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
