import fc from 'fast-check';
import { NDArray, RandomState, gatherRows, softmax } from '../../kernels';
import { assertProperty, maxRelativeError, numericGradient } from '../../kernels/testing';
import { createLstmModel, createRnnModel, type CharModel } from '../../solutions/chapter-14/models';
import { trainWindow } from './training';

type Kind = 'rnn' | 'lstm';

/** A tiny model with weights scaled up so every gradient is well away from zero. */
function tinyModel(kind: Kind, seed: number, vocabulary: number): CharModel {
  const random = new RandomState(seed);
  const sizes = { vocabulary, dim: 3, hidden: 3 };
  const model = kind === 'rnn' ? createRnnModel(random, sizes) : createLstmModel(random, sizes);
  for (const w of [...model.weights, model.embedding]) {
    for (let i = 0; i < w.size; i++) w.data[i] = random.uniform([1], -1, 1).data[0];
  }
  return model;
}

function windowOf(seed: number, steps: number, batch: number, vocabulary: number) {
  const random = new RandomState(seed + 7);
  const inputs = Int32Array.from(random.randint(0, vocabulary, [steps * batch]).data);
  const targets = Int32Array.from(random.randint(0, vocabulary, [steps * batch]).data);
  return { inputs, targets };
}

/** The book's window loss: the sum over the counted steps of the batch-mean cross-entropy. */
function windowLoss(model: CharModel, inputs: Int32Array, targets: Int32Array, state: NDArray[], batch: number, lastStepOnly: boolean): number {
  const steps = inputs.length / batch;
  const logits = model.forward(gatherRows(model.embedding, inputs), state, steps).logits;
  const p = softmax(logits);
  const v = p.shape[1];
  let loss = 0;
  for (let r = lastStepOnly ? (steps - 1) * batch : 0; r < inputs.length; r++) loss -= Math.log(p.data[r * v + targets[r]]) / batch;
  return loss;
}

const caseArb = fc.record({
  seed: fc.nat(100000),
  kind: fc.constantFrom<Kind>('rnn', 'lstm'),
  steps: fc.integer({ min: 1, max: 4 }),
  batch: fc.integer({ min: 1, max: 3 }),
  vocabulary: fc.integer({ min: 2, max: 5 }),
  alpha: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  lastStepOnly: fc.boolean(),
  sumOverBatch: fc.boolean(),
});

describe('task 14.6 trainWindow', () => {
  test('moves every weight and the embedding by -alpha times the exact gradient of the window loss', () => {
    assertProperty(
      fc.property(caseArb, ({ seed, kind, steps, batch, vocabulary, alpha, lastStepOnly, sumOverBatch }) => {
        const model = tinyModel(kind, seed, vocabulary);
        const probe = tinyModel(kind, seed, vocabulary);
        const { inputs, targets } = windowOf(seed, steps, batch, vocabulary);
        const state = model.initState(batch).map((s) => {
          for (let i = 0; i < s.size; i++) s.data[i] = 0.3 * Math.sin(seed + i);
          return s;
        });
        const stateBefore = state.map((s) => Float64Array.from(s.data));
        const expectedLoss = windowLoss(probe, inputs, targets, state, batch, lastStepOnly);
        const result = trainWindow(model, inputs, targets, state, { alpha, lastStepOnly, sumOverBatch });
        const counted = lastStepOnly ? 1 : steps;
        expect(result.loss).toBeCloseTo(expectedLoss / counted, 10);
        state.forEach((s, k) => expect(Array.from(s.data)).toEqual(Array.from(stateBefore[k])));
        const scale = sumOverBatch ? batch : 1;
        const arrays = [...probe.weights, probe.embedding];
        const updated = [...model.weights, model.embedding];
        arrays.forEach((w, k) => {
          const before = Float64Array.from(w.data);
          const numeric = numericGradient(() => windowLoss(probe, inputs, targets, state, batch, lastStepOnly), w);
          const step = new NDArray(before.map((v, i) => (v - updated[k].data[i]) / (alpha * scale)), w.shape);
          const worstAbs = Math.max(0, ...step.data.map((v, i) => Math.abs(v - numeric.data[i])));
          if (!(maxRelativeError(step, numeric) < 1e-5 || worstAbs < 1e-8)) {
            const name = k < probe.weights.length ? `model.weights[${k}]` : 'model.embedding';
            throw new Error(`task 14.6 trainWindow: the update of ${name} ${JSON.stringify(w.shape)} is not -alpha * its gradient (worst |diff| ${worstAbs})`);
          }
        });
      }),
      { label: 'task 14.6 trainWindow', numRuns: 60 },
    );
  });

  test('returns the state the forward pass ends in, and the gradient norm before clipping', () => {
    const model = tinyModel('lstm', 4, 4);
    const probe = tinyModel('lstm', 4, 4);
    const { inputs, targets } = windowOf(4, 3, 2, 4);
    const state = model.initState(2);
    const expectedState = probe.forward(gatherRows(probe.embedding, inputs), state, 3).state;
    const unclipped = trainWindow(probe, inputs, targets, state, { alpha: 0.1 });
    const maxNorm = unclipped.gradientNorm / 4;
    const before = model.weights.map((w) => Float64Array.from(w.data));
    const clipped = trainWindow(model, inputs, targets, state, { alpha: 0.1, maxNorm });
    expect(clipped.gradientNorm).toBeCloseTo(unclipped.gradientNorm, 10);
    clipped.state.forEach((s, k) => expect(Array.from(s.data)).toEqual(Array.from(expectedState[k].data)));
    // The clipped update is a quarter of the unclipped one, in the same direction.
    const fresh = tinyModel('lstm', 4, 4);
    model.weights.forEach((w, k) => {
      for (let i = 0; i < w.size; i++) {
        const full = fresh.weights[k].data[i] - probe.weights[k].data[i];
        expect(before[k][i] - w.data[i]).toBeCloseTo(full / 4, 10);
      }
    });
  });

  test('a fresh LSTM (zeroed output weights) starts at the uniform loss: perplexity = vocabulary size', () => {
    const model = createLstmModel(new RandomState(0), { vocabulary: 62, dim: 8, hidden: 6 });
    const { inputs, targets } = windowOf(1, 25, 4, 62);
    const result = trainWindow(model, inputs, targets, model.initState(4), { alpha: 0.05 });
    expect(Math.exp(result.loss)).toBeCloseTo(62, 9);
  });

  test('inputs that do not fill whole steps are an error naming the sizes', () => {
    const model = tinyModel('rnn', 1, 3);
    expect(() => trainWindow(model, new Int32Array(5), new Int32Array(5), model.initState(2), { alpha: 0.1 })).toThrow(
      /trainWindow: inputs \[5\] and targets \[5\] must hold whole steps of the batch of 2/,
    );
    expect(() => trainWindow(model, new Int32Array(4), new Int32Array(6), model.initState(2), { alpha: 0.1 })).toThrow(
      /trainWindow: inputs \[4\] and targets \[6\] must hold whole steps of the batch of 2/,
    );
    expect(() => trainWindow(model, new Int32Array(0), new Int32Array(0), model.initState(2), { alpha: 0.1 })).toThrow(
      /trainWindow: inputs \[0\] and targets \[0\] must hold whole steps of the batch of 2/,
    );
  });
});
