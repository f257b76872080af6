/**
 * Training loops: one pass over the data with single images or mini-batches (with or without
 * dropout), and early stopping on a validation set.
 */
import { NDArray, RandomState, rowsView } from '../../kernels';
import { dropoutMask } from './dropout';
import { trainStep, type Network } from './network';
import { NotImplementedError } from '../../kernels/not-implemented';

/** Options of {@link trainEpoch}. */
export interface EpochOptions {
  /** Rows per step: 1 (the default) updates after every image; 100 is the book's mini-batch. */
  readonly batchSize?: number;
  /** With a generator, every step draws a fresh dropout mask from it (`dropoutMask(rng, layer1 shape)`). */
  readonly dropout?: RandomState;
}

/** The training error and accuracy of one pass, measured during the pass. */
export interface EpochResult {
  /** Summed squared error over the images, divided by the number of images (`Train-Err`). */
  readonly error: number;
  /** Fraction of images classified correctly before their update (`Train-Acc`). */
  readonly accuracy: number;
}

/**
 * Exercise 8.8: one pass over `images` and `labels` in order, in steps of `batchSize` rows
 * (`trainStep` on rows `[start, start + batchSize)`; a last, shorter batch is dropped, as in the
 * book). With `options.dropout`, draw a mask of shape `[rows, hidden]` before each step.
 * @throws an Error `trainEpoch: batch size 0 must be a positive integer` for a bad batch size
 */
export function trainEpoch(
  net: Network,
  images: NDArray,
  labels: NDArray,
  alpha: number,
  options: EpochOptions = {},
): EpochResult {
  // #region solution 8.8
  throw new NotImplementedError('8.8', 'trainEpoch', 'chapters/chapter-08/README.md#exercise-8-8');
  // #endregion
}

/** Where early stopping stops. */
export interface EarlyStop {
  /** Index of the best validation accuracy seen (the first one, on ties): the weights to keep. */
  readonly best: number;
  /** Index of the check at which training stops: `patience` checks after the best without a new best, or the last check. */
  readonly stop: number;
}

/**
 * Exercise 8.9: early stopping. Walk through the validation accuracies measured at successive
 * checks; keep the best so far; stop as soon as `patience` checks in a row have not beaten it
 * (or at the last check). Only a strictly higher accuracy counts as better.
 * @throws an Error `earlyStopping: no validation accuracies` for an empty list
 * @example earlyStopping([0.6, 0.8, 0.79, 0.78, 0.81], 2) // { best: 1, stop: 3 }
 */
export function earlyStopping(validationAccuracies: readonly number[], patience: number): EarlyStop {
  // #region solution 8.9
  throw new NotImplementedError('8.9', 'earlyStopping', 'chapters/chapter-08/README.md#exercise-8-9');
  // #endregion
}
