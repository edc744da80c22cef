/**
 * A virtual clock for tests of waiting and retrying: `sleep` advances the
 * time at once instead of really sleeping.
 *
 * @module
 */

/** A clock whose time only moves when something sleeps on it (ms). */
export interface VirtualClock {
  /** The current virtual time in ms (starts at 0). */
  now(): number;
  /** Advance the time by `ms` and resolve (after other queued callbacks have run). */
  sleep(ms: number): Promise<void>;
}

/** A fresh virtual clock at time 0. */
export function virtualClock(): VirtualClock {
  let t = 0;
  return {
    now: () => t,
    sleep: (ms) => {
      t += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}
