/**
 * Chapter 9: activation functions. Each one maps every number of a layer on its own (softmax
 * works on a whole row), and each derivative is computed from the activation's OUTPUT, the layer
 * the forward pass has already stored: sigmoid' = s (1 - s), tanh' = 1 - t^2. Softmax is only
 * used on the last layer, where, paired with cross-entropy, its delta is simply
 * `prediction - target`.
 */
import { NDArray, checkSameShape, formatShape } from '../../kernels';
import { NotImplementedError } from '../../kernels/not-implemented';

/**
 * Exercise 9.1: the sigmoid `1 / (1 + e^-x)` of every element, a new array of the same shape.
 * It squashes any number into (0, 1), so one output can be read as a probability.
 * @example sigmoid(array([0, 100])) // [0.5, 1]
 */
export function sigmoid(x: NDArray): NDArray {
  // #region solution 9.1
  throw new NotImplementedError('9.1', 'sigmoid', 'chapters/chapter-09/README.md#exercise-9-1');
  // #endregion
}

/**
 * Exercise 9.1: the sigmoid's slope from its output `s = sigmoid(x)`: `s (1 - s)` per element.
 * @example sigmoidDerivFromOutput(array([0.5])) // [0.25], the slope of the sigmoid at 0
 */
export function sigmoidDerivFromOutput(output: NDArray): NDArray {
  // #region solution 9.1
  throw new NotImplementedError('9.1', 'sigmoid', 'chapters/chapter-09/README.md#exercise-9-1');
  // #endregion
}

/**
 * Exercise 9.2: `tanh(x)` of every element (`Math.tanh`), a new array: the sigmoid's S shape
 * stretched to (-1, 1), so a hidden unit can also say "negatively correlated".
 * @example tanh(array([0])) // [0]
 */
export function tanh(x: NDArray): NDArray {
  // #region solution 9.2
  throw new NotImplementedError('9.2', 'tanh', 'chapters/chapter-09/README.md#exercise-9-2');
  // #endregion
}

/**
 * Exercise 9.2: the slope of tanh from its output `t = tanh(x)`: `1 - t^2` per element (the
 * book's `tanh2deriv`).
 * @example tanhDerivFromOutput(array([0])) // [1], the slope of tanh at 0
 */
export function tanhDerivFromOutput(output: NDArray): NDArray {
  // #region solution 9.2
  throw new NotImplementedError('9.2', 'tanh', 'chapters/chapter-09/README.md#exercise-9-2');
  // #endregion
}

/**
 * Exercise 9.3: the softmax of every row of a matrix `[rows, classes]`:
 * `s_i = e^(x_i) / sum_j e^(x_j)`, so each row is positive and sums to 1. Subtract the row's
 * largest value before exponentiating (the result is the same, since softmax ignores a shift of
 * the whole row) so that inputs like 1000 do not overflow to `Infinity / Infinity`.
 * @throws an Error `softmax: x must be a matrix [rows, classes], got [3]` for anything not 2-d
 * @example softmax(array([[0, 0, 0, 100]])) // [[3.7e-44, 3.7e-44, 3.7e-44, 1]]
 */
export function softmax(x: NDArray): NDArray {
  // #region solution 9.3
  throw new NotImplementedError('9.3', 'softmax', 'chapters/chapter-09/README.md#exercise-9-3');
  // #endregion
}

/**
 * Exercise 9.4: the cross-entropy of predicted probabilities against one-hot targets, averaged
 * over the rows: `-(1 / rows) sum_rows sum_k target_k log(prediction_k)`. Only the probability
 * given to the right class counts: 0 when it is 1, growing without bound as it goes to 0.
 * @throws an Error `crossEntropy: prediction [2,3] and target [2,4] must have the same shape`
 * @example crossEntropy(array([[0.25, 0.75]]), array([[0, 1]])) // -log(0.75), about 0.2877
 */
export function crossEntropy(prediction: NDArray, target: NDArray): number {
  // #region solution 9.4
  throw new NotImplementedError('9.4', 'crossEntropy', 'chapters/chapter-09/README.md#exercise-9-4');
  // #endregion
}

/**
 * Exercise 9.4: the delta of a softmax output layer trained with {@link crossEntropy}: the
 * gradient of the mean cross-entropy with respect to the softmax's INPUT, which works out to
 * `(prediction - target) / rows`. The softmax's own derivative cancels against the logarithm's,
 * so no `softmax2deriv` is ever needed.
 * @throws an Error `softmaxCrossEntropyDelta: prediction [2,3] and target [2,4] must have the same shape`
 * @example softmaxCrossEntropyDelta(array([[0.25, 0.75]]), array([[0, 1]])) // [[0.25, -0.25]]
 */
export function softmaxCrossEntropyDelta(prediction: NDArray, target: NDArray): NDArray {
  // #region solution 9.4
  throw new NotImplementedError('9.4', 'crossEntropy', 'chapters/chapter-09/README.md#exercise-9-4');
  // #endregion
}
