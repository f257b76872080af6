/**
 * The book's spam classifier (listings 15.4-15.6), built on chapter 13's framework: an
 * `Embedding(vocabulary, 1)` gives every word one number, an email's score is the sum of its
 * words' numbers, and a sigmoid turns the score into the probability of spam:
 * `p(email) = sigmoid(sum_{w in email} theta_w)`. Trained with the summed squared error.
 *
 * The weights travel between the model owner and the users as a plain `[vocabulary, 1]`
 * NDArray; each user builds a fresh Embedding around a copy of them, so nothing a user does can
 * touch the owner's array (the book's deep copies).
 */
import { NDArray, RandomState, copy, zeros } from '../../kernels';
import { Embedding, MSELoss } from '../../solutions/chapter-13/layers';
import { SGD } from '../../solutions/chapter-13/optim';
import { Tensor } from '../../solutions/chapter-13/tensor';

/** The book's hyperparameters: alpha 0.01 on batches of 500. */
export const BOOK_ALPHA = 0.01;
export const BOOK_BATCH_SIZE = 500;

/** Options of {@link trainLocal}. */
export interface TrainOptions {
  /** Emails per gradient step (default 500); a final partial batch is skipped, as in the book. */
  readonly batchSize?: number;
  /** Passes over the data (default 1: the book trains one pass at a time). */
  readonly iterations?: number;
  /** The learning rate (default 0.01). */
  readonly alpha?: number;
  /** The row of `<unk>`, held at 0 so that padding scores nothing (default 0). */
  readonly unknownRow?: number;
}

/** What one user's training returns. */
export interface LocalResult {
  /** The trained weights, a new array (the input is not modified). */
  readonly weights: NDArray;
  /** The book's log value: the mean per-email loss of the last pass. */
  readonly loss: number;
}

/** The book's starting model: every word's weight 0 (`model.weight.data *= 0`). */
export function initialWeights(vocabularySize: number): NDArray {
  return zeros([vocabularySize, 1]);
}

/** An Embedding(vocabulary, 1) holding a copy of `weights`; the random draw is overwritten. */
export function embeddingWith(weights: NDArray): Embedding {
  const model = new Embedding(weights.shape[0], 1, new RandomState(0));
  model.weight.data.data.set(weights.data);
  return model;
}

/** The spam probability of each email: `embedding(rows).sum(1).sigmoid()`, `[emails, 1]`. */
export function predict(model: Embedding, rows: readonly (readonly number[])[]): Tensor {
  return model.forward(rows).sum(1).sigmoid();
}

/**
 * The share of emails classified correctly (spam when the probability exceeds 0.5), with
 * `<unk>` held at 0 as in the book's `test`.
 */
export function accuracy(weights: NDArray, rows: readonly (readonly number[])[], targets: readonly number[], unknownRow = 0): number {
  if (rows.length !== targets.length) throw new Error(`accuracy: ${rows.length} emails but ${targets.length} targets`);
  if (rows.length === 0) return 0;
  const held = copy(weights);
  held.data[unknownRow] = 0;
  const probabilities = predict(embeddingWith(held), rows).data.data;
  let correct = 0;
  probabilities.forEach((p, i) => {
    if ((p > 0.5 ? 1 : 0) === targets[i]) correct++;
  });
  return correct / rows.length;
}

/**
 * Exercise 15.2: one user's training (the book's `train`). Build an embedding around a copy of
 * `weights` (use {@link embeddingWith}) and, inside this function, its own `MSELoss` and
 * `SGD` (the book's globals only updated the original model, see the Errata). For each pass
 * and each full batch: set the `<unk>` row to 0, predict, take the loss against the batch's
 * targets as a `[batch, 1]` tensor, backward, step; return the weights with `<unk>` at 0. The loss to report is the book's: each
 * batch's loss divided by the batch size, averaged over the batches of the last pass.
 * @param weights the model the owner sent, `[vocabulary, 1]` (not modified)
 * @param rows the user's emails as rows of word indices
 * @param targets 1 for spam, 0 for ham, one per row
 * @throws when rows and targets differ in number or no full batch fits
 */
export function trainLocal(
  weights: NDArray,
  rows: readonly (readonly number[])[],
  targets: readonly number[],
  options: TrainOptions = {},
): LocalResult {
  // #region solution 15.2
  const { batchSize = BOOK_BATCH_SIZE, iterations = 1, alpha = BOOK_ALPHA, unknownRow = 0 } = options;
  if (rows.length !== targets.length) throw new Error(`trainLocal: ${rows.length} emails but ${targets.length} targets`);
  const batches = Math.floor(rows.length / batchSize);
  if (batches === 0) throw new Error(`trainLocal: ${rows.length} emails do not fill one batch of ${batchSize}`);
  const model = embeddingWith(weights);
  const criterion = new MSELoss();
  const optimizer = new SGD(model.parameters(), alpha);
  let loss = 0;
  for (let iteration = 0; iteration < iterations; iteration++) {
    loss = 0;
    for (let b = 0; b < batches; b++) {
      model.weight.data.data[unknownRow] = 0;
      const batch = rows.slice(b * batchSize, (b + 1) * batchSize);
      const target = new Tensor(new NDArray(Float64Array.from(targets.slice(b * batchSize, (b + 1) * batchSize)), [batchSize, 1]));
      const batchLoss = criterion.forward(predict(model, batch), target);
      batchLoss.backward();
      optimizer.step();
      loss += batchLoss.data.data[0] / batchSize;
    }
    loss /= batches;
  }
  const trained = model.weight.data.clone();
  trained.data[unknownRow] = 0;
  return { weights: trained, loss };
  // #endregion
}
