/**
 * A seeded random generator that reproduces NumPy's legacy `np.random` bit for bit:
 * MT19937 seeded like `np.random.seed(n)`, 53-bit doubles for `random`, the polar Gaussian for
 * `randn`, masked rejection for `randint`, and NumPy's Fisher-Yates for `shuffle`/`permutation`.
 * So `new RandomState(1).random([3, 4])` equals `np.random.seed(1); np.random.random((3, 4))`,
 * and the book's printed numbers can be reproduced. Never use Math.random in the course.
 *
 * One platform caveat, for randn only: NumPy's Gaussian calls the C library's `log`, so NumPy's
 * own output differs between platforms. We use a correctly rounded log. glibc's log (NumPy on
 * Linux) is correctly rounded for all but about 0.08% of inputs, so about 1 Gaussian in 3000
 * differs from NumPy-on-Linux in the last bit (2 of the first 1000 for seed 0, none for seed 1).
 * The generator state never depends on these values, so later draws are unaffected.
 * (V8's Math.log would be off in the last bit for about 3% of Gaussians.)
 */
import { NDArray, formatShape, type Shape } from './ndarray';
import { logCorrectlyRounded } from './log-correctly-rounded';

export { logCorrectlyRounded } from './log-correctly-rounded';

const N = 624;
const M = 397;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

/** Smallest all-ones bit mask covering `max` (max < 2^32). */
function mask32(max: number): number {
  let m = max >>> 0;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

function checkSize(op: string, shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`${op}: shape ${formatShape(shape)} must hold non-negative integers`);
  }
}

/** A {@link RandomState}'s state: the 624 MT19937 words, the position in them and the cached Gaussian. */
export interface RandomStateSnapshot {
  readonly mt: readonly number[];
  readonly index: number;
  readonly hasGauss: boolean;
  readonly gauss: number;
}

