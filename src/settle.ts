/**
 * Start work now, look at its outcome later: a settled promise never
 * rejects, so requests issued concurrently cannot cause unhandled
 * rejections while the pipeline is still busy with earlier steps.
 *
 * @module
 */

import { CliError, errorText } from "./errors.ts";

/** The outcome of a promise. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Wrap `p` so that it resolves to its outcome. */
export function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error) => ({ ok: false as const, error }),
  );
}

/** The value of a settled outcome, or its error as a `CliError` (rethrown as is when it is one). */
export function valueOf<T>(outcome: Settled<T>): T {
  if (outcome.ok) return outcome.value;
  if (outcome.error instanceof CliError) throw outcome.error;
  throw new CliError(errorText(outcome.error));
}
