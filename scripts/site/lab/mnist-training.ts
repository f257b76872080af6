/**
 * Chapter 8's live demo, the part that computes (no DOM): the 784-40-10 network trained on the
 * book's 1,000 MNIST images one image at a time (alpha 0.005), with or without dropout, on the
 * reference solutions of chapter 8 and the course's kernels. The demo's worker runs one of these
 * per network; the same code runs in node for the numbers the docs quote.
 */
import { RandomState } from '../../../kernels';
import { oneHot, scalePixels } from '../../../kernels/datasets/mnist';
import type { NDArray } from '../../../kernels/ndarray';
import { wasmGemmAvailable } from '../../../kernels/ops/gemm-wasm';
import { evaluate, initNetwork, type Network } from '../../../solutions/chapter-08/network';
import { trainEpoch } from '../../../solutions/chapter-08/training';
import type { RawSplit } from './mnist-subset';

/** The book's chapter 8 settings (Listing 8.2), hidden layer of 40 for both runs. */
export const DEMO_SETTINGS = { hidden: 40, alpha: 0.005, seed: 1 } as const;

/** One measurement: after `epoch` passes over the training images (0: untrained). */
export interface EpochPoint {
  readonly epoch: number;
  /** Accuracy on the training images during the pass (with dropout on, for the dropout run). */
  readonly train: number;
  /** Accuracy on the test subset after the pass. */
  readonly test: number;
  /** Time the pass and its test took. */
  readonly milliseconds: number;
}

/** A network and its data, trained one pass at a time. */
export class DemoTraining {
  private readonly net: Network;
  private readonly rng: RandomState;
  private readonly images: NDArray;
  private readonly labels: NDArray;
  private readonly testImages: NDArray;
  private readonly testLabels: NDArray;
  private epochs = 0;

  constructor(train: RawSplit, test: RawSplit, readonly dropout: boolean) {
    this.images = scalePixels(train);
    this.labels = oneHot(train.labels);
    this.testImages = scalePixels(test);
    this.testLabels = oneHot(test.labels);
    this.rng = new RandomState(DEMO_SETTINGS.seed);
    this.net = initNetwork(this.rng, this.images.shape[1], DEMO_SETTINGS.hidden, 10);
  }

  /** The matrix-product kernel the test pass runs on (the per-image steps are too small for it). */
  static backend(): string {
    return wasmGemmAvailable() ? 'WebAssembly SIMD' : 'TypeScript';
  }

  /** Test accuracy of the untrained network. */
  start(): EpochPoint {
    const started = performance.now();
    const test = evaluate(this.net, this.testImages, this.testLabels).accuracy;
    return { epoch: 0, train: 0, test, milliseconds: performance.now() - started };
  }

  /** One pass over the training images, then the test subset. */
  step(): EpochPoint {
    const started = performance.now();
    const pass = trainEpoch(this.net, this.images, this.labels, DEMO_SETTINGS.alpha, this.dropout ? { dropout: this.rng } : {});
    const test = evaluate(this.net, this.testImages, this.testLabels).accuracy;
    this.epochs += 1;
    return { epoch: this.epochs, train: pass.accuracy, test, milliseconds: performance.now() - started };
  }
}
