import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { InputError } from './errors.js';

/**
 * The monorepo's one seeded random number generator: xoroshiro128+ from `pure-rand`, with 53-bit
 * uniform doubles and Box–Muller normals. The same seed gives the same sequence on every machine.
 * Never use `Math.random` in Tessera; pass an `Rng` (or a seed) explicitly.
 */
export interface Rng {
  /** Uniform in [0, 1), a multiple of 2^-53. */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal N(0, 1) (scaled: N(mean, std)). */
  normal(mean?: number, std?: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Fisher–Yates shuffle in place; returns its argument. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;
  /** An independent generator derived from this one (advances this one by two draws). */
  fork(): Rng;
  readonly seed: number;
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new InputError(`invalid seed: ${seed} (expected an integer)`);
  return wrap(seeded(seed), seed);
}

function wrap(gen: RandomGenerator, seed: number): Rng {
  let spare = Number.NaN;
  const rng: Rng = {
    seed,
    next: () => uniformFloat64(gen),
    uniform: (lo, hi) => lo + (hi - lo) * uniformFloat64(gen),
    normal(mean = 0, std = 1) {
      if (!Number.isNaN(spare)) {
        const z = spare;
        spare = Number.NaN;
        return mean + std * z;
      }
      let u = 0;
      while (u === 0) u = uniformFloat64(gen);
      const v = uniformFloat64(gen);
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + std * r * Math.cos(2 * Math.PI * v);
    },
    int: (n) => Math.floor(uniformFloat64(gen) * n),
    shuffle(array) {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(uniformFloat64(gen) * (i + 1));
        const t = array[i];
        array[i] = array[j];
        array[j] = t;
      }
      return array;
    },
    fork() {
      const s = (gen.next() >>> 0) * 2 ** 21 + (gen.next() >>> 11);
      return wrap(seeded(s), s);
    },
  };
  return rng;
}

/**
 * pure-rand seeds xoroshiro128+ with the raw 32-bit seed, which leaves its state nearly empty for
 * small seeds: the first outputs are then close to 1 and grow with the seed. So the seed (up to
 * 2^53) is first scrambled with murmur3's 32-bit finaliser (a bijection), and the generator is
 * warmed up by 16 draws before use.
 */
function seeded(seed: number): RandomGenerator {
  const gen = xoroshiro128plus(fmix32((seed | 0) ^ fmix32(Math.floor(seed / 2 ** 32) | 0)));
  for (let i = 0; i < 16; i++) gen.next();
  return gen;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
