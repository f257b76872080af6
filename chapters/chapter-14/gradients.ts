/**
 * Chapter 14: why plain recurrent networks are hard to train through many steps (the book's
 * vanishing/exploding toy), and gradient clipping, the usual guard against the exploding case.
 */
import { NDArray, dot, formatShape, matmulTransposeB, mul, norm, ones, relu, reshape, sigmoid } from '../../kernels';
import { NotImplementedError } from '../../kernels/not-implemented';

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
  throw new NotImplementedError('14.1', 'explodingDemo', 'chapters/chapter-14/README.md#exercise-14-1');
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
  throw new NotImplementedError('14.2', 'clipGradNorm', 'chapters/chapter-14/README.md#exercise-14-2');
  // #endregion
}
