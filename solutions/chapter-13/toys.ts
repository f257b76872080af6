/**
 * The book's five small training runs of chapter 13 (listings 13.6-13.17), each a function that
 * returns its ten losses. Used by the chapter program, the figures and the tests.
 *
 * In faithful mode the runs use the book's engine ({@link BookEngine}), which draws a tensor id
 * from the generator at every construction (so the weights are the book's), and the book's
 * cross-entropy; otherwise the corrected engine and ops, with the same seed.
 */
import { RandomState, type Nested } from '../../kernels';
import { BookEngine, bookCrossEntropy } from './book';
import { CrossEntropyLoss, Embedding, Linear, MSELoss, Sequential, Sigmoid, Tanh } from './layers';
import { SGD } from './optim';
import { Tensor } from './tensor';

/** One toy run's description and its losses. */
export interface ToyRun {
  /** Short key for records and figures, e.g. 'autograd'. */
  readonly key: string;
  /** What the run trains. */
  readonly title: string;
  /** The loss after each of the ten iterations' forward passes. */
  readonly losses: number[];
}

/** The two-bit toy data: the target is the second input bit. */
export const TWO_BIT_DATA: Nested = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
export const TWO_BIT_TARGET: Nested = [[0], [1], [0], [1]];
/** The index toys' inputs and targets. */
export const INDEX_DATA = [1, 2, 1, 2];
export const INDEX_TARGET: Nested = [[0], [1], [0], [1]];
export const CLASS_TARGET = [0, 1, 0, 1];

const ITERATIONS = 10;

/** Runs `body` with the book's engine installed when faithful, and returns a backward to use. */
function withEngine<T>(faithful: boolean, rng: RandomState, body: (backward: (loss: Tensor) => void) => T): T {
  if (!faithful) return body((loss) => loss.backward());
  const engine = new BookEngine(rng).install();
  try {
    return body((loss) => engine.backward(loss));
  } finally {
    engine.uninstall();
  }
}

/** Listings 13.6/13.7: the two-layer linear net `data · W0 · W1` with SGD, alpha 0.1. */
export function autogradNet(faithful: boolean, seed = 0): ToyRun {
  const rng = new RandomState(seed);
  return withEngine(faithful, rng, (backward) => {
    const data = new Tensor(TWO_BIT_DATA, { requiresGrad: true });
    const target = new Tensor(TWO_BIT_TARGET, { requiresGrad: true });
    const w0 = new Tensor(rng.rand(2, 3), { requiresGrad: true });
    const w1 = new Tensor(rng.rand(3, 1), { requiresGrad: true });
    const optim = new SGD([w0, w1], 0.1);
    const losses: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const prediction = data.mm(w0).mm(w1);
      const loss = prediction.sub(target).mul(prediction.sub(target)).sum(0);
      backward(loss);
      optim.step();
      losses.push(loss.data.data[0]);
    }
    return { key: 'autograd', title: 'autograd two-layer linear net, alpha 0.1', losses };
  });
}

/** Trains `model` on the two-bit data with MSELoss for ten iterations. */
function trainTwoBit(model: Sequential, data: Tensor, target: Tensor, alpha: number, backward: (loss: Tensor) => void): number[] {
  const criterion = new MSELoss();
  const optim = new SGD(model.parameters(), alpha);
  const losses: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const loss = criterion.forward(model.forward(data), target);
    backward(loss);
    optim.step();
    losses.push(loss.data.data[0]);
  }
  return losses;
}

/** Listings 13.9/13.10: Sequential(Linear(2,3), Linear(3,1)) with MSELoss, alpha 0.05. */
export function sequentialNet(faithful: boolean, seed = 0): ToyRun {
  const rng = new RandomState(seed);
  return withEngine(faithful, rng, (backward) => {
    const data = new Tensor(TWO_BIT_DATA, { requiresGrad: true });
    const target = new Tensor(TWO_BIT_TARGET, { requiresGrad: true });
    const model = new Sequential([new Linear(2, 3, rng), new Linear(3, 1, rng)]);
    const losses = trainTwoBit(model, data, target, 0.05, backward);
    return { key: 'sequential', title: 'Sequential(Linear, Linear) + MSELoss, alpha 0.05', losses };
  });
}

/** Listing 13.12: Sequential(Linear(2,3), Tanh, Linear(3,1), Sigmoid) with MSELoss, alpha 1. */
export function nonlinearNet(faithful: boolean, seed = 0): ToyRun {
  const rng = new RandomState(seed);
  return withEngine(faithful, rng, (backward) => {
    const data = new Tensor(TWO_BIT_DATA, { requiresGrad: true });
    const target = new Tensor(TWO_BIT_TARGET, { requiresGrad: true });
    const model = new Sequential([new Linear(2, 3, rng), new Tanh(), new Linear(3, 1, rng), new Sigmoid()]);
    const losses = trainTwoBit(model, data, target, 1, backward);
    return { key: 'nonlinear', title: 'Linear, Tanh, Linear, Sigmoid + MSELoss, alpha 1', losses };
  });
}

/** Listing 13.16: Embedding(5,3), Tanh, Linear(3,1), Sigmoid on word indices, MSELoss, alpha 0.5. */
export function embeddingNet(faithful: boolean, seed = 0): ToyRun {
  const rng = new RandomState(seed);
  return withEngine(faithful, rng, (backward) => {
    // The book wraps the indices in a Tensor; its id draw is part of the stream.
    const data = new Tensor(INDEX_DATA, { requiresGrad: true });
    const target = new Tensor(INDEX_TARGET, { requiresGrad: true });
    const model = new Sequential([new Embedding(5, 3, rng), new Tanh(), new Linear(3, 1, rng), new Sigmoid()]);
    const losses = trainTwoBit(model, data, target, 0.5, backward);
    return { key: 'embedding', title: 'Embedding(5,3), Tanh, Linear(3,1), Sigmoid + MSELoss, alpha 0.5', losses };
  });
}

/** Listing 13.17: Embedding(3,3), Tanh, Linear(3,4) with the cross-entropy loss, alpha 0.1 (0.4 on the mean). */
export function crossEntropyNet(faithful: boolean, seed = 0): ToyRun {
  const rng = new RandomState(seed);
  return withEngine(faithful, rng, (backward) => {
    const data = new Tensor(INDEX_DATA, { requiresGrad: true });
    // Drawn for its id only: the targets are used as a list of classes.
    new Tensor(CLASS_TARGET, { requiresGrad: true });
    const model = new Sequential([new Embedding(3, 3, rng), new Tanh(), new Linear(3, 4, rng)]);
    const criterion = new CrossEntropyLoss();
    // The book's gradient is the SUM over the batch (C.4); the mean's needs alpha times the batch
    // size for the same step.
    const optim = new SGD(model.parameters(), faithful ? 0.1 : 0.1 * CLASS_TARGET.length);
    const losses: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const logits = model.forward(data);
      const loss = faithful ? bookCrossEntropy(logits, CLASS_TARGET) : criterion.forward(logits, CLASS_TARGET);
      backward(loss);
      optim.step();
      losses.push(loss.data.data[0]);
    }
    return { key: 'cross-entropy', title: `Embedding(3,3), Tanh, Linear(3,4) + CrossEntropyLoss, alpha ${optim.alpha}`, losses };
  });
}

/** The five runs in the book's order. */
export const TOY_RUNS = [autogradNet, sequentialNet, nonlinearNet, embeddingNet, crossEntropyNet] as const;
