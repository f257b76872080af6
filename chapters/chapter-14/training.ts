/**
 * Chapter 14: one step of truncated backpropagation through time over one window.
 */
import { NDArray, addScaled, formatShape, softmax, zerosLike } from '../../kernels';
import { clipGradNorm } from '../../solutions/chapter-14/gradients';
import type { CharModel } from './models';
import { NotImplementedError } from '../../kernels/not-implemented';

/** Hyperparameters of {@link trainWindow}. */
export interface TrainWindowOptions {
  /** The SGD step size. */
  readonly alpha: number;
  /**
   * The book's RNN (quirk C.11): only the window's LAST step's loss is backpropagated and
   * reported. Default false: every step's loss counts.
   */
  readonly lastStepOnly?: boolean;
  /**
   * The book's cross-entropy backward (quirk C.4): the gradient of the SUM over the batch while
   * the loss reported is the mean. Default false: the exact gradient of the reported loss.
   */
  readonly sumOverBatch?: boolean;
  /** Clip the global gradient norm (embedding included) to this before the update. */
  readonly maxNorm?: number;
}

/** What one window of training gives back. */
export interface TrainWindowResult {
  /** Mean cross-entropy per character over the steps that count (exp of it is the perplexity). */
  readonly loss: number;
  /** The state after the window, to start the next window from. */
  readonly state: NDArray[];
  /** The global gradient norm before any clipping. */
  readonly gradientNorm: number;
}

/**
 * Exercise 14.6: one training step over a window (the book's L14.11 loop body, on the fused
 * cell). Run `model.forward` on the window's character ids from `state` (the model embeds them),
 * and take the softmax cross-entropy of every row against its target. The loss that is
 * differentiated is the book's window loss: the SUM over the steps that count (every step, or
 * only the last one when `lastStepOnly`) of each step's MEAN cross-entropy over the batch, so
 * `dLogits = (softmax - onehot) / batch` on those rows and zero elsewhere (without the `/ batch`
 * when `sumOverBatch`, as the book's engine does). Backpropagate (`pass.backward`: `gradients`, in
 * the order of `model.weights`, and `dInputs`, the embedding's gradient), clip the global norm when `maxNorm` is given (14.2's clipGradNorm), then update every
 * weight and the embedding in place: `w -= alpha * dw`. The state passed in is not modified;
 * the state returned is plain numbers, so the next window's gradients stop there (truncation).
 * @example trainWindow(model, windows.inputs[0], windows.targets[0], model.initState(16), { alpha: 0.05 }).loss // about log(V) for a fresh LSTM
 * @throws when inputs and targets differ in length or do not fill whole steps of the batch
 */
export function trainWindow(
  model: CharModel,
  inputs: Int32Array,
  targets: Int32Array,
  state: readonly NDArray[],
  options: TrainWindowOptions,
): TrainWindowResult {
  // #region solution 14.6
  throw new NotImplementedError('14.6', 'trainWindow', 'chapters/chapter-14/README.md#exercise-14-6');
  // #endregion
}
