import fc from 'fast-check';
import { NDArray, RandomState, eye } from '../../kernels';
import { expectClose, gradCheck, GRAD_TOLERANCE, assertProperty } from '../../kernels/testing';
import { cloneModel, plainForward, problem, randomModel } from './rnn.fixtures';
import { crossEntropyDeltas, initRnn, perplexity, predictNextWords, rnnBackward, rnnForward, rnnTrainStep, type RnnModel } from './rnn';
import * as reference from '../../solutions/chapter-12/rnn';

const RUNS = { numRuns: 100 };

function modelFrom(start: NDArray, embed: NDArray, recurrent: NDArray, decoder: NDArray): RnnModel {
  return { start, embed, recurrent, decoder };
}

describe('task 12.2 rnnForward', () => {
  test('hidden states, logits, softmax predictions and loss match a plain-loop forward pass; the model is unchanged', () => {
    assertProperty(
      fc.property(problem, ({ s, sentence }) => {
        const model = randomModel(s.seed, s.vocabularySize, s.d);
        const before = cloneModel(model);
        const result = rnnForward(model, sentence);
        const plain = plainForward(model, sentence);
        expect(result.hidden.shape).toEqual([sentence.length + 1, s.d]);
        expect(result.logits.shape).toEqual([sentence.length, s.vocabularySize]);
        expectClose(result.hidden, plain.hidden, { rtol: 1e-10, atol: 1e-12 });
        expectClose(result.logits, plain.logits, { rtol: 1e-10, atol: 1e-12 });
        expect(result.loss).toBeCloseTo(plain.loss, 9);
        for (let t = 0; t < sentence.length; t++) {
          let total = 0;
          for (let w = 0; w < s.vocabularySize; w++) total += result.predictions.get(t, w);
          expect(total).toBeCloseTo(1, 12);
        }
        for (const name of ['start', 'embed', 'recurrent', 'decoder'] as const) expectClose(model[name], before[name], { rtol: 0, atol: 0 });
      }),
      RUNS,
    );
  });

  test('with the identity transition and a zero start, the last state is the plain sum of the word vectors (order lost)', () => {
    assertProperty(
      fc.property(problem, ({ s, sentence }) => {
        const random = randomModel(s.seed, s.vocabularySize, s.d);
        const model = modelFrom(NDArray.zeros([s.d]), random.embed, eye(s.d), random.decoder);
        const last = (words: number[]) => Array.from(rnnForward(model, words).hidden.data.slice(words.length * s.d));
        const sum = Array.from({ length: s.d }, (_, j) => sentence.reduce((acc, w) => acc + model.embed.get(w, j), 0));
        expectClose(last(sentence), sum, { rtol: 1e-12, atol: 1e-12 });
        expectClose(last([...sentence].reverse()), sum, { rtol: 1e-12, atol: 1e-12 });
      }),
      RUNS,
    );
  });

  test('all-zero vectors predict every word with probability 1 / V: loss T log V', () => {
    const model = modelFrom(NDArray.zeros([3]), NDArray.zeros([9, 3]), eye(3), new RandomState(0).random([3, 9]) as NDArray);
    const result = rnnForward(model, [3, 4, 6]);
    for (const p of result.predictions.data) expect(p).toBeCloseTo(1 / 9, 12);
    expect(result.loss).toBeCloseTo(3 * Math.log(9), 12);
  });

  test('rejects a word outside the vocabulary', () => {
    const model = initRnn(new RandomState(1), 82, 10);
    expect(() => rnnForward(model, [1, 2, 90])).toThrow(/rnnForward: word 90 at position 2 is out of range for a vocabulary of 82/);
  });
});