/** NumPy's legacy RandomState (MT19937), seeded as `np.random.seed(seed)`. */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private hasGauss = false;
  private gauss = 0;

  /**
   * @param seed an integer in [0, 2^32 - 1], as np.random.seed accepts.
   * @example new RandomState(1).random() // 0.417022004702574, as np.random.seed(1); np.random.random()
   */
  constructor(seed: number) {
    this.seed(seed);
  }

  /** Re-seeds in place, exactly as `np.random.seed(seed)` (MT19937 init_genrand). */
  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`RandomState.seed: seed ${seed} must be an integer between 0 and 2**32 - 1`);
    }
    // NumPy's legacy seeding for an integer is Matsumoto and Nishimura's init_genrand.
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev mod 2^32, split in 16-bit halves so no product exceeds 2^53.
      mt[i] = (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
    }
    this.index = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  /**
   * The generator's whole state, as plain JSON-able numbers (NumPy's `get_state()`): what a
   * checkpoint saves so a resumed run draws exactly what an uninterrupted one would.
   */
  getState(): RandomStateSnapshot {
    return { mt: Array.from(this.mt), index: this.index, hasGauss: this.hasGauss, gauss: this.gauss };
  }

  /**
   * Restores a state from {@link getState} (NumPy's `set_state()`).
   * @throws Error when the snapshot is not a state of this generator
   */
  setState(state: RandomStateSnapshot): void {
    if (!Array.isArray(state.mt) || state.mt.length !== N || !Number.isInteger(state.index) || state.index < 0 || state.index > N) {
      throw new Error(`RandomState.setState: not a MT19937 state (expected ${N} words and an index in [0, ${N}])`);
    }
    this.mt.set(state.mt);
    this.index = state.index;
    this.hasGauss = state.hasGauss;
    this.gauss = state.gauss;
  }

  /** The next raw 32-bit output of MT19937, as an unsigned integer. */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let k = 0;
      for (; k < N - M; k++) {
        const y = (mt[k] & UPPER) | (mt[k + 1] & LOWER);
        mt[k] = mt[k + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; k < N - 1; k++) {
        const y = (mt[k] & UPPER) | (mt[k + 1] & LOWER);
        mt[k] = mt[k + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits, as NumPy's random_sample. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A standard normal number by NumPy's legacy polar method (each pair is cached, as NumPy does). */
  nextGaussian(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.nextDouble() - 1;
      x2 = 2 * this.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * logCorrectlyRounded(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** A uniform integer in [0, max] (inclusive), by NumPy's masked rejection (random_interval). */
  private interval(max: number): number {
    if (max === 0) return 0;
    if (max <= 0xffffffff) {
      const mask = mask32(max);
      let v: number;
      do v = (this.nextUint32() & mask) >>> 0;
      while (v > max);
      return v;
    }
    // NumPy draws 64 bits as (first << 32) | second; the mask keeps only the low bits we need.
    const hiMask = mask32(Math.floor(max / 4294967296));
    let v: number;
    do {
      const hi = (this.nextUint32() & hiMask) >>> 0;
      const lo = this.nextUint32();
      v = hi * 4294967296 + lo;
    } while (v > max);
    return v;
  }

  /**
   * Uniform doubles in [0, 1): one number, or an array of `shape` (np.random.random).
   * @example new RandomState(1).random([3, 4]) // as np.random.seed(1); np.random.random((3, 4))
   */
  random(): number;
  random(shape: Shape): NDArray;
  random(shape?: Shape): number | NDArray {
    if (shape === undefined) return this.nextDouble();
    checkSize('random', shape);
    const x = NDArray.zeros(shape);
    const d = x.data;
    for (let i = 0; i < d.length; i++) d[i] = this.nextDouble();
    return x;
  }

  /**
   * np.random.rand(d0, d1, ...): a uniform [0, 1) array with the given dimensions, or one number
   * when called with none (as `np.random.rand()` in chapter 14's sampling).
   * @example new RandomState(1).rand(2, 5)
   */
  rand(): number;
  rand(...dims: [number, ...number[]]): NDArray;
  rand(...dims: number[]): number | NDArray {
    return dims.length === 0 ? this.nextDouble() : this.random(dims);
  }

  /**
   * Uniform doubles in [low, high) as low + (high - low) * u (np.random.uniform(low, high, size)).
   * @example new RandomState(0).uniform([2], -1, 1)
   */
  uniform(shape: Shape, low = 0, high = 1): NDArray {
    checkSize('uniform', shape);
    const x = NDArray.zeros(shape);
    const d = x.data;
    const range = high - low;
    for (let i = 0; i < d.length; i++) d[i] = low + range * this.nextDouble();
    return x;
  }

  /**
   * Standard normal numbers: one, or an array of `shape` (np.random.randn / standard_normal).
   * @example new RandomState(0).randn([2, 2])
   */
  randn(): number;
  randn(shape: Shape): NDArray;
  randn(shape?: Shape): number | NDArray {
    if (shape === undefined) return this.nextGaussian();
    checkSize('randn', shape);
    const x = NDArray.zeros(shape);
    const d = x.data;
    for (let i = 0; i < d.length; i++) d[i] = this.nextGaussian();
    return x;
  }

  /**
   * Uniform integers in [low, high): one, or an array of `shape` (np.random.randint(low, high, size)).
   * The book's dropout mask `np.random.randint(2, size=s)` is `randint(0, 2, s)`.
   */
  randint(low: number, high: number): number;
  randint(low: number, high: number, shape: Shape): NDArray;
  randint(low: number, high: number, shape?: Shape): number | NDArray {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high <= low) {
      throw new Error(`randint: needs integers low < high, got low=${low} high=${high}`);
    }
    const range = high - 1 - low;
    if (range > Number.MAX_SAFE_INTEGER) throw new Error(`randint: range ${low}..${high} is too large`);
    if (shape === undefined) return low + this.interval(range);
    checkSize('randint', shape);
    const x = NDArray.zeros(shape);
    const d = x.data;
    for (let i = 0; i < d.length; i++) d[i] = low + this.interval(range);
    return x;
  }

  /**
   * Shuffles in place along the first axis (rows of a matrix, items of a list), as np.random.shuffle.
   * @example rng.shuffle(indices)
   */
  shuffle<T>(x: NDArray | T[]): void {
    if (Array.isArray(x)) {
      for (let i = x.length - 1; i > 0; i--) {
        const j = this.interval(i);
        const t = x[i];
        x[i] = x[j];
        x[j] = t;
      }
      return;
    }
    if (x.ndim === 0) throw new Error('shuffle: cannot shuffle a 0-d array');
    const n = x.shape[0];
    const rowSize = n === 0 ? 0 : x.size / n;
    const d = x.data;
    const tmp = new Float64Array(rowSize);
    for (let i = n - 1; i > 0; i--) {
      const j = this.interval(i);
      if (rowSize === 1) {
        const t = d[i];
        d[i] = d[j];
        d[j] = t;
      } else {
        tmp.set(d.subarray(i * rowSize, (i + 1) * rowSize));
        d.copyWithin(i * rowSize, j * rowSize, (j + 1) * rowSize);
        d.set(tmp, j * rowSize);
      }
    }
  }

  /**
   * A shuffled copy: of 0..n-1 for a number, or of the rows of an array (np.random.permutation).
   * @example new RandomState(0).permutation(5)
   */
  permutation(x: number | NDArray): NDArray {
    let result: NDArray;
    if (typeof x === 'number') {
      if (!Number.isInteger(x) || x < 0) throw new Error(`permutation: ${x} must be a non-negative integer`);
      result = NDArray.zeros([x]);
      for (let i = 0; i < x; i++) result.data[i] = i;
    } else {
      result = x.clone();
    }
    this.shuffle(result);
    return result;
  }
}
