import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NDArray, RandomState, gatherRows, softmax } from '../../kernels';
import { loadMobyDick } from '../../kernels/datasets';
import { numericGradient } from '../../kernels/testing';
import { consoleContext } from '../../kernels/program';
import { batchify, buildVocabulary, encode } from './batching';
import { gradientThroughTime } from './flow';
import { lstmWindowBackward, lstmWindowForward } from './lstm-window';
import { LSTM, RNN, createModel, trainPart, type PartConfig } from './program';

const text = loadMobyDick().text.slice(0, 700);
const vocabulary = buildVocabulary(text);
const ids = encode(text, vocabulary);

async function tinyRun(base: PartConfig, file: string, faithful: boolean, stopAfterWindows?: number, resume = false) {
  const config: PartConfig = { ...base, batchSize: 4, bptt: 5, dim: 6, hidden: 5 };
  const lines: string[] = [];
  const context = { ...consoleContext({ faithful }), log: (line: string) => lines.push(line) };
  const model = createModel(config, vocabulary.chars.length, 0, config);
  const result = await trainPart(context, config, vocabulary, batchify(ids, 4, 5), model, {
    iterations: 3,
    resume,
    checkpointFile: file,
    stopAfterWindows,
  });
  return { result, lines, context };
}

describe('program chapter-14', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chapter-14-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['rnn', RNN, true],
    ['lstm', LSTM, false],
  ] as const)('a %s run killed twice and resumed ends bit-identical to an uninterrupted one', async (name, config, faithful) => {
    const whole = await tinyRun(config, path.join(dir, `${name}-whole.ckpt`), faithful);
    expect(whole.result.finished).toBe(true);
    const file = path.join(dir, `${name}-resumed.ckpt`);
    expect((await tinyRun(config, file, faithful, 23)).result.finished).toBe(false);
    expect((await tinyRun(config, file, faithful, 55, true)).result.finished).toBe(false);
    const resumed = await tinyRun(config, file, faithful, undefined, true);
    expect(resumed.result.finished).toBe(true);
    const a = [...whole.result.model.weights, whole.result.model.embedding];
    const b = [...resumed.result.model.weights, resumed.result.model.embedding];
    a.forEach((w, k) => expect(Buffer.from(b[k].data.buffer).equals(Buffer.from(w.data.buffer))).toBe(true));
    expect(resumed.result.perplexities).toEqual(whole.result.perplexities);
    expect(resumed.context.metrics[`${name}-perplexity`]).toEqual(whole.context.metrics[`${name}-perplexity`]);
    // The first pass's per-window series (the figures') come back from the checkpoint, whole.
    for (const series of [`${name}-running-perplexity`, `${name}-gradient-norm`]) {
      expect(resumed.context.metrics[series]).toHaveLength(34);
      expect(resumed.context.metrics[series]).toEqual(whole.context.metrics[series]);
    }
    // The last log line (with its seeded sample) is the same too.
    expect(resumed.lines[resumed.lines.length - 1]).toBe(whole.lines[whole.lines.length - 1]);
  });

  test("the LSTM's first log line is the book's uniform start: perplexity = vocabulary size", async () => {
    const { lines } = await tinyRun(LSTM, path.join(dir, 'first.ckpt'), false, 1);
    const match = /^Iter:0 - Alpha:0.05 - Batch 1\/34 - Min Loss:[\d.]+ - Loss:([\d.]+) - /.exec(lines[0]);
    expect(match).not.toBeNull();
    expect(Number(match?.[1])).toBeCloseTo(vocabulary.chars.length, 10);
  });
});

