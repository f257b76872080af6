/**
 * Chapter 14's experiment: the book's two character language models on one text, trained with
 * truncated backpropagation through time. First the sigmoid RNN (L14.1-L14.5: embedding 512,
 * hidden 512, alpha 0.05, batch 32, bptt 16), then the LSTM (L14.10-L14.11: embedding 512,
 * hidden 512, zeroed output weights, batch 16, bptt 25). Each prints the book's log: the
 * perplexity of the iteration so far and a sample.
 *
 * `--faithful` keeps the book's RNN loss on the last step of each window only (C.11) and its
 * threshold sampler (C.12); the default backpropagates every step's loss and samples properly.
 * A checkpoint is written every 30 seconds, at the end of every iteration and on Ctrl-C; see
 * options.ts for --iterations, --resume and --part.
 */
import * as path from 'node:path';
import { NDArray, RandomState } from '../../kernels';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { batchify, buildVocabulary, encode, type Vocabulary, type Windows } from './batching';
import { loadCheckpoint, saveCheckpoint } from '../../kernels/checkpoint';
import { gradientThroughTime } from './flow';
import { createLstmModel, createRnnModel, type CharModel, type ModelSizes } from './models';
import { runOptionsFrom, type Part, type RunOptions } from './options';
import { bookThresholdSample, generate, greedy, sampleCategorical } from './sampling';
import { loadChapterText } from './text';
import { trainWindow } from './training';

/** The hyperparameters of one of the book's two models. */
export interface PartConfig {
  readonly part: Part;
  readonly batchSize: number;
  readonly bptt: number;
  readonly dim: number;
  readonly hidden: number;
  readonly alpha: number;
  /** alpha is multiplied by this after every iteration. */
  readonly decay: number;
  /** What the book multiplies the logits by before sampling (1 / temperature). */
  readonly sharpen: number;
  /** The sample's first character and length in the log. */
  readonly sampleStart: string;
  /** Iterations of the default (short) run. */
  readonly defaultIterations: number;
}

/** L14.1-L14.6: the RNN part. */
export const RNN: PartConfig = {
  part: 'rnn', batchSize: 32, bptt: 16, dim: 512, hidden: 512, alpha: 0.05, decay: 0.99,
  sharpen: 10, sampleStart: '\n', defaultIterations: 1,
};

/** L14.10-L14.12: the LSTM part. */
export const LSTM: PartConfig = {
  part: 'lstm', batchSize: 16, bptt: 25, dim: 512, hidden: 512, alpha: 0.05, decay: 0.99,
  sharpen: 15, sampleStart: 'T', defaultIterations: 1,
};

/** Characters in each logged sample (the book's 70). */
export const SAMPLE_LENGTH = 70;

/** Seconds between periodic checkpoints. */
const CHECKPOINT_SECONDS = 30;

/** What training one part ends with. */
export interface PartResult {
  readonly model: CharModel;
  /** exp(mean loss) of every finished iteration. */
  readonly perplexities: number[];
  /** False when the run stopped early (Ctrl-C or `stopAfterWindows`), after saving a checkpoint. */
  readonly finished: boolean;
}

/** Test hooks and overrides of {@link trainPart}. */
export interface TrainPartOptions {
  readonly iterations: number;
  readonly resume: boolean;
  readonly checkpointFile: string;
  /** Stop (after checkpointing) once this many windows have been trained in this call. */
  readonly stopAfterWindows?: number;
  /** Returns true when the user asked to stop (Ctrl-C). */
  readonly stopRequested?: () => boolean;
}

/** A generator for the samples of one iteration, so resuming needs no generator state. */
function sampleRandom(seed: number, part: Part, iteration: number, which: number): RandomState {
  return new RandomState((seed * 1_000_003 + (part === 'lstm' ? 500_009 : 0) + iteration * 4 + which) >>> 0);
}

/** A sample in the log: newlines shown as spaces, as the book's LSTM log does. */
export function sampleText(model: CharModel, vocabulary: Vocabulary, config: PartConfig, faithful: boolean, random: RandomState, n = SAMPLE_LENGTH): string {
  const start = vocabulary.index.get(config.sampleStart) ?? 0;
  const pick = faithful
    ? config.part === 'rnn'
      ? (logits: NDArray) => bookThresholdSample(logits, config.sharpen, random)
      : greedy
    : (logits: NDArray) => sampleCategorical(logits, 1 / config.sharpen, random);
  return generate(model, vocabulary.chars, start, n, pick);
}