describe('task 12.3 rnnBackward', () => {
  test('BPTT: the gradient of every parameter matches finite differences for a random upstream gradient on the logits', () => {
    assertProperty(
      fc.property(problem, ({ s, sentence }) => {
        const model = randomModel(s.seed, s.vocabularySize, s.d);
        const inputs = [model.start, model.embed, model.recurrent, model.decoder];
        gradCheck(
          (start, embed, recurrent, decoder) => reference.rnnForward(modelFrom(start, embed, recurrent, decoder), sentence).logits,
          inputs,
          (g, start, embed, recurrent, decoder) => {
            const m = modelFrom(start, embed, recurrent, decoder);
            const grads = rnnBackward(m, sentence, reference.rnnForward(m, sentence).hidden, g);
            return [grads.start, grads.embed, grads.recurrent, grads.decoder];
          },
          { seed: s.seed, threshold: GRAD_TOLERANCE.layer, label: 'task 12.3 rnnBackward' },
        );
      }),
      RUNS,
    );
  });

  test('with the cross-entropy deltas it is the gradient of the loss; unused words get zero rows; inputs unchanged', () => {
    assertProperty(
      fc.property(problem, ({ s, sentence }) => {
        const model = randomModel(s.seed, s.vocabularySize, s.d);
        const forward = reference.rnnForward(model, sentence);
        const deltas = crossEntropyDeltas(forward.predictions, sentence);
        const [hiddenBefore, deltasBefore] = [forward.hidden.clone(), deltas.clone()];
        const grads = rnnBackward(model, sentence, forward.hidden, deltas);
        expectClose(forward.hidden, hiddenBefore, { rtol: 0, atol: 0 });
        expectClose(deltas, deltasBefore, { rtol: 0, atol: 0 });
        // The last word is read after the last prediction: unless it occurs earlier, its row gets nothing.
        for (let w = 0; w < s.vocabularySize; w++) {
          if (!sentence.slice(0, -1).includes(w)) for (let k = 0; k < s.d; k++) expect(grads.embed.get(w, k)).toBe(0);
        }
        gradCheck(
          (embed) => plainForward(modelFrom(model.start, embed, model.recurrent, model.decoder), sentence).loss,
          [model.embed.clone()],
          (u) => new NDArray(grads.embed.data.map((x) => x * u.data[0]), grads.embed.shape),
          { seed: s.seed, threshold: GRAD_TOLERANCE.layer, label: 'task 12.3 rnnBackward (loss)' },
        );
      }),
      RUNS,
    );
  });

  test('rejects deltas that do not match the sentence', () => {
    const model = initRnn(new RandomState(1), 82, 10);
    const sentence = [1, 2, 3, 4, 5];
    const { hidden } = reference.rnnForward(model, sentence);
    expect(() => rnnBackward(model, sentence, hidden, NDArray.zeros([4, 82]))).toThrow(
      /rnnBackward: logitDeltas \[4,82\] must be \[5,82\] for a sentence of 5 words/,
    );
    expect(() => rnnBackward(model, sentence, hidden, NDArray.zeros([5, 81]))).toThrow(/rnnBackward: logitDeltas \[5,81\] must be \[5,82\]/);
    expect(() => rnnBackward(model, sentence, hidden, NDArray.zeros([5 * 82]))).toThrow(/rnnBackward: logitDeltas \[410\] must be \[5,82\]/);
  });

  test('rejects hidden states that do not belong to the sentence, and words outside the vocabulary', () => {
    const model = initRnn(new RandomState(1), 82, 10);
    const sentence = [1, 2, 3, 4, 5];
    const deltas = NDArray.zeros([5, 82]);
    const { hidden } = reference.rnnForward(model, sentence);
    expect(() => rnnBackward(model, sentence, NDArray.zeros([5, 10]), deltas)).toThrow(/rnnBackward: hidden \[5,10\] must be \[6,10\] \(start and one row per word\)/);
    expect(() => rnnBackward(model, sentence, NDArray.zeros([6, 9]), deltas)).toThrow(/rnnBackward: hidden \[6,9\] must be \[6,10\]/);
    expect(() => rnnBackward(model, sentence, NDArray.zeros([60]), deltas)).toThrow(/rnnBackward: hidden \[60\] must be \[6,10\]/);
    // The right rows and columns, one dimension too many: only the ndim check can see it.
    expect(() => rnnBackward(model, sentence, NDArray.zeros([6, 10, 1]), deltas)).toThrow(/rnnBackward: hidden \[6,10,1\] must be \[6,10\]/);
    expect(() => rnnBackward(model, [1, 2, 3, 4, 90], hidden, deltas)).toThrow(/rnnBackward: word 90 at position 4 is out of range/);
  });
});

