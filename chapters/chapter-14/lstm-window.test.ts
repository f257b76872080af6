import fc from 'fast-check';
import { NDArray, RandomState, gatherRows, scatterAddRows, zeros } from '../../kernels';
import { GRAD_TOLERANCE, assertProperty, expectClose, gradCheck } from '../../kernels/testing';
import { lstmWindowBackward, lstmWindowBuffers, lstmWindowForward, type LSTMWeights } from './lstm-window';

const sizesArb = fc.record({
  seed: fc.nat(100000),
  steps: fc.integer({ min: 1, max: 4 }),
  batch: fc.integer({ min: 1, max: 3 }),
  nIn: fc.integer({ min: 1, max: 4 }),
  hidden: fc.integer({ min: 1, max: 3 }),
  nOut: fc.integer({ min: 1, max: 4 }),
});

type Sizes = { seed: number; steps: number; batch: number; nIn: number; hidden: number; nOut: number };

/** Weights, inputs and a state large enough that every gate bends (not the book's init). */
function problem({ seed, steps, batch, nIn, hidden, nOut }: Sizes) {
  const random = new RandomState(seed);
  const u = (shape: number[]) => random.uniform(shape, -1.2, 1.2);
  return {
    x: u([steps * batch, nIn]),
    h0: u([batch, hidden]),
    c0: u([batch, hidden]),
    wx: u([nIn, 4 * hidden]),
    b: u([4 * hidden]),
    wh: u([hidden, 4 * hidden]),
    wOut: u([hidden, nOut]),
  };
}

/** The window's outputs (logits, then the final h and c) as one vector, for gradCheck. */
function flatOutputs(steps: number) {
  return (x: NDArray, h0: NDArray, c0: NDArray, wx: NDArray, b: NDArray, wh: NDArray, wOut: NDArray): NDArray => {
    const out = lstmWindowForward({ wx, b, wh, wOut }, x, { h: h0, c: c0 }, steps);
    const all = new Float64Array(out.logits.size + out.state.h.size + out.state.c.size);
    all.set(out.logits.data, 0);
    all.set(out.state.h.data, out.logits.size);
    all.set(out.state.c.data, out.logits.size + out.state.h.size);
    return new NDArray(all, [all.length]);
  };
}

