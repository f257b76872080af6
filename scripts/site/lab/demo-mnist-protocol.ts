/** The messages between chapter 8's demo (lab/demo-mnist.js) and its training worker (lab/demo-mnist-worker.js). */
import type { EpochPoint } from './mnist-training';

/** Page → worker. `start` once (loads the subset, measures the untrained net), then `run` / `pause`. */
export type TrainingRequest =
  | { readonly type: 'start'; readonly dropout: boolean; readonly subsetUrl: string }
  | { readonly type: 'run' }
  | { readonly type: 'pause' };

/** Worker → page. */
export type TrainingResponse =
  | { readonly type: 'ready'; readonly backend: string; readonly train: number; readonly test: number; readonly point: EpochPoint }
  | { readonly type: 'epoch'; readonly point: EpochPoint }
  | { readonly type: 'error'; readonly message: string };