describe('chapter 14 program: the gradient through time', () => {
  test('each step of gradientThroughTime is the norm of the finite-difference gradient of the last step loss at that step', () => {
    const config: PartConfig = { ...LSTM, dim: 4, hidden: 3 };
    const model = createModel(config, vocabulary.chars.length, 3, config);
    // A trained-looking model: the book's zeroed output layer would make every gradient zero.
    const random = new RandomState(5);
    for (const w of model.weights) for (let i = 0; i < w.size; i++) w.data[i] = random.uniform([1], -1, 1).data[0];
    const batch = 2;
    const windows = batchify(ids, batch, 4);
    const inputs = windows.inputs[1];
    const targets = windows.targets[1];
    const state = model.initState(batch);
    const lastStepLoss = (x: NDArray): number => {
      const p = softmax(model.forward(x, state, 4).logits);
      let loss = 0;
      for (let r = 3 * batch; r < 4 * batch; r++) loss -= Math.log(p.data[r * p.shape[1] + targets[r]]) / batch;
      return loss;
    };
    const x = gatherRows(model.embedding, inputs);
    const numeric = numericGradient(() => lastStepLoss(x), x);
    const norms = gradientThroughTime(model, inputs, targets, state);
    expect(norms).toHaveLength(4);
    norms.forEach((norm, back) => {
      const t = 3 - back;
      const rows = numeric.data.subarray(t * batch * 4, (t + 1) * batch * 4);
      const expected = Math.sqrt(rows.reduce((s, v) => s + v * v, 0));
      expect(norm).toBeCloseTo(expected, 6);
    });
    expect(norms[3]).toBeGreaterThan(0);
  });
});

describe('chapter 14 program: the LSTM model reuses its window buffers', () => {
  const config: PartConfig = { ...LSTM, dim: 4, hidden: 3 };

  test('window after window, its gradients equal those of a model that allocates afresh', () => {
    // Windows of character ids longer and shorter than the table, and of vectors, in turn.
    const model = createModel(config, vocabulary.chars.length, 4, config);
    const random = new RandomState(8);
    for (const w of model.weights) for (let i = 0; i < w.size; i++) w.data[i] = random.uniform([1], -1, 1).data[0];
    const kinds = [batchify(ids, 16, 4), batchify(ids, 2, 4), null] as const;
    let states = kinds.map((windows) => model.initState(windows === null ? 2 : windows.inputs[0].length / 4));
    for (let k = 0; k < 6; k++) {
      const kind = k % 3;
      const windows = kinds[kind] ?? kinds[1];
      const tokens = windows.inputs[k];
      const inputs = kinds[kind] === null ? gatherRows(model.embedding, tokens) : tokens;
      const state = states[kind];
      const dLogits = random.randn([tokens.length, vocabulary.chars.length]);
      const pass = model.forward(inputs, state, 4);
      const { gradients, dInputs } = pass.backward(dLogits);
      const weights = { wx: model.weights[0], b: model.weights[1], wh: model.weights[2], wOut: model.weights[3] };
      const windowInputs = inputs instanceof NDArray ? inputs : { tokens, embedding: model.embedding };
      const fresh = lstmWindowBackward(weights, lstmWindowForward(weights, windowInputs, { h: state[0], c: state[1] }, 4).cache, dLogits);
      [fresh.weights.wx, fresh.weights.b, fresh.weights.wh, fresh.weights.wOut].forEach((g, j) => expect(Array.from(gradients[j].data)).toEqual(Array.from(g.data)));
      expect(Array.from(dInputs.data)).toEqual(Array.from(fresh.dInputs.data));
      states = states.map((s, j) => (j === kind ? pass.state : s));
    }
  });

  test('a backward pass after a later forward pass (whose buffers it shares) is refused', () => {
    const model = createModel(config, vocabulary.chars.length, 4, config);
    const x = gatherRows(model.embedding, batchify(ids, 2, 4).inputs[0]);
    const first = model.forward(x, model.initState(2), 4);
    model.forward(x, model.initState(2), 4);
    expect(() => first.backward(new NDArray(new Float64Array(8 * vocabulary.chars.length), [8, vocabulary.chars.length]))).toThrow(
      /LSTM model: backward\(\) of a pass after a later forward pass/,
    );
  });
});
