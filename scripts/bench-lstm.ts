/**
 * The chapter 14 row of `npm run bench`: one training window of the book's LSTM character model
 * (batch 16, bptt 25, embedding 512, hidden 512, 62 characters) through the chapter's fused
 * window (solutions/chapter-14), forward, backward and SGD update. The book's text has 249 such
 * windows per iteration, so seconds per iteration = 249 / (windows per second). The book's NumPy
 * code takes about 172 s per iteration on a 2-core machine of the course's class. The model keeps
 * its weights resident in WebAssembly memory (solutions/chapter-14/models.ts), as the program does.
 *
 * Run on its own, `npx tsx scripts/bench-lstm.ts [windows]` times whole passes the way the program
 * trains them: both models (and the RNN's --faithful loss) on the chapter's text (the book's
 * shakespear.txt when `npm run data -- shakespeare` has fetched it), `windows` windows (default 8)
 * after one warm-up, wall and CPU seconds (all threads), extrapolated to a pass, with the load.
 */
import * as os from 'node:os';
import { RandomState, getGemmThreads, setGemmThreads } from '../kernels';
import { batchify, encode, buildVocabulary } from '../solutions/chapter-14/batching';
import { LSTM, RNN, createModel } from '../solutions/chapter-14/program';
import { loadChapterText } from '../solutions/chapter-14/text';
import { trainWindow } from '../solutions/chapter-14/training';

/** The book's windows per LSTM iteration on shakespear.txt. */
export const BOOK_LSTM_WINDOWS = 249;

/** A row for the kernels table: windows per second with the default gemm backend, and on one thread. */
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
  const train = (): void => {
    state = trainWindow(model, windows.inputs[k], windows.targets[k], state, { alpha: 0.05 }).state;
    k = (k + 1) % windows.inputs.length;
  };
  const ms = time(train);
  const threads = getGemmThreads();
  setGemmThreads(1);
  const oneThreadMs = time(train);
  setGemmThreads(threads.threads, { minWork: threads.minWork });
  return {
    op: `LSTM window 16x25, 512/512 (x${BOOK_LSTM_WINDOWS} = 1 iteration: ${((ms * BOOK_LSTM_WINDOWS) / 1000).toFixed(0)} s)`,
    where: 'ch 14 training step (fused window, forward + backward + SGD)',
    rates: new Map([['default (auto)', 1000 / ms], ['wasm simd, 1 thread', 1000 / oneThreadMs]]),
    unit: 'windows/s',
  };
}

/** Times `windows` training windows of each model on the chapter's text and prints per-pass estimates. */
function timePasses(windowsToTime: number): void {
  const { text, source } = loadChapterText();
  const vocabulary = buildVocabulary(text);
  const ids = encode(text, vocabulary);
  const load = (): string => os.loadavg().map((x) => x.toFixed(2)).join(', ');
  console.log(`${source}; gemm threads ${getGemmThreads().threads}; load average ${load()}`);
  for (const [config, faithful] of [[RNN, false], [RNN, true], [LSTM, false]] as const) {
    const windows = batchify(ids, config.batchSize, config.bptt);
    const model = createModel(config, vocabulary.chars.length, 0);
    const options = { alpha: config.alpha, lastStepOnly: faithful, sumOverBatch: faithful };
    let state = trainWindow(model, windows.inputs[0], windows.targets[0], model.initState(config.batchSize), options).state;
    const count = Math.min(windowsToTime, windows.inputs.length - 1);
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    for (let k = 1; k <= count; k++) state = trainWindow(model, windows.inputs[k], windows.targets[k], state, options).state;
    const wall = (performance.now() - wallStart) / 1000 / count;
    const cpuUsed = process.cpuUsage(cpuStart);
    const cpu = (cpuUsed.user + cpuUsed.system) / 1e6 / count;
    const n = windows.inputs.length;
    console.log(
      `${config.part.toUpperCase()}${faithful ? ' --faithful' : ''}: ${n} windows per pass; ` +
        `${wall.toFixed(3)} s per window wall (${(wall * n).toFixed(0)} s per pass), ` +
        `${cpu.toFixed(3)} s CPU (${(cpu * n).toFixed(0)} s per pass)`,
    );
  }
  console.log(`load average at the end: ${load()}`);
}

if (require.main === module) timePasses(Number(process.argv[2] ?? 8));
