import fc from 'fast-check';
import { NDArray } from '../../kernels';
import { expectClose, assertProperty } from '../../kernels/testing';
import { federatedAverage } from '../../solutions/chapter-15/federated';
import { trainLocal } from './spam-model';

const RUNS = { numRuns: 100 };
const VOCABULARY = 8; // row 0 is <unk>

/** A small batch: rows of word indices (0 = <unk> padding), targets, starting weights, alpha. */
const batchArb = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }))
  .chain(([emails, length]) =>
    fc.record({
      rows: fc.array(fc.array(fc.integer({ min: 0, max: VOCABULARY - 1 }), { minLength: length, maxLength: length }), { minLength: emails, maxLength: emails }),
      targets: fc.array(fc.constantFrom(0, 1), { minLength: emails, maxLength: emails }),
      start: fc.array(fc.integer({ min: -300, max: 300 }).map((k) => k / 100), { minLength: VOCABULARY, maxLength: VOCABULARY }),
      alpha: fc.integer({ min: 1, max: 50 }).map((k) => k / 100),
    }),
  );

const column = (values: readonly number[]): NDArray => new NDArray(Float64Array.from(values), [values.length, 1]);
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The summed squared error of the model `sigmoid(sum of the row's weights)`, <unk> held at 0. */
function summedLoss(theta: readonly number[], rows: readonly (readonly number[])[], targets: readonly number[]): number {
  return rows.reduce((acc, row, i) => {
    const score = row.reduce((s, w) => s + (w === 0 ? 0 : theta[w]), 0);
    return acc + (sigmoid(score) - targets[i]) ** 2;
  }, 0);
}

