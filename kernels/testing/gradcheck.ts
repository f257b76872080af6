/**
 * Numeric gradients by centered differences and a gradient check in float64.
 *
 * Convention (as in CS231n's gradient_check): the function under test maps inputs to an output y.
 * A random upstream gradient g of y's shape defines the scalar L = sum(g * y); the analytic
 * backward receives g and must return dL/d(input) for each input. Using a random g rather than
 * summing y catches transposed and mis-broadcast gradients that a plain sum would hide.
 */
import { NDArray, formatShape } from '../ndarray';
import { RandomState } from '../random';
import { relativeError, unravel } from './close';

/**
 * Thresholds for `gradCheck` by what is checked (relative error per element, float64), so tests
 * share one scale instead of scattering magic numbers:
 * a single smooth op (tanh, softmax, matmul) or an op with kinks checked away from them: 1e-6;
 * a composed layer or a loss on top of a network: 1e-4; a whole small network: 1e-3.
 * @example gradCheck(f, x, backward, { threshold: GRAD_TOLERANCE.layer })
 */
export const GRAD_TOLERANCE = Object.freeze({ op: 1e-6, layer: 1e-4, network: 1e-3 });

/** Options of {@link gradCheck}. */
export interface GradCheckOptions {
  /** Step of the centered difference (default 1e-6). */
  h?: number;
  /** Largest relative error accepted per element (default 1e-6, for smooth ops in float64). */
  threshold?: number;
  /**
   * Absolute differences up to this pass whatever their relative error (default 1e-8). Rounding
   * alone puts about 1e-16 * |L| / h (1e-10 for |L| near 1) into each numeric derivative, which
   * dominates the relative error of derivatives close to zero. Set 0 for a purely relative check.
   */
  atol?: number;
  /** The upstream gradient; by default drawn from a standard normal seeded by `seed`. */
  upstream?: NDArray;
  /** Seed of the upstream gradient (default 0). */
  seed?: number;
  /** Which inputs to check, by position (default all). */
  wrt?: readonly number[];
  /** Name shown first in the failure message (e.g. 'task 6.3 backprop'). */
  label?: string;
  /** How many of the worst elements to list on failure (default 5). */
  maxReport?: number;
}

/** The outcome for one checked input. */
export interface GradCheckInputReport {
  input: number;
  /** The largest relative error over its elements. */
  maxError: number;
  analytic: NDArray;
  numeric: NDArray;
}

/** What {@link gradCheck} returns when it passes. */
export interface GradCheckReport {
  /** The largest relative error over every checked element. */
  maxError: number;
  inputs: GradCheckInputReport[];
  /** The upstream gradient that was used. */
  upstream: NDArray;
}

/** The forward function under test, from one or more array inputs to an array or a number. */
export type Forward = (...inputs: NDArray[]) => NDArray | number;

/** The analytic backward: dL/d(input) for every input (an array when there is one input is fine). */
export type Backward = (upstream: NDArray, ...inputs: NDArray[]) => NDArray | readonly NDArray[];

function asArray(y: NDArray | number): NDArray {
  return typeof y === 'number' ? new NDArray(Float64Array.of(y), []) : y;
}

function dotFlat(a: NDArray, b: NDArray): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * b.data[i];
  return s;
}

/**
 * Centered-difference gradient of a scalar function: (f(x + h e_i) - f(x - h e_i)) / 2h for each
 * element i. `x` is perturbed in place and restored exactly.
 * @example numericGradient((x) => sum(square(x)), array([1, 2])) // about [2, 4]
 */
