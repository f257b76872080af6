/**
 * The chapter 14 row of `npm run bench`: one training window of the book's LSTM character model
 * (batch 16, bptt 25, embedding 512, hidden 512, 62 characters) through the chapter's fused
 * window (solutions/chapter-14), forward, backward and SGD update. The book's text has 249 such
 * windows per iteration, so seconds per iteration = 249 / (windows per second). The book's NumPy
 * code takes about 172 s per iteration on a 2-core machine of the course's class.
 */
import { RandomState } from '../kernels';
import { batchify, encode, buildVocabulary } from '../solutions/chapter-14/batching';
import { LSTM, createModel } from '../solutions/chapter-14/program';
import { trainWindow } from '../solutions/chapter-14/training';

/** The book's windows per LSTM iteration on shakespear.txt. */
export const BOOK_LSTM_WINDOWS = 249;

/** A row for the kernels table: windows per second with the default gemm backend. */
export function benchLstmWindow(time: (run: () => void) => number): {
  op: string;
  where: string;
  rates: Map<string, number>;
  unit: string;
} {
  // A 62-character vocabulary like the book's, over text that is not data: only the shapes matter.
  const random = new RandomState(0);
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \n!\',-.:;?';
  let text = '';
  for (let i = 0; i < 20000; i++) text += chars[Math.floor((random.random() as number) * chars.length)];
  const vocabulary = buildVocabulary(text);
  const windows = batchify(encode(text, vocabulary), LSTM.batchSize, LSTM.bptt);
  const model = createModel(LSTM, vocabulary.chars.length, 0);
  let state = model.initState(LSTM.batchSize);
  let k = 0;
  const ms = time(() => {
    state = trainWindow(model, windows.inputs[k], windows.targets[k], state, { alpha: 0.05 }).state;
    k = (k + 1) % windows.inputs.length;
  });
  return {
    op: `LSTM window 16x25, 512/512 (x${BOOK_LSTM_WINDOWS} = 1 iteration: ${((ms * BOOK_LSTM_WINDOWS) / 1000).toFixed(0)} s)`,
    where: 'ch 14 training step (fused window, forward + backward + SGD)',
    rates: new Map([['default (auto)', 1000 / ms]]),
    unit: 'windows/s',
  };
}