describe('task 12.4 rnnTrainStep', () => {
  test('moves every parameter by -(alpha / T) times the gradient of the loss (random upstream), and returns the loss before', () => {
    assertProperty(
      fc.property(problem, fc.double({ min: 0.001, max: 1, noNaN: true }), ({ s, sentence }, alpha) => {
        const model = randomModel(s.seed, s.vocabularySize, s.d);
        const before = cloneModel(model);
        const loss = rnnTrainStep(model, sentence, alpha);
        expect(loss).toBeCloseTo(plainForward(before, sentence).loss, 9);
        const names = ['start', 'embed', 'recurrent', 'decoder'] as const;
        gradCheck(
          (start, embed, recurrent, decoder) => plainForward(modelFrom(start, embed, recurrent, decoder), sentence).loss,
          names.map((n) => before[n].clone()),
          (u) => names.map((n) => new NDArray(before[n].data.map((x, i) => (u.data[0] * (x - model[n].data[i]) * sentence.length) / alpha), before[n].shape)),
          { seed: s.seed, threshold: GRAD_TOLERANCE.layer, label: 'task 12.4 rnnTrainStep' },
        );
      }),
      RUNS,
    );
  });

  test('a small step does not increase the loss on the same sentence', () => {
    assertProperty(
      fc.property(problem, ({ s, sentence }) => {
        const model = randomModel(s.seed, s.vocabularySize, s.d);
        const first = rnnTrainStep(model, sentence, 0.01);
        expect(reference.rnnForward(model, sentence).loss).toBeLessThanOrEqual(first + 1e-12);
      }),
      RUNS,
    );
  });

  test('rejects an empty sentence', () => {
    expect(() => rnnTrainStep(initRnn(new RandomState(1), 5, 3), [], 0.1)).toThrow(/rnnTrainStep: the sentence is empty/);
  });
});

describe('task 12.5 perplexity', () => {
  test('is exp(loss / words): 1 for a certain model, V for a uniform one', () => {
    assertProperty(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), fc.integer({ min: 1, max: 30 }), (loss, words) => {
        expect(perplexity(loss, words)).toBeCloseTo(Math.exp(loss / words), 10);
      }),
      RUNS,
    );
    expect(perplexity(0, 5)).toBe(1);
    expect(perplexity(5 * Math.log(82), 5)).toBeCloseTo(82, 10);
  });

  test('rejects a sentence of no words', () => {
    expect(() => perplexity(1, 0)).toThrow(/perplexity: words must be a positive integer, got 0/);
  });
});

describe('task 12.6 predictNextWords', () => {
  test('entry t is the argmax of hidden[t + 1] . decoder, the guess after reading words 0..t', () => {
    assertProperty(
      fc.property(problem, ({ s, sentence }) => {
        const model = randomModel(s.seed, s.vocabularySize, s.d);
        const { hidden } = plainForward(model, sentence);
        const expected = hidden.slice(1).map((h) => {
          const z = Array.from({ length: s.vocabularySize }, (_, j) => h.reduce((acc, x, i) => acc + x * model.decoder.get(i, j), 0));
          return z.indexOf(Math.max(...z));
        });
        expect(predictNextWords(model, sentence)).toEqual(expected);
      }),
      RUNS,
    );
  });

  test('ties go to the lowest word id: a zero decoder guesses word 0 after every prefix', () => {
    const model = reference.initRnn(new RandomState(3), 6, 4);
    model.decoder.data.fill(0);
    expect(predictNextWords(model, [5, 4, 3])).toEqual([0, 0, 0]);
  });

  test('after training on one sentence the model continues it', () => {
    const model = reference.initRnn(new RandomState(1), 6, 4);
    for (let i = 0; i < 2000; i++) reference.rnnTrainStep(model, [0, 1, 2, 3, 4], 0.5);
    expect(predictNextWords(model, [0, 1, 2, 3]).slice(0, 3)).toEqual([1, 2, 3]);
  });
});
