/**
 * Chapter 6, second half: the first deep network. Three layers (input, a relu hidden layer,
 * output), trained with backpropagation one example at a time, as in the book's listing 6.9.
 * Rows are examples: `layer0` is `[n, inputs]`, `layer1` is `[n, hidden]`, `layer2` is `[n, 1]`.
 */
import {
  NDArray,
  RandomState,
  array,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  mul,
  sliceRows,
  sub,
  sum,
  square,
} from '../../kernels';
import { NotImplementedError } from '../../kernels/not-implemented';

/** Streetlights v2: no single lamp correlates with walking (listing 6.6). */
export const STREETLIGHTS_V2 = [
  [1, 0, 1],
  [0, 1, 1],
  [0, 0, 1],
  [1, 1, 1],
] as const;

/** Walk (1) or stop (0) for each pattern of {@link STREETLIGHTS_V2}, as a column. */
export const WALK_VS_STOP_V2 = [[1], [1], [0], [0]] as const;

/**
 * Exercise 6.5: relu, `max(0, x)` elementwise, written like the book's `(x > 0) * x`: negative
 * values (and zero) become 0, positive values pass unchanged. Returns a new array.
 * @example relu(array([-1, 0, 2])) // [0, 0, 2]
 */
export function relu(x: NDArray): NDArray {
  // #region solution 6.5
  throw new NotImplementedError('6.5', 'relu', 'chapters/chapter-06/README.md#exercise-6-5');
  // #endregion
}

/**
 * Exercise 6.6: the slope of relu, computed from relu's *output*: 1 where the output is positive
 * (the node was on), 0 where it is 0 (the node was off and had no part in the prediction).
 * @example relu2deriv(array([0, 3])) // [0, 1]
 */
export function relu2deriv(output: NDArray): NDArray {
  // #region solution 6.6
  throw new NotImplementedError('6.6', 'relu2deriv', 'chapters/chapter-06/README.md#exercise-6-6');
  // #endregion
}

/** The layers a forward pass produced. */
export interface ForwardPass {
  /** `[n, hidden]`: the hidden layer, after the activation. */
  readonly layer1: NDArray;
  /** `[n, outputs]`: the prediction. */
  readonly layer2: NDArray;
}

/**
 * Exercise 6.8: the forward pass: `layer1 = activation(layer0 weights01)`,
 * `layer2 = layer1 weights12`. The activation is relu unless another is passed (pass
 * `(x) => x` to see the network without its nonlinearity).
 * @throws when the matrices do not chain, with the kernel's message
 *   ("matmul: cannot multiply [1,3] by [4,1] (inner sizes 3 and 4 differ)").
 */
export function forward(
  layer0: NDArray,
  weights01: NDArray,
  weights12: NDArray,
  activation: (x: NDArray) => NDArray = relu,
): ForwardPass {
  // #region solution 6.8
  throw new NotImplementedError('6.8', 'forward', 'chapters/chapter-06/README.md#exercise-6-8');
  // #endregion
}

/** The deltas and weight deltas of one backward pass. */
export interface BackwardPass {
  /** `layer2 - goal`: how much too high each prediction was. */
  readonly layer2Delta: NDArray;
  /** `layer2Delta` sent back through `weights12` and zeroed where the hidden node was off. */
  readonly layer1Delta: NDArray;
  /** `layer1^T layer2Delta`, the shape of `weights12`. */
  readonly weightDelta12: NDArray;
  /** `layer0^T layer1Delta`, the shape of `weights01`. */
  readonly weightDelta01: NDArray;
}

/**
 * Exercise 6.9: backpropagation. From the layers of {@link forward} and the goal:
 * `layer2Delta = layer2 - goal`; `layer1Delta = (layer2Delta weights12^T) * relu2deriv(layer1)`;
 * `weightDelta12 = layer1^T layer2Delta`; `weightDelta01 = layer0^T layer1Delta`.
 * These are the gradients of half the squared error, `sum((layer2 - goal)^2) / 2`.
 * @throws when goal and layer2 differ in shape: "backward: goal [1,2] does not match layer2 [1,1]"
 */
export function backward(
  layer0: NDArray,
  layer1: NDArray,
  layer2: NDArray,
  goal: NDArray,
  weights12: NDArray,
): BackwardPass {
  // #region solution 6.9
  throw new NotImplementedError('6.9', 'backward', 'chapters/chapter-06/README.md#exercise-6-9');
  // #endregion
}

/**
 * Exercise 6.7: the single matrix a network *without* a nonlinearity collapses to:
 * `layer0 weights01 weights12 = layer0 (weights01 weights12)`.
 */
export function collapseLinear(weights01: NDArray, weights12: NDArray): NDArray {
  // #region solution 6.7
  throw new NotImplementedError('6.7', 'collapseLinear', 'chapters/chapter-06/README.md#exercise-6-7');
  // #endregion
}

/** Settings of {@link trainDeepNetwork}. */
export interface DeepNetworkOptions {
  /** `[n, inputs]` light patterns. */
  readonly lights: NDArray;
  /** `[n, 1]` walk (1) / stop (0) column. */
  readonly walkVsStop: NDArray;
  readonly hiddenSize: number;
  readonly alpha: number;
  readonly iterations: number;
  /** The generator the weights are drawn from, e.g. `new RandomState(1)` for `np.random.seed(1)`. */
  readonly random: RandomState;
}

/** A trained deep network and its error after every iteration. */
export interface DeepNetwork {
  readonly weights01: NDArray;
  readonly weights12: NDArray;
  /** Per iteration: the squared error summed over the examples, each before its own update. */
  readonly errors: number[];
}

/**
 * Exercise 6.10: trains the three-layer network like the book's listing 6.9.
 *
 * Draw `weights01 = 2 * random([inputs, hiddenSize]) - 1` first, then
 * `weights12 = 2 * random([hiddenSize, 1]) - 1` (that order reproduces the book). Each iteration
 * visits the rows in order; for each row (kept 2-D, `[1, inputs]`) run {@link forward}, add
 * `sum((layer2 - goal)^2)` to the iteration's error, run {@link backward}, and move both weight
 * matrices by `alpha` times their weight deltas.
 */
export function trainDeepNetwork(options: DeepNetworkOptions): DeepNetwork {
  // #region solution 6.10
  throw new NotImplementedError('6.10', 'trainDeepNetwork', 'chapters/chapter-06/README.md#exercise-6-10');
  // #endregion
}

/** Streetlights v2 as fresh arrays: `[4, 3]` patterns and the `[4, 1]` walk/stop column. */
export function streetlightsV2(): { lights: NDArray; walkVsStop: NDArray } {
  return {
    lights: array(STREETLIGHTS_V2.map((row) => [...row])),
    walkVsStop: array(WALK_VS_STOP_V2.map((row) => [...row])),
  };
}
