/**
 * `-wait-for-registration`: retry a lookup whose failure means "not
 * registered yet" with bounded exponential backoff until it succeeds, fails
 * for another reason, or the time is up.
 *
 * @module
 */

/** How long and how to wait; clocks injected for tests. */
export interface WaitPolicy {
  /** Total time to keep retrying, in ms; 0 disables waiting. */
  totalMs: number;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Whether an error means "not registered yet" (retryable). */
  isMissing(err: unknown): boolean;
  /** Called before each retry (one progress line on stderr). */
  onRetry(what: string, delayMs: number, leftMs: number): void;
}

/** First delay between attempts. */
export const INITIAL_DELAY_MS = 250;
/** Longest delay between attempts. */
export const MAX_DELAY_MS = 4000;

/**
 * Call `attempt` until it resolves. Retryable failures are retried while
 * time is left; the last error is rethrown when it is up.
 */
export async function retryUntilFound<T>(
  policy: WaitPolicy,
  what: string,
  attempt: () => Promise<T>,
): Promise<T> {
  if (policy.totalMs <= 0) return await attempt();
  const deadline = policy.now() + policy.totalMs;
  let delay = INITIAL_DELAY_MS;
  while (true) {
    try {
      return await attempt();
    } catch (err) {
      const left = deadline - policy.now();
      if (!policy.isMissing(err) || left <= 0) throw err;
      const wait = Math.min(delay, left);
      policy.onRetry(what, wait, left);
      await policy.sleep(wait);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}