describe('task 14.5 lstmWindowBackward', () => {
  test('every gradient of a whole window matches finite differences (random upstream on logits and final state)', () => {
    assertProperty(
      fc.property(sizesArb, (sizes) => {
        const p = problem(sizes);
        const rows = sizes.steps * sizes.batch;
        const nLogits = rows * sizes.nOut;
        const stateSize = sizes.batch * sizes.hidden;
        gradCheck(
          flatOutputs(sizes.steps),
          [p.x, p.h0, p.c0, p.wx, p.b, p.wh, p.wOut],
          (g, x, h0, c0, wx, b, wh, wOut) => {
            const weights: LSTMWeights = { wx, b, wh, wOut };
            const forward = lstmWindowForward(weights, x, { h: h0, c: c0 }, sizes.steps);
            const dLogits = new NDArray(g.data.slice(0, nLogits), [rows, sizes.nOut]);
            const dFinal = {
              h: new NDArray(g.data.slice(nLogits, nLogits + stateSize), [sizes.batch, sizes.hidden]),
              c: new NDArray(g.data.slice(nLogits + stateSize), [sizes.batch, sizes.hidden]),
            };
            const grads = lstmWindowBackward(weights, forward.cache, dLogits, dFinal);
            return [grads.dInputs, grads.initial.h, grads.initial.c, grads.weights.wx, grads.weights.b, grads.weights.wh, grads.weights.wOut];
          },
          { threshold: GRAD_TOLERANCE.layer, seed: sizes.seed, label: 'task 14.5 lstmWindowBackward' },
        );
      }),
      { label: 'task 14.5 lstmWindowBackward', numRuns: 60 },
    );
  });

  test('without a final-state gradient, truncation: only the logits drive the gradients', () => {
    assertProperty(
      fc.property(sizesArb, (sizes) => {
        const p = problem(sizes);
        const rows = sizes.steps * sizes.batch;
        gradCheck(
          (wx: NDArray, wh: NDArray) => lstmWindowForward({ wx, b: p.b, wh, wOut: p.wOut }, p.x, { h: p.h0, c: p.c0 }, sizes.steps).logits,
          [p.wx, p.wh],
          (g, wx, wh) => {
            const weights = { wx, b: p.b, wh, wOut: p.wOut };
            const forward = lstmWindowForward(weights, p.x, { h: p.h0, c: p.c0 }, sizes.steps);
            const grads = lstmWindowBackward(weights, forward.cache, new NDArray(g.data, [rows, sizes.nOut]));
            return [grads.weights.wx, grads.weights.wh];
          },
          { threshold: GRAD_TOLERANCE.layer, seed: sizes.seed + 1, label: 'task 14.5 lstmWindowBackward (no dFinal)' },
        );
      }),
      { label: 'task 14.5 lstmWindowBackward', numRuns: 40 },
    );
  });

  test('leaves the weights, the cache and dLogits unchanged', () => {
    const sizes = { seed: 3, steps: 3, batch: 2, nIn: 3, hidden: 2, nOut: 3 };
    const p = problem(sizes);
    const weights = { wx: p.wx, b: p.b, wh: p.wh, wOut: p.wOut };
    const forward = lstmWindowForward(weights, p.x, { h: p.h0, c: p.c0 }, sizes.steps);
    const dLogits = new RandomState(9).randn([6, 3]);
    const watched = [p.wx, p.b, p.wh, p.wOut, p.x, p.h0, p.c0, dLogits, forward.cache.gates, forward.cache.cells, forward.cache.hidden];
    const before = watched.map((a) => Float64Array.from(a.data));
    const first = lstmWindowBackward(weights, forward.cache, dLogits);
    watched.forEach((a, k) => expect(Array.from(a.data)).toEqual(Array.from(before[k])));
    // And it is a pure function of its inputs: a second call gives the same gradients.
    const second = lstmWindowBackward(weights, forward.cache, dLogits);
    expectClose(second.weights.wx, first.weights.wx, { rtol: 0, atol: 0 });
    expectClose(second.dInputs, first.dInputs, { rtol: 0, atol: 0 });
  });

  test('with buffers (filled with leftovers of another window) it writes the same gradients into them', () => {
    assertProperty(
      fc.property(sizesArb, fc.boolean(), (sizes, withFinal) => {
        const p = problem(sizes);
        const rows = sizes.steps * sizes.batch;
        const weights = { wx: p.wx, b: p.b, wh: p.wh, wOut: p.wOut };
        const random = new RandomState(sizes.seed + 11);
        const dLogits = random.randn([rows, sizes.nOut]);
        const dFinal = withFinal ? { h: random.randn([sizes.batch, sizes.hidden]), c: random.randn([sizes.batch, sizes.hidden]) } : undefined;
        const plain = lstmWindowForward(weights, p.x, { h: p.h0, c: p.c0 }, sizes.steps);
        const expected = lstmWindowBackward(weights, plain.cache, dLogits, dFinal);
        const buffers = lstmWindowBuffers(weights, sizes.steps, sizes.batch);
        const g = buffers.gradients;
        const every = [buffers.dHidden, buffers.dZ, buffers.dh, buffers.dc, g.weights.wx, g.weights.b, g.weights.wh, g.weights.wOut, g.dInputs, g.initial.h, g.initial.c];
        every.forEach((a, k) => a.data.fill(k % 2 === 0 ? 7.5 : -3.25));
        const forward = lstmWindowForward(weights, p.x, { h: p.h0, c: p.c0 }, sizes.steps, buffers);
        const got = lstmWindowBackward(weights, forward.cache, dLogits, dFinal, buffers);
        const pairs = [
          ['weights.wx', got.weights.wx, expected.weights.wx, g.weights.wx],
          ['weights.b', got.weights.b, expected.weights.b, g.weights.b],
          ['weights.wh', got.weights.wh, expected.weights.wh, g.weights.wh],
          ['weights.wOut', got.weights.wOut, expected.weights.wOut, g.weights.wOut],
          ['dInputs', got.dInputs, expected.dInputs, g.dInputs],
          ['initial.h', got.initial.h, expected.initial.h, g.initial.h],
          ['initial.c', got.initial.c, expected.initial.c, g.initial.c],
        ] as const;
        for (const [name, actual, wanted, buffer] of pairs) {
          if (actual.data !== buffer.data) throw new Error(`task 14.5 lstmWindowBackward: ${name} is not written into buffers.gradients.${name}`);
          expectClose(actual, wanted, { rtol: 0, atol: 0, label: `task 14.5 lstmWindowBackward with buffers holding leftovers: ${name}` });
        }
      }),
      { label: 'task 14.5 lstmWindowBackward (buffers)', numRuns: 40 },
    );
  });

  test('a window of characters: the same numbers as its embedded rows, and the gradient of the embedding table', () => {
    // Windows longer than the table (the input side is computed on the table) and shorter (on the rows).
    const charsArb = fc.record({ sizes: sizesArb, vocabulary: fc.integer({ min: 1, max: 6 }) });
    assertProperty(
      fc.property(charsArb, ({ sizes, vocabulary }) => {
        const p = problem(sizes);
        const rows = sizes.steps * sizes.batch;
        const random = new RandomState(sizes.seed + 5);
        const embedding = random.uniform([vocabulary, sizes.nIn], -1.2, 1.2);
        const tokens = Int32Array.from(random.randint(0, vocabulary, [rows]).data);
        const dLogits = random.randn([rows, sizes.nOut]);
        const weights = { wx: p.wx, b: p.b, wh: p.wh, wOut: p.wOut };
        const state = { h: p.h0, c: p.c0 };
        const embeddingBefore = Float64Array.from(embedding.data);
        const asChars = lstmWindowForward(weights, { tokens, embedding }, state, sizes.steps);
        const asRows = lstmWindowForward(weights, gatherRows(embedding, tokens), state, sizes.steps);
        expectClose(asChars.logits, asRows.logits, { rtol: 0, atol: 0, label: 'lstmWindowForward of characters vs of their embedded rows' });
        const got = lstmWindowBackward(weights, asChars.cache, dLogits);
        const wanted = lstmWindowBackward(weights, asRows.cache, dLogits);
        const label = `task 14.5 lstmWindowBackward on ${rows} characters of a ${vocabulary}-row table`;
        expectClose(got.weights.wx, wanted.weights.wx, { rtol: 1e-12, atol: 1e-12, label: `${label}: weights.wx` });
        expectClose(got.weights.wh, wanted.weights.wh, { rtol: 0, atol: 0, label: `${label}: weights.wh` });
        const scattered = scatterAddRows(zeros(embedding.shape), tokens, wanted.dInputs);
        expectClose(got.dInputs, scattered, { rtol: 1e-12, atol: 1e-12, label: `${label}: dInputs (the embedding's gradient)` });
        expect(Array.from(embedding.data)).toEqual(Array.from(embeddingBefore));
      }),
      { label: 'task 14.5 lstmWindowBackward (characters)', numRuns: 60 },
    );
  });

  test('a window of characters: the gradients of the table and of W_x match finite differences', () => {
    assertProperty(
      fc.property(sizesArb, fc.integer({ min: 1, max: 4 }), (sizes, vocabulary) => {
        const p = problem(sizes);
        const rows = sizes.steps * sizes.batch;
        const random = new RandomState(sizes.seed + 9);
        const embedding = random.uniform([vocabulary, sizes.nIn], -1.2, 1.2);
        const tokens = Int32Array.from(random.randint(0, vocabulary, [rows]).data);
        const state = { h: p.h0, c: p.c0 };
        gradCheck(
          (table: NDArray, wx: NDArray) => lstmWindowForward({ wx, b: p.b, wh: p.wh, wOut: p.wOut }, { tokens, embedding: table }, state, sizes.steps).logits,
          [embedding, p.wx],
          (g, table, wx) => {
            const weights = { wx, b: p.b, wh: p.wh, wOut: p.wOut };
            const forward = lstmWindowForward(weights, { tokens, embedding: table }, state, sizes.steps);
            const grads = lstmWindowBackward(weights, forward.cache, new NDArray(g.data, [rows, sizes.nOut]));
            return [grads.dInputs, grads.weights.wx];
          },
          { threshold: GRAD_TOLERANCE.layer, seed: sizes.seed + 2, label: 'task 14.5 lstmWindowBackward (characters)' },
        );
      }),
      { label: 'task 14.5 lstmWindowBackward (characters)', numRuns: 40 },
    );
  });

  test('a window of characters with buffers (holding leftovers) writes the same gradients into them', () => {
    const sizes = { seed: 6, steps: 4, batch: 3, nIn: 3, hidden: 2, nOut: 3 };
    const p = problem(sizes);
    const weights = { wx: p.wx, b: p.b, wh: p.wh, wOut: p.wOut };
    const random = new RandomState(12);
    const embedding = random.uniform([5, 3], -1, 1);
    const tokens = Int32Array.from(random.randint(0, 5, [12]).data);
    const dLogits = random.randn([12, 3]);
    const state = { h: p.h0, c: p.c0 };
    const expected = lstmWindowBackward(weights, lstmWindowForward(weights, { tokens, embedding }, state, 4).cache, dLogits);
    const buffers = lstmWindowBuffers(weights, 4, 3, 5);
    const g = buffers.gradients;
    for (const a of [buffers.tokenTable!, buffers.dZ, g.weights.wx, g.dInputs]) a.data.fill(7.5);
    const got = lstmWindowBackward(weights, lstmWindowForward(weights, { tokens, embedding }, state, 4, buffers).cache, dLogits, undefined, buffers);
    expect(got.dInputs.data).toBe(g.dInputs.data);
    expect(got.weights.wx.data).toBe(g.weights.wx.data);
    expectClose(got.dInputs, expected.dInputs, { rtol: 0, atol: 0, label: 'task 14.5 lstmWindowBackward with buffers: dInputs' });
    expectClose(got.weights.wx, expected.weights.wx, { rtol: 0, atol: 0, label: 'task 14.5 lstmWindowBackward with buffers: weights.wx' });
    // Buffers made for vectors do not take characters, and the other way round.
    expect(() => lstmWindowForward(weights, { tokens, embedding }, state, 4, lstmWindowBuffers(weights, 4, 3))).toThrow(
      /lstmWindowForward: the buffers are for windows of vectors, not characters of a 5-row table/,
    );
    const forward = lstmWindowForward(weights, gatherRows(embedding, tokens), state, 4);
    expect(() => lstmWindowBackward(weights, forward.cache, dLogits, undefined, buffers)).toThrow(
      /lstmWindowBackward: the buffers are for windows of characters of a 5-row table, not vectors/,
    );
  });

  test('dLogits of another shape, and inconsistent weights, are errors naming lstmWindowBackward', () => {
    const sizes = { seed: 4, steps: 3, batch: 2, nIn: 2, hidden: 2, nOut: 3 };
    const p = problem(sizes);
    const weights = { wx: p.wx, b: p.b, wh: p.wh, wOut: p.wOut };
    const forward = lstmWindowForward(weights, p.x, { h: p.h0, c: p.c0 }, 3);
    for (const shape of [[6, 4], [5, 3], [6, 3, 1], [18]]) {
      expect(() => lstmWindowBackward(weights, forward.cache, new NDArray(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape))).toThrow(
        new RegExp(`lstmWindowBackward: dLogits \\[${shape.join(',')}\\] must be \\[6, 3\\] like the logits`),
      );
    }
    const dLogits = new NDArray(new Float64Array(18), [6, 3]);
    expect(() => lstmWindowBackward({ ...weights, b: new NDArray(new Float64Array(3), [3]) }, forward.cache, dLogits)).toThrow(
      /lstmWindowBackward: inconsistent LSTM weights/,
    );
  });

  test('buffers for another window shape are refused, naming both', () => {
    const sizes = { seed: 2, steps: 3, batch: 2, nIn: 2, hidden: 2, nOut: 2 };
    const p = problem(sizes);
    const weights = { wx: p.wx, b: p.b, wh: p.wh, wOut: p.wOut };
    const forward = lstmWindowForward(weights, p.x, { h: p.h0, c: p.c0 }, 3);
    expect(() => lstmWindowBackward(weights, forward.cache, new NDArray(new Float64Array(12), [6, 2]), undefined, lstmWindowBuffers(weights, 2, 3))).toThrow(
      /lstmWindowBackward: the buffers are for 2 steps of a batch of 3, not 3 steps of 2/,
    );
  });

  test('the cell path: with f = 1 and i = 0 forced by the biases, dc_0 equals the incoming dc', () => {
    const sizes = { seed: 5, steps: 4, batch: 2, nIn: 2, hidden: 3, nOut: 2 };
    const p = problem(sizes);
    const H = sizes.hidden;
    const b = new NDArray(p.b.data.slice(), p.b.shape);
    for (let j = 0; j < H; j++) {
      b.data[j] = 40; // forget gate saturated open
      b.data[H + j] = -40; // input gate saturated shut
    }
    const weights = { wx: p.wx, b, wh: p.wh, wOut: p.wOut };
    const forward = lstmWindowForward(weights, p.x, { h: p.h0, c: p.c0 }, sizes.steps);
    expectClose(forward.state.c, p.c0, { rtol: 1e-12, atol: 1e-12 });
    const dc = new RandomState(1).randn([2, H]);
    const grads = lstmWindowBackward(weights, forward.cache, new NDArray(new Float64Array(8 * 2), [8, 2]), {
      h: new NDArray(new Float64Array(2 * H), [2, H]),
      c: dc,
    });
    expectClose(grads.initial.c, dc, { rtol: 1e-12, atol: 1e-12 });
  });
});
