/**
 * Start work now, look at its outcome later: a settled promise never
 * rejects, so requests issued concurrently cannot cause unhandled
 * rejections while the pipeline is still busy with earlier steps.
 *
 * @module
 */

/** The outcome of a promise. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Wrap `p` so that it resolves to its outcome. */
export function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error) => ({ ok: false as const, error }),
  );
}
