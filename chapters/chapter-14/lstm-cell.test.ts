import fc from 'fast-check';
import { NDArray, RandomState } from '../../kernels';
import { assertProperty, expectClose, maxRelativeError, numericGradient } from '../../kernels/testing';
import { Tensor } from '../../solutions/chapter-13/tensor';
import { lstmWindowForward } from '../../solutions/chapter-14/lstm-window';
import { LSTMCell } from './lstm-cell';

const sizesArb = fc.record({
  seed: fc.nat(100000),
  steps: fc.integer({ min: 1, max: 4 }),
  batch: fc.integer({ min: 1, max: 3 }),
  nIn: fc.integer({ min: 1, max: 3 }),
  hidden: fc.integer({ min: 1, max: 3 }),
  nOut: fc.integer({ min: 1, max: 3 }),
});

/** A cell with every weight redrawn in [-1.2, 1.2], so all gates bend and gradients are nonzero. */
function bentCell(seed: number, nIn: number, hidden: number, nOut: number): LSTMCell {
  const random = new RandomState(seed);
  const cell = new LSTMCell(nIn, hidden, nOut, random);
  for (const p of cell.parameters()) p.data.data.set(random.uniform(p.data.shape, -1.2, 1.2).data);
  return cell;
}

/** sum_t sum(g_t * output_t) + sum(gh * h_T) + sum(gc * c_T), unrolled through the cell. */
function unrolledLoss(cell: LSTMCell, xs: NDArray[], h0: NDArray, c0: NDArray, gs: NDArray[], gh: NDArray, gc: NDArray) {
  const leaf = (a: NDArray) => new Tensor(a, { requiresGrad: true });
  const inputs = xs.map(leaf);
  const start = { h: leaf(h0), c: leaf(c0) };
  let state = start;
  let loss: Tensor | null = null;
  const dot = (t: Tensor, g: NDArray) => t.mul(new Tensor(g)).sum(1).sum(0);
  inputs.forEach((x, t) => {
    const step = cell.step(x, state);
    state = step.state;
    const term = dot(step.output, gs[t]);
    loss = loss === null ? term : loss.add(term);
  });
  const total = (loss as unknown as Tensor).add(dot(state.h, gh)).add(dot(state.c, gc));
  return { total, inputs, start };
}

describe('task 14.4 LSTMCell', () => {
  test('autograd through several steps matches finite differences for every weight, input and initial state', () => {
    assertProperty(
      fc.property(sizesArb, ({ seed, steps, batch, nIn, hidden, nOut }) => {
        const cell = bentCell(seed, nIn, hidden, nOut);
        const random = new RandomState(seed + 1);
        const xs = Array.from({ length: steps }, () => random.uniform([batch, nIn], -1, 1));
        const h0 = random.uniform([batch, hidden], -0.9, 0.9);
        const c0 = random.uniform([batch, hidden], -1, 1);
        const gs = Array.from({ length: steps }, () => random.randn([batch, nOut]) as NDArray);
        const gh = random.randn([batch, hidden]) as NDArray;
        const gc = random.randn([batch, hidden]) as NDArray;
        const { total, inputs, start } = unrolledLoss(cell, xs, h0, c0, gs, gh, gc);
        total.backward();
        const value = () => unrolledLoss(cell, xs, h0, c0, gs, gh, gc).total.data.data[0];
        const checks: Array<[string, NDArray, NDArray | null]> = [
          ...cell.parameters().map((p, k): [string, NDArray, NDArray | null] => [`parameter ${k}`, p.data, p.grad]),
          ...inputs.map((x, t): [string, NDArray, NDArray | null] => [`input ${t}`, xs[t], x.grad]),
          ['h0', h0, start.h.grad],
          ['c0', c0, start.c.grad],
        ];
        for (const [name, array, grad] of checks) {
          if (grad === null) throw new Error(`task 14.4 LSTMCell: no gradient reached ${name}`);
          const numeric = numericGradient(value, array);
          const worst = Math.max(0, ...grad.data.map((v, i) => Math.abs(v - numeric.data[i])));
          if (!(maxRelativeError(grad, numeric) < 1e-5 || worst < 1e-8)) {
            throw new Error(`task 14.4 LSTMCell: the gradient of ${name} differs from finite differences by up to ${worst}`);
          }
        }
      }),
      { label: 'task 14.4 LSTMCell', numRuns: 20 },
    );
  });

  test('its steps compute what the fused window computes, with the book gate order', () => {
    assertProperty(
      fc.property(sizesArb, ({ seed, steps, batch, nIn, hidden, nOut }) => {
        const cell = bentCell(seed, nIn, hidden, nOut);
        const random = new RandomState(seed + 2);
        const x = random.uniform([steps * batch, nIn], -1, 1);
        const h0 = random.uniform([batch, hidden], -0.9, 0.9);
        const c0 = random.uniform([batch, hidden], -1, 1);
        const fused = lstmWindowForward(cell.windowWeights(), x, { h: h0, c: c0 }, steps);
        let state = { h: new Tensor(h0), c: new Tensor(c0) };
        for (let t = 0; t < steps; t++) {
          const rows = new NDArray(x.data.slice(t * batch * nIn, (t + 1) * batch * nIn), [batch, nIn]);
          const step = cell.step(new Tensor(rows), state);
          state = step.state;
          expectClose(step.output.data.data, fused.logits.data.slice(t * batch * nOut, (t + 1) * batch * nOut), { rtol: 1e-12, atol: 1e-12 });
          for (const v of state.h.data.data) expect(Math.abs(v)).toBeLessThan(1);
        }
        expectClose(state.h.data, fused.state.h, { rtol: 1e-12, atol: 1e-12 });
        expectClose(state.c.data, fused.state.c, { rtol: 1e-12, atol: 1e-12 });
      }),
      { label: 'task 14.4 LSTMCell', numRuns: 60 },
    );
  });

  test("keeps the book's nine layers and state: 13 parameters in order, the first unit of h and c at 1", () => {
    const cell = new LSTMCell(5, 3, 7, new RandomState(0));
    const step = cell.step(new Tensor(new RandomState(1).uniform([2, 5], -1, 1)), cell.initHidden(2));
    expect(step.output.data.shape).toEqual([2, 7]);
    expect(cell.parameters().map((p) => p.data.shape)).toEqual([
      [5, 3], [3], [5, 3], [3], [5, 3], [3], [5, 3], [3], [3, 3], [3, 3], [3, 3], [3, 3], [3, 7],
    ]);
    expect(Array.from(cell.initHidden(2).c.data.data)).toEqual([1, 0, 0, 1, 0, 0]);
  });
});
