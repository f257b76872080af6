/**
 * Chapter 13's last experiment (listings 13.19-13.21): chapter 12's bAbI task, retrained with the
 * framework. Each of the first 100 lines is left-padded with '-' to 6 tokens; an RNNCell reads the
 * first 5 tokens through an Embedding and predicts the 6th with the cross-entropy loss.
 */
import { RandomState, argmax } from '../../kernels';
import { BookEngine, bookCrossEntropy } from './book';
import { CrossEntropyLoss, Embedding, RNNCell } from './layers';
import { SGD } from './optim';
import { Tensor } from './tensor';

/** The padded lines as token indices, and the vocabulary that maps them back. */
export interface PaddedBabi {
  /** One row of 6 token indices per line. */
  readonly rows: number[][];
  /** Sorted tokens, '-' (the padding) included. */
  readonly vocab: string[];
}

/** The book's settings. */
export const BABI_SETTINGS = Object.freeze({
  lines: 1000,
  tokens: 6,
  dim: 16,
  hidden: 16,
  batchSize: 100,
  iterations: 1000,
  logEvery: 200,
  /** The book's alpha, applied to the book's cross-entropy gradient (the SUM over the batch, C.4). */
  bookAlpha: 0.05,
});

/**
 * The book's tokenisation: lower-case, split on single spaces, drop the line number, left-pad with
 * '-' to 6 tokens. The vocabulary is sorted (the book's `list(set(...))` order changes every run).
 * @throws when a line has more than 6 tokens
 */
export function padBabiLines(text: string, lines = BABI_SETTINGS.lines, width = BABI_SETTINGS.tokens): PaddedBabi {
  const raw = text.split('\n').slice(0, lines);
  const tokens = raw.map((line, i) => {
    const words = line.toLowerCase().split(' ').slice(1);
    if (words.length > width) throw new Error(`padBabiLines: line ${i + 1} has ${words.length} tokens, more than ${width}`);
    return [...new Array<string>(width - words.length).fill('-'), ...words];
  });
  const vocab = [...new Set(tokens.flat())].sort();
  const index = new Map(vocab.map((word, i) => [word, i]));
  return { rows: tokens.map((line) => line.map((word) => index.get(word) as number)), vocab };
}

/** One logged point of the bAbI run. */
export interface BabiLogPoint {
  readonly iteration: number;
  /** The book's printed "Loss": the cross-entropy divided by 10 (len(data) / batch size). */
  readonly loss: number;
  /** Share of the batch whose 6th token is predicted right. */
  readonly accuracy: number;
}

/** What {@link trainBabiRnn} returns. */
export interface BabiRun {
  readonly log: BabiLogPoint[];
  /** The first line's 5-token context, the prediction for its 6th token, and the true one. */
  readonly context: string;
  readonly prediction: string;
  readonly truth: string;
}

/** Options of {@link trainBabiRnn}. */
export interface BabiRunOptions {
  /** The book's engine and cross-entropy (C.4, C.6, C.8), or the corrected ones. */
  readonly faithful: boolean;
  readonly seed?: number;
  readonly iterations?: number;
  /** Called after every iteration (for a progress bar). */
  readonly onIteration?: (iteration: number) => void;
}

/** Column `t` of the first `count` rows. */
function column(rows: readonly number[][], t: number, count: number): number[] {
  return rows.slice(0, count).map((row) => row[t]);
}

/**
 * Trains the book's RNNCell on the first 100 padded lines and logs every 200 iterations.
 * The corrected cross-entropy is a mean, so the default run uses alpha `0.05 * batchSize`: the
 * same step as the book's 0.05 on its summed gradient.
 */
export function trainBabiRnn(data: PaddedBabi, options: BabiRunOptions): BabiRun {
  const { batchSize, dim, hidden: nHidden, logEvery, bookAlpha } = BABI_SETTINGS;
  const iterations = options.iterations ?? BABI_SETTINGS.iterations;
  const steps = BABI_SETTINGS.tokens - 1;
  const rng = new RandomState(options.seed ?? 0);
  const engine = options.faithful ? new BookEngine(rng).install() : null;
  try {
    const embed = new Embedding(data.vocab.length, dim, rng);
    const model = new RNNCell(dim, nHidden, data.vocab.length, 'sigmoid', rng);
    const criterion = new CrossEntropyLoss();
    const alpha = options.faithful ? bookAlpha : bookAlpha * batchSize;
    const optim = new SGD([...model.parameters(), ...embed.parameters()], alpha);
    const forward = (count: number): Tensor => {
      let hidden = model.initHidden(count);
      let output: Tensor | null = null;
      for (let t = 0; t < steps; t++) {
        // The book wraps each column in a Tensor (an id draw in faithful mode).
        const step = model.step(embed.forward(new Tensor(column(data.rows, t, count), { requiresGrad: true })), hidden);
        output = step.output;
        hidden = step.hidden;
      }
      return output as unknown as Tensor;
    };
    const log: BabiLogPoint[] = [];
    const targets = column(data.rows, steps, batchSize);
    for (let iteration = 0; iteration < iterations; iteration++) {
      const output = forward(batchSize);
      const loss = options.faithful ? bookCrossEntropy(output, targets) : criterion.forward(output, targets);
      if (engine) engine.backward(loss);
      else loss.backward();
      optim.step();
      if (iteration % logEvery === 0) {
        const predicted = argmax(output.data, 1).data;
        const correct = targets.filter((target, i) => predicted[i] === target).length;
        log.push({ iteration, loss: loss.data.data[0] / (BABI_SETTINGS.lines / batchSize), accuracy: correct / batchSize });
      }
      options.onIteration?.(iteration);
    }
    const output = forward(1);
    const first = data.rows[0];
    return {
      log,
      context: first.slice(0, steps).map((i) => data.vocab[i]).join(' '),
      prediction: data.vocab[argmax(output.data, 1).data[0]],
      truth: data.vocab[first[steps]],
    };
  } finally {
    engine?.uninstall();
  }
}