export function numericGradient(f: (x: NDArray) => number, x: NDArray, h = 1e-6): NDArray {
  const grad = NDArray.zeros(x.shape);
  const d = x.data;
  for (let i = 0; i < d.length; i++) {
    const old = d[i];
    d[i] = old + h;
    const plus = f(x);
    d[i] = old - h;
    const minus = f(x);
    d[i] = old;
    grad.data[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

/**
 * Numeric vector-Jacobian product: d(sum(upstream * forward(...inputs))) / d inputs[which].
 * @example numericVjp((w) => matmul(x, w), [w], g, 0) // about matmulTransposeA(x, g)
 */
export function numericVjp(
  forward: Forward,
  inputs: readonly NDArray[],
  upstream: NDArray,
  which: number,
  h = 1e-6,
): NDArray {
  return numericGradient(() => dotFlat(upstream, asArray(forward(...inputs))), inputs[which], h);
}

/**
 * Checks an analytic gradient against centered differences, element by element, and throws an
 * Error naming the worst elements (index, analytic, numeric, relative error) when any relative
 * error max|a-n| / max(1e-8, |a|+|n|) exceeds the threshold (and |a-n| exceeds `atol`). Returns a report when it passes.
 *
 * @example
 * // y = x W; dL/dW = x^T g and dL/dx = g W^T
 * gradCheck(
 *   (x, w) => matmul(x, w),
 *   [x, w],
 *   (g, x, w) => [matmulTransposeB(g, w), matmulTransposeA(x, g)],
 * );
 */
export function gradCheck(
  forward: Forward,
  inputs: NDArray | readonly NDArray[],
  backward: Backward,
  options: GradCheckOptions = {},
): GradCheckReport {
  const xs: readonly NDArray[] = inputs instanceof NDArray ? [inputs] : inputs;
  const h = options.h ?? 1e-6;
  const threshold = options.threshold ?? 1e-6;
  const atol = options.atol ?? 1e-8;
  const label = options.label ? `${options.label}: ` : '';
  const y = asArray(forward(...xs));
  const upstream = options.upstream ?? new RandomState(options.seed ?? 0).randn(y.shape);
  if (upstream.size !== y.size) {
    throw new Error(
      `${label}gradCheck: upstream ${formatShape(upstream.shape)} does not match the output ${formatShape(y.shape)}`,
    );
  }
  const analyticRaw = backward(upstream, ...xs);
  const analytic: readonly NDArray[] = analyticRaw instanceof NDArray ? [analyticRaw] : analyticRaw;
  if (analytic.length !== xs.length) {
    throw new Error(`${label}gradCheck: backward returned ${analytic.length} gradients for ${xs.length} inputs`);
  }
  const wrt = options.wrt ?? xs.map((_, i) => i);
  const reports: GradCheckInputReport[] = [];
  const failures: string[] = [];
  let maxError = 0;
  for (const which of wrt) {
    const a = analytic[which];
    const x = xs[which];
    if (!(a instanceof NDArray) || a.size !== x.size) {
      throw new Error(
        `${label}gradCheck: the gradient for input ${which} has shape ` +
          `${a instanceof NDArray ? formatShape(a.shape) : String(a)} but the input has shape ${formatShape(x.shape)}`,
      );
    }
    const numeric = numericVjp(forward, xs, upstream, which, h);
    const errors: { i: number; err: number }[] = [];
    let worst = 0;
    for (let i = 0; i < x.size; i++) {
      const err = relativeError(a.data[i], numeric.data[i]);
      if (err > worst || Number.isNaN(err)) worst = Number.isNaN(err) ? Infinity : err;
      if (!(err <= threshold) && !(Math.abs(a.data[i] - numeric.data[i]) <= atol)) errors.push({ i, err: Number.isNaN(err) ? Infinity : err });
    }
    maxError = Math.max(maxError, worst);
    reports.push({ input: which, maxError: worst, analytic: a, numeric });
    if (errors.length > 0) {
      errors.sort((p, q) => q.err - p.err);
      const shown = errors.slice(0, options.maxReport ?? 5).map(({ i, err }) => {
        const index = unravel(i, x.shape);
        return `    at [${index.join(',')}]: analytic ${a.data[i]}, numeric ${numeric.data[i]}, relative error ${err.toExponential(2)}`;
      });
      failures.push(
        `  input ${which} ${formatShape(x.shape)}: ${errors.length} of ${x.size} elements exceed ${threshold} ` +
          `(worst ${worst.toExponential(2)})\n${shown.join('\n')}`,
      );
    }
  }
  if (failures.length > 0) {
    throw new Error(
      `${label}gradient check failed (h ${h}, relative error max|a-n|/max(1e-8,|a|+|n|), absolute differences up to ${atol} pass)\n${failures.join('\n')}`,
    );
  }
  return { maxError, inputs: reports, upstream };
}

