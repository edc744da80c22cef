/**
 * A small seeded PRNG (mulberry32) and random-input builders for the
 * property tests. Deterministic for a given seed, so a failure report's
 * seed and iteration reproduce it.
 *
 * @module
 */

/** A seeded pseudo-random source. */
export class Prng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A string of up to `max` characters drawn from `alphabet`. */
  string(max: number, alphabet: string): string {
    const chars = [...alphabet];
    let out = "";
    const n = this.int(max + 1);
    for (let i = 0; i < n; i++) out += this.pick(chars);
    return out;
  }
}

/** Characters that stress parsers: separators, quotes, escapes, non-ASCII, controls. */
export const NASTY_ALPHABET = "ab019-_=:./\\\"'`{}[](),% \t\n\r\u0000\u00e9\u4e2d\ud83d\ude00$";

/** A random JSON value (depth-bounded), including awkward numbers and strings. */
export function randomJson(rng: Prng, depth = 3): unknown {
  const kind = rng.int(depth > 0 ? 8 : 6);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -0, 1, -1, 1.5, 9000, 1e21, 1e-7, 2 ** 53, -(2 ** 63), 1e308, 0.1]);
    case 3:
      return rng.next() * 10 ** rng.int(30) * (rng.chance(0.5) ? 1 : -1);
    case 4:
    case 5:
      return rng.string(12, NASTY_ALPHABET);
    case 6: {
      const n = rng.int(4);
      return Array.from({ length: n }, () => randomJson(rng, depth - 1));
    }
    default: {
      const obj: Record<string, unknown> = {};
      const n = rng.int(4);
      for (let i = 0; i < n; i++) obj[rng.string(6, "abcXY_")] = randomJson(rng, depth - 1);
      return obj;
    }
  }
}

/** Random JSON text: valid, or valid then damaged (cut, spliced, duplicated). */
export function randomJsonText(rng: Prng): string {
  let text = JSON.stringify(randomJson(rng)) ?? "null";
  if (rng.chance(0.3)) text = `${text}, ${JSON.stringify(randomJson(rng))}`;
  const damage = rng.int(5);
  if (damage === 0) text = text.slice(0, rng.int(text.length + 1));
  if (damage === 1) {
    const at = rng.int(text.length + 1);
    text = text.slice(0, at) + rng.string(3, NASTY_ALPHABET) + text.slice(at);
  }
  return text;
}
