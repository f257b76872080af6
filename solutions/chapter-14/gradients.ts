/**
 * Chapter 14: why plain recurrent networks are hard to train through many steps (the book's
 * vanishing/exploding toy), and gradient clipping, the usual guard against the exploding case.
 */
import { NDArray, dot, formatShape, matmulTransposeB, mul, norm, ones, relu, reshape, sigmoid } from '../../kernels';

/** The activations and the backpropagated gradients of {@link explodingDemo}, one per step. */
export interface ExplodingDemo {
  /** activations[k] is the state after k + 1 steps (the book's printed forward values). */
  readonly activations: NDArray[];
  /** gradients[k] is the gradient after backpropagating through k + 1 steps. */
  readonly gradients: NDArray[];
}

/**
 * Exercise 14.1: the book's toy recurrence. Starting from the row vector `start`, apply `steps`
 * times `a <- act(a W)` (act is sigmoid or relu), keeping every state. Then backpropagate a
 * gradient of ones through the same steps, last step first: multiply by the activation's slope
 * at that step's output (`a (1 - a)` for sigmoid, `1[a > 0]` for relu), then by `W^T`.
 * With `W = [[1, 4], [4, 1]]` the sigmoid gradients shrink towards 1e-14 and the relu gradients
 * grow as exactly 5^k. Inputs are not modified.
 * @example explodingDemo(array([[1, 4], [4, 1]]), sigmoid(array([1, 0.01])), 10, 'relu').gradients[0] // [5, 5]
 * @throws when W is not square or its size does not match `start`, or steps is not a positive integer
 */
export function explodingDemo(weights: NDArray, start: NDArray, steps: number, activation: 'sigmoid' | 'relu'): ExplodingDemo {
  // #region solution 14.1
  if (weights.ndim !== 2 || weights.shape[0] !== weights.shape[1] || start.size !== weights.shape[0]) {
    throw new Error(
      `explodingDemo: weights ${formatShape(weights.shape)} must be square and match the state ${formatShape(start.shape)}`,
    );
  }
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`explodingDemo: steps ${steps} must be a positive integer`);
  const activations: NDArray[] = [];
  let a = reshape(start, [1, start.size]);
  for (let k = 0; k < steps; k++) {
    const z = dot(a, weights);
    a = activation === 'sigmoid' ? sigmoid(z) : relu(z);
    activations.push(reshape(a, [start.size]));
  }
  const gradients: NDArray[] = [];
  let gradient = ones([1, start.size]);
  for (let k = steps - 1; k >= 0; k--) {
    const out = activations[k];
    const slope = NDArray.zeros(out.shape);
    for (let i = 0; i < out.size; i++) {
      const v = out.data[i];
      slope.data[i] = activation === 'sigmoid' ? v * (1 - v) : v > 0 ? 1 : 0;
    }
    gradient = matmulTransposeB(mul(gradient, slope), weights);
    gradients.push(reshape(gradient, [start.size]));
  }
  return { activations, gradients };
  // #endregion
}

/**
 * Exercise 14.2: gradient clipping by the GLOBAL norm. Computes `n = sqrt(sum over all arrays of
 * sum g^2)`; when `n > maxNorm`, scales every array in place by `maxNorm / n`, so the update keeps
 * its direction and its length becomes `maxNorm`. Returns `n`, the norm before clipping (worth
 * logging: it is how you see an explosion coming). Use kernels' `norm` so huge gradients do not
 * overflow while squaring.
 * @example clipGradNorm([array([3]), array([4])], 1) // 5, and the arrays become [0.6], [0.8]
 * @throws when maxNorm is not a positive number
 */
export function clipGradNorm(gradients: readonly NDArray[], maxNorm: number): number {
  // #region solution 14.2
  if (!(maxNorm > 0)) throw new Error(`clipGradNorm: maxNorm ${maxNorm} must be a positive number`);
  const norms = gradients.map((g) => norm(g));
  const largest = Math.max(0, ...norms);
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  let sumOfSquares = 0;
  for (const n of norms) sumOfSquares += (n / largest) ** 2;
  const total = largest * Math.sqrt(sumOfSquares);
  if (total > maxNorm) {
    const factor = maxNorm / total;
    for (const g of gradients) mul(g, factor, g);
  }
  return total;
  // #endregion
}
