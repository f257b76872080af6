/**
 * Worker threads for the WebAssembly matrix product. Each worker instantiates the same compiled
 * module on the same shared WebAssembly memory, then sleeps on a futex (Atomics.wait) until the
 * main thread posts a range of panels. The main thread packs the operands, posts the other
 * ranges, computes its own, and waits for the rest: a fork-join without messages or promises,
 * so matmul stays synchronous.
 *
 * Each C element is computed by exactly one thread with the same kernel and the same summation
 * order, so the result is bit-identical to one thread (kernels/ops/gemm-threads.test.ts).
 */
import { Worker } from 'node:worker_threads';

/** Arguments of the module's `gemm_chunked` export, in order. */
export type ChunkedArgs = readonly [ap: number, bp: number, c: number, mb: number, nb: number, k: number, ldc: number, chunk: number];

// Control words of one worker (Int32 indices).
const JOB = 0; // generation of the last posted job (-1: exit)
const DONE = 1; // generation of the last finished job
const ARGS = 2; // 8 words: ChunkedArgs
const READY = 10; // 1 once the worker has instantiated the module
const CONTROL_WORDS = 16;

/** How long to wait for a new worker to come up before running on one thread instead. */
const START_TIMEOUT_MS = 10_000;

// Plain JavaScript, evaluated in the worker (it must not depend on the TypeScript loader).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const ctl = new Int32Array(workerData.control);
const { gemm_chunked } = new WebAssembly.Instance(workerData.module, { env: { memory: workerData.memory } }).exports;
Atomics.store(ctl, ${READY}, 1);
Atomics.notify(ctl, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${JOB}, seen);
  seen = Atomics.load(ctl, ${JOB});
  if (seen < 0) break;
  gemm_chunked(ctl[${ARGS}], ctl[${ARGS + 1}], ctl[${ARGS + 2}], ctl[${ARGS + 3}], ctl[${ARGS + 4}], ctl[${ARGS + 5}], ctl[${ARGS + 6}], ctl[${ARGS + 7}]);
  Atomics.store(ctl, ${DONE}, seen);
  Atomics.notify(ctl, ${DONE});
}
`;

interface Helper {
  worker: Worker;
  control: Int32Array;
  generation: number;
}

/** A fixed set of helper threads sharing one WebAssembly memory with the main thread. */
export class GemmWorkers {
  private readonly helpers: Helper[] = [];

  private constructor(helpers: Helper[]) {
    this.helpers = helpers;
  }

  /**
   * Starts `count` helpers on `module` and `memory`; null if a worker cannot start here (the
   * caller then stays on one thread).
   */
  static start(module: object, memory: object, count: number): GemmWorkers | null {
    const helpers: Helper[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control: control.buffer } });
        // Never keep a finished program alive, and never let a worker's failure crash it:
        // a helper that does not come up is noticed below and threading is switched off.
        worker.unref();
        worker.on('error', () => undefined);
        helpers.push({ worker, control, generation: 0 });
      }
      for (const h of helpers) {
        if (Atomics.wait(h.control, READY, 0, START_TIMEOUT_MS) === 'timed-out' && Atomics.load(h.control, READY) !== 1) {
          throw new Error('a gemm worker did not start');
        }
      }
    } catch {
      for (const h of helpers) void h.worker.terminate();
      return null;
    }
    return new GemmWorkers(helpers);
  }

  /** Number of helper threads (the main thread is one more). */
  get size(): number {
    return this.helpers.length;
  }

  /**
   * Runs `parts[0]` on the calling thread with `runHere` and `parts[1..]` on the helpers, and
   * returns when all are done. `parts.length` must not exceed size + 1.
   */
  run(parts: readonly ChunkedArgs[], runHere: (args: ChunkedArgs) => void): void {
    for (let p = 1; p < parts.length; p++) {
      const h = this.helpers[p - 1];
      h.control.set(parts[p], ARGS);
      h.generation++;
      Atomics.store(h.control, JOB, h.generation);
      Atomics.notify(h.control, JOB);
    }
    runHere(parts[0]);
    for (let p = 1; p < parts.length; p++) {
      const h = this.helpers[p - 1];
      for (let done = Atomics.load(h.control, DONE); done !== h.generation; done = Atomics.load(h.control, DONE)) {
        Atomics.wait(h.control, DONE, done);
      }
    }
  }

  /** Stops the helpers (tests; a program never needs to, they do not keep it alive). */
  stop(): void {
    for (const h of this.helpers) {
      Atomics.store(h.control, JOB, -1);
      Atomics.notify(h.control, JOB);
      void h.worker.terminate();
    }
    this.helpers.length = 0;
  }
}
