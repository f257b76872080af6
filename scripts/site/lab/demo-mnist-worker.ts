/// <reference lib="webworker" />
/**
 * The training worker of chapter 8's demo (lab/demo-mnist-worker.js): one network, trained a
 * pass at a time while the page says `run`, so the page never waits on the arithmetic. Between
 * passes it yields to its message queue, which is how `pause` reaches it.
 */
import { decodeSubset } from './mnist-subset';
import { DemoTraining } from './mnist-training';
import type { TrainingRequest, TrainingResponse } from './demo-mnist-protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: TrainingResponse): void => self.postMessage(message);

let training: DemoTraining | undefined;
let running = false;

/** Runs passes until paused; a zero-delay timeout between passes lets messages in. */
function loop(): void {
  if (!running || training === undefined) return;
  try {
    post({ type: 'epoch', point: training.step() });
  } catch (error) {
    running = false;
    post({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    return;
  }
  setTimeout(loop, 0);
}

async function start(dropout: boolean, subsetUrl: string): Promise<void> {
  const response = await fetch(subsetUrl);
  if (!response.ok) throw new Error(`cannot load ${subsetUrl} (${response.status})`);
  const { train, test } = decodeSubset(new Uint8Array(await response.arrayBuffer()));
  training = new DemoTraining(train, test, dropout);
  const point = training.start();
  post({ type: 'ready', backend: DemoTraining.backend(), train: train.count, test: test.count, point });
}

self.onmessage = (event: MessageEvent<TrainingRequest>) => {
  const request = event.data;
  if (request.type === 'start') {
    start(request.dropout, request.subsetUrl).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
  } else if (request.type === 'run') {
    if (!running) {
      running = true;
      loop();
    }
  } else {
    running = false;
  }
};
