/**
 * A tiny seeded generator for the datasets' own shuffles and the bAbI story generator.
 *
 * It is mulberry32 (a 32-bit state, period 2^32), chosen because it is a few lines long and
 * gives the same numbers on every machine. It is NOT NumPy's generator: the book's
 * `np.random.seed(...)` experiments use `kernels/random`, and nothing here draws from that
 * stream, so preparing data never shifts the random numbers of a chapter's training run.
 */
export class SeededRandom {
  private state: number;

  /** @param seed any integer; the same seed always gives the same sequence. */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`SeededRandom: seed ${seed} must be an integer`);
    this.state = seed >>> 0;
  }

  /** A float in [0, 1) with 32 random bits. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }

  /** A shuffled copy (Fisher-Yates), leaving `items` untouched. */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}
