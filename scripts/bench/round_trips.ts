/**
 * Critical-path analysis of the agent requests of one CLI run (pure).
 *
 * Two requests are *sequential* when the second arrived at the agent after the
 * first was answered (`b.startMs >= a.endMs`); otherwise they overlapped and
 * were in flight together. The number of sequential round trips on the
 * critical path is the length of the longest chain of requests in which each
 * one is sequential after the previous one: the client had to wait that many
 * agent latencies one after another, however many requests it issued.
 *
 * @module
 */

/** One request as seen by the agent: arrival and answer time in ms on one clock. */
export interface RequestInterval {
  startMs: number;
  endMs: number;
}

/** The longest sequential chain: its length and the indices (into the input) along it. */
export interface CriticalPath {
  /** Number of sequential round trips (0 for no requests). */
  roundTrips: number;
  /** Indices into the input array, in time order. */
  chain: number[];
}

/**
 * The longest chain of requests where each one starts at or after the end of
 * the previous one. O(n²), fine for the handful of requests per run.
 */
export function criticalPath(requests: readonly RequestInterval[]): CriticalPath {
  const order = requests.map((_, i) => i).sort((a, b) =>
    requests[a].startMs - requests[b].startMs || requests[a].endMs - requests[b].endMs
  );
  // length[k] / prev[k]: longest chain ending at order[k], and its predecessor position.
  const length: number[] = [];
  const prev: number[] = [];
  let best = -1;
  for (let k = 0; k < order.length; k++) {
    const cur = requests[order[k]];
    if (cur.endMs < cur.startMs) {
      throw new RangeError(`request ${order[k]} ends before it starts`);
    }
    length[k] = 1;
    prev[k] = -1;
    for (let j = 0; j < k; j++) {
      if (requests[order[j]].endMs <= cur.startMs && length[j] + 1 > length[k]) {
        length[k] = length[j] + 1;
        prev[k] = j;
      }
    }
    if (best < 0 || length[k] > length[best]) best = k;
  }
  const chain: number[] = [];
  for (let k = best; k >= 0; k = prev[k]) chain.unshift(order[k]);
  return { roundTrips: chain.length, chain };
}
