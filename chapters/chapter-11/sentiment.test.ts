import fc from 'fast-check';
import { NDArray, RandomState } from '../../kernels';
import { gradCheck, GRAD_TOLERANCE, assertProperty } from '../../kernels/testing';
import { initSentimentNetwork, predictSentiment, sentimentTrainStep, type SentimentNetwork } from './sentiment';

/** Binary cross-entropy of the network on one review, written out with plain loops. */
function referenceLoss(weights01: NDArray, weights12: NDArray, ids: readonly number[], target: number): number {
  const hiddenSize = weights01.shape[1];
  let z = 0;
  for (let j = 0; j < hiddenSize; j++) {
    let s = 0;
    for (const id of ids) s += weights01.get(id, j);
    z += weights12.data[j] / (1 + Math.exp(-s));
  }
  const p = 1 / (1 + Math.exp(-z));
  return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
}

/** A small random network with weights large enough that every sigmoid bends. */
function smallNetwork(seed: number, vocabulary = 6, hidden = 4): SentimentNetwork {
  const net = initSentimentNetwork(new RandomState(seed), vocabulary, hidden);
  for (const w of [net.weights01, net.weights12]) for (let i = 0; i < w.size; i++) w.data[i] *= 10;
  return net;
}

const problem = fc.record({
  seed: fc.nat(10000),
  ids: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 6 }),
  target: fc.constantFrom(0, 1),
  alpha: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
});

describe('task 11.4 sentimentTrainStep', () => {
  test('moves every weight by -alpha times the gradient of the cross-entropy (random upstream)', () => {
    assertProperty(
      fc.property(problem, ({ seed, ids, target, alpha }) => {
        const net = smallNetwork(seed);
        const before = { weights01: net.weights01.clone(), weights12: net.weights12.clone() };
        sentimentTrainStep(net, ids, target, alpha);
        // The step is -alpha * dL/dw; scaling it by the upstream u gives d(u L)/dw.
        gradCheck(
          (w01, w12) => referenceLoss(w01, w12, ids, target),
          [before.weights01.clone(), before.weights12.clone()],
          (u) => [before.weights01, before.weights12].map((w, k) => {
            const after = k === 0 ? net.weights01 : net.weights12;
            return new NDArray(w.data.map((x, i) => (u.data[0] * (x - after.data[i])) / alpha), w.shape);
          }),
          { seed, threshold: GRAD_TOLERANCE.layer, label: 'task 11.4 sentimentTrainStep' },
        );
      }),
      { numRuns: 100 },
    );
  });

  test('changes only the rows of the review\'s words, and not the word list', () => {
    assertProperty(
      fc.property(problem, ({ seed, ids, target, alpha }) => {
        const net = smallNetwork(seed);
        const before = net.weights01.clone();
        const idsBefore = [...ids];
        sentimentTrainStep(net, ids, target, alpha);
        expect(ids).toEqual(idsBefore);
        for (let i = 0; i < 6; i++) {
          const changed = [0, 1, 2, 3].some((j) => net.weights01.get(i, j) !== before.get(i, j));
          expect(changed).toBe(ids.includes(i));
        }
      }),
      { numRuns: 100 },
    );
  });

  test('reports the prediction before the update and |prediction - target|', () => {
    const net = smallNetwork(3);
    const { output } = predictSentiment(net, [1, 4]);
    const step = sentimentTrainStep(net, [1, 4], 0, 0.1);
    expect(step.output).toBe(output);
    expect(step.error).toBeCloseTo(output, 15);
    expect(predictSentiment(net, [1, 4]).output).toBeLessThan(output);
  });

  test('repeated steps on one review drive its prediction to the label', () => {
    const net = initSentimentNetwork(new RandomState(1), 6, 4);
    for (let i = 0; i < 300; i++) sentimentTrainStep(net, [0, 2], 1, 0.5);
    expect(predictSentiment(net, [0, 2]).output).toBeGreaterThan(0.9);
  });

  test('rejects a label that is not 0 or 1', () => {
    expect(() => sentimentTrainStep(smallNetwork(1), [0], 2, 0.1)).toThrow(/sentimentTrainStep: target 2 must be 0 or 1/);
  });
});