/** Python's str(x)[0:5], as the book's LSTM log truncates alpha and the minimum. */
function first5(x: number): string {
  return String(x).slice(0, 5);
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Trains one model for `options.iterations` passes over `windows`, logging in the book's format,
 * checkpointing as it goes, and resuming from `options.checkpointFile` when asked.
 */
export async function trainPart(
  context: ProgramContext,
  config: PartConfig,
  vocabulary: Vocabulary,
  windows: Windows,
  model: CharModel,
  options: TrainPartOptions,
): Promise<PartResult> {
  const faithful = context.faithful;
  const seed = context.seed ?? 0;
  const n = windows.inputs.length;
  const arraysOf = (state: readonly NDArray[]): NDArray[] => [...model.weights, model.embedding, ...state];
  let iteration = 0;
  let window = 0;
  let alpha = config.alpha;
  let totalLoss = 0;
  let minLoss = 1000;
  let state = model.initState(config.batchSize);
  const perplexities: number[] = [];
  // The first pass's per-window series, kept in the checkpoint so a resumed run records them too.
  const firstPass: Array<[perplexity: number, gradientNorm: number]> = [];
  const recordFirstPass = (k: number): void => {
    context.record(`${config.part}-running-perplexity`, k + 1, firstPass[k][0]);
    context.record(`${config.part}-gradient-norm`, k + 1, firstPass[k][1]);
  };
  const saved = options.resume ? loadCheckpoint(options.checkpointFile) : undefined;
  if (saved) {
    const meta = saved.meta as {
      part: string; faithful: boolean; vocabulary: string; iteration: number; window: number;
      alpha: number; totalLoss: number; minLoss: number; perplexities: number[];
      firstPass?: Array<[number, number]>;
    };
    if (meta.part !== config.part || meta.faithful !== faithful || meta.vocabulary !== vocabulary.chars.join('')) {
      throw new Error(
        `chapter 14: ${options.checkpointFile} belongs to another run (${meta.part}, faithful ${meta.faithful}, ` +
          `or another text); run without --resume to start over`,
      );
    }
    const targets = arraysOf(state);
    saved.arrays.forEach((a, k) => {
      if (k < model.weights.length + 1) targets[k].data.set(a.data);
    });
    state = saved.arrays.slice(model.weights.length + 1);
    ({ iteration, window, alpha, totalLoss, minLoss } = meta);
    perplexities.push(...meta.perplexities);
    firstPass.push(...(meta.firstPass ?? []));
    firstPass.forEach((_, k) => recordFirstPass(k));
    perplexities.forEach((p, k) => context.record(`${config.part}-perplexity`, k, p));
    context.log(`(${config.part}: resumed at iteration ${iteration}, window ${window}/${n})`);
  }
  const save = (): void =>
    saveCheckpoint(
      options.checkpointFile,
      { part: config.part, faithful, vocabulary: vocabulary.chars.join(''), iteration, window, alpha, totalLoss, minLoss, perplexities, firstPass },
      arraysOf(state),
    );
  const label = config.part === 'rnn' ? 'RNN' : 'LSTM';
  const totalWindows = options.iterations * n;
  const progress = context.progress(label, totalWindows);
  const started = performance.now();
  const startedAt = iteration * n + window;
  let lastSave = started;
  let trainedHere = 0;
  const line = (batch: number, sample: string): string => {
    const perplexity = Math.exp(totalLoss / batch);
    return config.part === 'rnn'
      ? `Iter:${iteration} - Batch ${batch}/${n} - Loss:${perplexity} ${sample}`
      : `Iter:${iteration} - Alpha:${first5(alpha)} - Batch ${batch}/${n} - Min Loss:${first5(minLoss)} - Loss:${perplexity} - ${sample}`;
  };
  while (iteration < options.iterations) {
    if (window === 0) state = model.initState(config.batchSize);
    const result = trainWindow(model, windows.inputs[window], windows.targets[window], state, {
      alpha,
      lastStepOnly: faithful && config.part === 'rnn',
      sumOverBatch: faithful && config.part === 'rnn',
    });
    state = result.state;
    totalLoss += result.loss;
    window += 1;
    trainedHere += 1;
    const perplexity = Math.exp(totalLoss / window);
    if (perplexity < minLoss) minLoss = perplexity;
    // Per-window series for the figures, over the first pass only (later passes would make the
    // run record huge).
    if (iteration === 0) {
      firstPass.push([perplexity, result.gradientNorm]);
      recordFirstPass(window - 1);
    }
    if (window === 1) context.log(line(1, sampleText(model, vocabulary, config, faithful, sampleRandom(seed, config.part, iteration, 0)).replace(/\n/g, ' ')));
    const done = iteration * n + window;
    const secondsPerWindow = (performance.now() - started) / 1000 / (done - startedAt);
    progress.update(done, { iter: iteration, perplexity: Number(perplexity.toFixed(3)), eta: formatDuration((totalWindows - done) * secondsPerWindow) });
    if (window === n) {
      context.log(line(n, sampleText(model, vocabulary, config, faithful, sampleRandom(seed, config.part, iteration, 1)).replace(/\n/g, ' ')));
      context.record(`${config.part}-perplexity`, iteration, perplexity);
      perplexities.push(perplexity);
      iteration += 1;
      window = 0;
      totalLoss = 0;
      alpha *= config.decay;
    }
    // Let the event loop run between windows, so a Ctrl-C (SIGINT) handler can ask us to stop.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const stop = (options.stopAfterWindows !== undefined && trainedHere >= options.stopAfterWindows) || (options.stopRequested?.() ?? false);
    if (window === 0 || stop || performance.now() - lastSave > CHECKPOINT_SECONDS * 1000) {
      save();
      lastSave = performance.now();
    }
    if (stop && iteration < options.iterations) {
      progress.stop();
      context.log(`(${config.part}: stopped at iteration ${iteration}, window ${window}/${n}; checkpoint saved, continue with --resume)`);
      return { model, perplexities, finished: false };
    }
  }
  progress.stop();
  return { model, perplexities, finished: true };
}

/** The model of a part, freshly initialised from the seed. */
export function createModel(config: PartConfig, vocabularySize: number, seed: number, sizes?: Partial<ModelSizes>): CharModel {
  const random = new RandomState(seed);
  const full: ModelSizes = { vocabulary: vocabularySize, dim: sizes?.dim ?? config.dim, hidden: sizes?.hidden ?? config.hidden };
  return config.part === 'rnn' ? createRnnModel(random, full) : createLstmModel(random, full);
}

/** Trains the RNN, then the LSTM, on the chapter's text. */
export async function run(context: ProgramContext, options: RunOptions = runOptionsFrom(context)): Promise<void> {
  const { text, source } = loadChapterText();
  const vocabulary = buildVocabulary(text);
  const ids = encode(text, vocabulary);
  context.log(`Text: ${source}: ${text.length} characters, ${vocabulary.chars.length} distinct`);
  const seed = context.seed ?? 0;
  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
  };
  process.once('SIGINT', onInterrupt);
  try {
    for (const config of [RNN, LSTM]) {
      if (options.parts && !options.parts.includes(config.part)) continue;
      const windows = batchify(ids, config.batchSize, config.bptt);
      const model = createModel(config, vocabulary.chars.length, seed);
      const checkpointFile = path.join(options.checkpointDir ?? path.join('.course', 'checkpoints'),
        `chapter-14-${config.part}${context.faithful ? '-faithful' : ''}.ckpt`);
      const result = await trainPart(context, config, vocabulary, windows, model, {
        iterations: options.iterations ?? config.defaultIterations,
        resume: options.resume ?? false,
        checkpointFile,
        stopRequested: () => interrupted,
      });
      if (!result.finished) return;
      // Both models on the same characters: the LSTM's first window (batch 16, 25 steps).
      const probe = batchify(ids, LSTM.batchSize, LSTM.bptt);
      gradientThroughTime(model, probe.inputs[0], probe.targets[0], model.initState(LSTM.batchSize))
        .forEach((norm, back) => context.record(`${config.part}-gradient-through-time`, back, norm));
      const sample = sampleText(model, vocabulary, config, context.faithful, sampleRandom(seed, config.part, 1 << 20, 2), 300);
      context.log(`${config.part === 'rnn' ? 'RNN' : 'LSTM'} sample:\n${sample}`);
    }
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

runIfMain(module, (context) => run(context));
