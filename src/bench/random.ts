/**
 * The seeded randomness of the benchmark generator: the same seed gives the same account on
 * every run and platform, so figures from two runs describe the same input.
 */

/** A pseudo-random source with the picks the generator needs. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One item, the first ones more often: group sizes and project use are skewed in real accounts. */
  skewed<T>(items: readonly T[]): T;
  /** Lower-case hexadecimal digits, for project and user ids. */
  hex(length: number): string;
}

/** mulberry32: small, fast and deterministic; not for anything but test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const skewed = <T>(items: readonly T[]): T => {
    const x = next();
    return items[Math.floor(x * x * items.length)] as T;
  };
  const hex = (length: number): string =>
    Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');

  return { next, int, pick, skewed, hex };
}
