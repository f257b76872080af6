/** Test support for chapter 12: small random models and sentences, and a plain-loop forward pass. */
import fc from 'fast-check';
import { NDArray, RandomState } from '../../kernels';
import type { RnnModel } from '../../solutions/chapter-12/rnn';

/** A model with every parameter random (recurrent far from the identity), so every gradient path matters. */
export function randomModel(seed: number, vocabularySize: number, d: number): RnnModel {
  const random = new RandomState(seed);
  const draw = (shape: number[]) => {
    const w = random.randn(shape) as NDArray;
    for (let i = 0; i < w.size; i++) w.data[i] *= 0.5;
    return w;
  };
  return { start: draw([d]), embed: draw([vocabularySize, d]), recurrent: draw([d, d]), decoder: draw([d, vocabularySize]) };
}

export function cloneModel(model: RnnModel): RnnModel {
  return { start: model.start.clone(), embed: model.embed.clone(), recurrent: model.recurrent.clone(), decoder: model.decoder.clone() };
}

/** A vocabulary size 2-6, an embedding size 1-4, a sentence of 1-6 words and a seed. */
export const problem = fc
  .record({ vocabularySize: fc.integer({ min: 2, max: 6 }), d: fc.integer({ min: 1, max: 4 }), seed: fc.nat(100000) })
  .chain((s) => fc.record({ s: fc.constant(s), sentence: fc.array(fc.nat(s.vocabularySize - 1), { minLength: 1, maxLength: 6 }) }));

/** hidden states and logits with plain loops: h_0 = start, z_t = h_t D, h_t+1 = h_t R + E[w_t]. */
export function plainForward(model: RnnModel, sentence: readonly number[]): { hidden: number[][]; logits: number[][]; loss: number } {
  const d = model.start.size;
  const v = model.embed.shape[0];
  const hidden = [Array.from(model.start.data)];
  const logits: number[][] = [];
  let loss = 0;
  for (const w of sentence) {
    const h = hidden[hidden.length - 1];
    const z = Array.from({ length: v }, (_, j) => h.reduce((s, x, i) => s + x * model.decoder.get(i, j), 0));
    const top = Math.max(...z);
    const total = z.reduce((s, x) => s + Math.exp(x - top), 0);
    loss -= z[w] - top - Math.log(total);
    logits.push(z);
    hidden.push(Array.from({ length: d }, (_, j) => h.reduce((s, x, i) => s + x * model.recurrent.get(i, j), 0) + model.embed.get(w, j)));
  }
  return { hidden, logits, loss };
}