describe('task 15.2 trainLocal', () => {
  test('one batch is one gradient step on the summed squared error: theta - alpha dL/dtheta (finite differences)', () => {
    assertProperty(
      fc.property(batchArb, ({ rows, targets, start, alpha }) => {
        start[0] = 0;
        const { weights, loss } = trainLocal(column(start), rows, targets, { batchSize: rows.length, alpha });
        const h = 1e-6;
        const expected = start.map((theta, w) => {
          if (w === 0) return 0;
          const plus = [...start];
          const minus = [...start];
          plus[w] += h;
          minus[w] -= h;
          return theta - (alpha * (summedLoss(plus, rows, targets) - summedLoss(minus, rows, targets))) / (2 * h);
        });
        expectClose(weights, column(expected), { rtol: 1e-6, atol: 1e-8, label: 'weights after one step' });
        // The book's log: the batch's loss (before the step) divided by the batch size.
        expect(loss).toBeCloseTo(summedLoss(start, rows, targets) / rows.length, 12);
      }),
      RUNS,
    );
  });

  test("words absent from the batch keep their weights exactly; <unk> is held at 0; the owner's weights are unchanged", () => {
    assertProperty(
      fc.property(batchArb, ({ rows, targets, start, alpha }) => {
        const sent = column(start);
        const before = Array.from(sent.data);
        const { weights } = trainLocal(sent, rows, targets, { batchSize: rows.length, alpha });
        const seen = new Set(rows.flat());
        for (let w = 1; w < VOCABULARY; w++) if (!seen.has(w)) expect(weights.data[w]).toBe(start[w]);
        expect(weights.data[0]).toBe(0);
        expect(Array.from(sent.data)).toEqual(before);
        expect(weights.data).not.toBe(sent.data);
      }),
      RUNS,
    );
  });

  test('batches in order, passes repeated, a final partial batch skipped; each call starts afresh', () => {
    assertProperty(
      fc.property(batchArb, batchArb, fc.integer({ min: 1, max: 3 }), (a, b, iterations) => {
        const length = a.rows[0].length;
        const bRows = b.rows.map((row) => Array.from({ length }, (_, j) => row[j % row.length]));
        const half = Math.min(a.rows.length, bRows.length);
        const rows = [...a.rows.slice(0, half), ...bRows.slice(0, half)];
        const targets = [...a.targets.slice(0, half), ...b.targets.slice(0, half)];
        const options = { batchSize: half, alpha: a.alpha };
        let expected = column(a.start);
        for (let i = 0; i < iterations; i++) {
          expected = trainLocal(expected, rows.slice(0, half), targets.slice(0, half), options).weights;
          expected = trainLocal(expected, rows.slice(half), targets.slice(half), options).weights;
        }
        // A partial batch at the end (fewer than `half` rows) must be skipped.
        const extra = half - 1;
        const withPartial = [...rows, ...rows.slice(0, extra)];
        const partialTargets = [...targets, ...targets.slice(0, extra)];
        const trained = trainLocal(column(a.start), withPartial, partialTargets, { ...options, iterations });
        expectClose(trained.weights, expected, { rtol: 1e-12, atol: 1e-14 });
        // No state survives a call (the book's global optimiser did, see the Errata).
        expectClose(trainLocal(column(a.start), withPartial, partialTargets, { ...options, iterations }).weights, trained.weights, { rtol: 0, atol: 0 });
      }),
      { numRuns: 50 },
    );
  });

  test('equal shards, one step each: the average of the users is the central step with alpha / users', () => {
    // The summed loss's gradient on all the data is the sum of the shards' gradients.
    assertProperty(
      fc.property(batchArb, fc.integer({ min: 2, max: 3 }), ({ rows, targets, start, alpha }, users) => {
        const shardRows = Array.from({ length: users }, (_, k) => rows.map((row) => row.map((w) => (w + k) % VOCABULARY)));
        const shardTargets = Array.from({ length: users }, (_, k) => targets.map((t) => (k % 2 === 0 ? t : 1 - t)));
        const local = shardRows.map((r, k) => trainLocal(column(start), r, shardTargets[k], { batchSize: rows.length, alpha }).weights);
        const central = trainLocal(column(start), shardRows.flat(), shardTargets.flat(), { batchSize: rows.length * users, alpha: alpha / users });
        const average = federatedAverage(local);
        average.data[0] = 0;
        expectClose(average, central.weights, { rtol: 1e-10, atol: 1e-12 });
      }),
      RUNS,
    );
  });

  test("the book's defaults: alpha 0.01, batches of 500, one pass; from zero weights every email scores 0.5", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [1 + (i % 7), 0, 0]);
    const targets = rows.map((_, i) => i % 2);
    const { weights, loss } = trainLocal(NDArray.zeros([VOCABULARY, 1]), rows, targets);
    // Two batches of 500: the first scores every email 0.5, a loss of 0.25 per email.
    const second = trainLocal(trainLocal(NDArray.zeros([VOCABULARY, 1]), rows.slice(0, 500), targets.slice(0, 500)).weights, rows.slice(500), targets.slice(500));
    expect(loss).toBeCloseTo((0.25 + second.loss) / 2, 12);
    expectClose(weights, second.weights, { rtol: 1e-12, atol: 1e-15 });
    const oneStep = trainLocal(NDArray.zeros([VOCABULARY, 1]), rows.slice(0, 500), targets.slice(0, 500)).weights;
    const expected = NDArray.zeros([VOCABULARY, 1]);
    rows.slice(0, 500).forEach((row, i) => {
      expected.data[row[0]] -= 0.01 * 2 * (0.5 - targets[i]) * 0.25;
    });
    expectClose(oneStep, expected, { rtol: 1e-12, atol: 1e-15 });
  });

  test('bad input: rows and targets of different lengths, no full batch', () => {
    expect(() => trainLocal(NDArray.zeros([3, 1]), [[1]], [1, 0])).toThrow(/trainLocal: 1 emails but 2 targets/);
    expect(() => trainLocal(NDArray.zeros([3, 1]), [[1]], [1])).toThrow(/trainLocal: 1 emails do not fill one batch of 500/);
  });
});
