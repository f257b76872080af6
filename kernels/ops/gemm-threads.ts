/**
 * Worker threads for the WebAssembly matrix product. Each worker instantiates the same compiled
 * module on the same shared WebAssembly memory, then sleeps on a futex (Atomics.wait) until the
 * main thread posts a product. The product is cut into pieces (ranges of panels); every thread,
 * the main one included, claims the next unclaimed piece from a shared counter until none is left.
 * A fork-join without messages or promises, so matmul stays synchronous.
 *
 * Why pieces rather than one half per thread: on a shared machine a helper may not be scheduled
 * for milliseconds. With fixed halves the main thread then waits for it, and the product runs
 * slower than on one thread (measured under load 15-20: 0.3-0.4x). With pieces, the main thread
 * takes over the work of a helper that has not started, and a helper that wakes too late is told
 * to skip the product (a compare-and-swap on its state word), so the main thread waits at most
 * for the pieces a helper is already running.
 *
 * Each C element is computed by exactly one thread with the same kernel and the same summation
 * order, so the result is bit-identical to one thread (kernels/ops/gemm-threads.test.ts).
 */
import { Worker } from 'node:worker_threads';

/** Arguments of the module's `gemm_chunked` export, in order (byte offsets and panel counts). */
export type ChunkedArgs = readonly [ap: number, bp: number, c: number, mb: number, nb: number, k: number, ldc: number, chunk: number, araw: number];

// The shared job board (Int32 indices): the product, and the counter pieces are claimed from.
const JOB_ARGS = 0; // 9 words: ChunkedArgs of the whole product
const ALONG_COLUMNS = 9; // 1: pieces are ranges of column panels, 0: of row panels
const PIECE = 10; // panels per piece
const PIECES = 11; // number of pieces
const NEXT = 12; // the next unclaimed piece
const BOARD_WORDS = 16;

// Control words of one worker (Int32 indices).
const JOB = 0; // generation of the last posted product (-1: exit)
const STATE = 1; // 2g: running product g; 2g+1: done with (or skipped) product g
const READY = 2; // 1 once the worker has instantiated the module
const CONTROL_WORDS = 4;

/** How long to wait for a new worker to come up before running on one thread instead. */
const START_TIMEOUT_MS = 10_000;

/**
 * The arguments of piece `p`. Plain JavaScript once the types are stripped: the worker source
 * below embeds this function's own text, so both sides cut a product identically (and nothing
 * evaluates a string on the main thread, which a browser's script policy would refuse). It reads
 * only its arguments and literal numbers, so it runs the same inside the worker.
 */
function pieceArgs(board: Int32Array, p: number): ChunkedArgs {
  const ap = board[0], bp = board[1], c = board[2], mb = board[3], nb = board[4], K = board[5], ldc = board[6], chunk = board[7], araw = board[8];
  const lo = p * board[10]; // PIECE
  const alongColumns = board[9] === 1; // ALONG_COLUMNS
  const count = Math.min(board[10], (alongColumns ? nb : mb) - lo);
  return alongColumns
    ? [ap, bp + lo * K * 32, c + lo * 32, mb, count, K, ldc, chunk, araw]
    : [ap + lo * K * 32, bp, c + lo * 4 * ldc, count, nb, K, ldc, chunk, araw];
}

// Plain JavaScript, evaluated in the worker (it must not depend on the TypeScript loader).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const ctl = new Int32Array(workerData.control);
const board = new Int32Array(workerData.board);
const { gemm_chunked } = new WebAssembly.Instance(workerData.module, { env: { memory: workerData.memory } }).exports;
${pieceArgs.toString()}
Atomics.store(ctl, ${READY}, 1);
Atomics.notify(ctl, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${JOB}, seen);
  seen = Atomics.load(ctl, ${JOB});
  if (seen < 0) break;
  // Start product 'seen' unless the main thread has already marked it skipped.
  if (Atomics.compareExchange(ctl, ${STATE}, 2 * seen - 1, 2 * seen) !== 2 * seen - 1) continue;
  for (let p = Atomics.add(board, ${NEXT}, 1); p < board[${PIECES}]; p = Atomics.add(board, ${NEXT}, 1)) {
    gemm_chunked(...pieceArgs(board, p));
  }
  Atomics.store(ctl, ${STATE}, 2 * seen + 1);
  Atomics.notify(ctl, ${STATE});
}
`;

interface Helper {
  worker: Worker;
  control: Int32Array;
}

/** A fixed set of helper threads sharing one WebAssembly memory with the main thread. */
export class GemmWorkers {
  private readonly helpers: Helper[];
  private readonly board: Int32Array;
  private generation = 0;
  /** Pieces the helpers ran in the last product (for tests: threading must not pass vacuously). */
  lastHelperPieces = 0;

  private constructor(helpers: Helper[], board: Int32Array) {
    this.helpers = helpers;
    this.board = board;
  }

  /**
   * Starts `count` helpers on `module` and `memory`; null if a worker cannot start here (the
   * caller then stays on one thread).
   */
  static start(module: object, memory: object, count: number): GemmWorkers | null {
    const board = new Int32Array(new SharedArrayBuffer(BOARD_WORDS * 4));
    const helpers: Helper[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
        control[STATE] = 1; // done with product 0
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control: control.buffer, board: board.buffer } });
        // Never keep a finished program alive, and never let a worker's failure crash it:
        // a helper that does not come up is noticed below and threading is switched off.
        worker.unref();
        worker.on('error', () => undefined);
        helpers.push({ worker, control });
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
    return new GemmWorkers(helpers, board);
  }

  /** Number of helper threads (the main thread is one more). */
  get size(): number {
    return this.helpers.length;
  }

  /**
   * Runs the product `job` cut into pieces of `piece` panels along its columns (or rows), on the
   * calling thread with `runHere` and on up to `helpers` helper threads, and returns when all
   * pieces are done. `helpersOnly` (tests) leaves every piece to the helpers and waits for them,
   * so a test can check the helpers' results deterministically.
   */
  run(job: ChunkedArgs, alongColumns: boolean, piece: number, helpers: number, runHere: (args: ChunkedArgs) => void, helpersOnly = false): void {
    const board = this.board;
    const total = alongColumns ? job[4] : job[3];
    const pieces = Math.ceil(total / piece);
    board.set(job, JOB_ARGS);
    board[ALONG_COLUMNS] = alongColumns ? 1 : 0;
    board[PIECE] = piece;
    board[PIECES] = pieces;
    Atomics.store(board, NEXT, 0);
    const g = ++this.generation;
    const used = this.helpers.slice(0, Math.min(helpers, pieces - 1));
    for (const h of used) {
      Atomics.store(h.control, JOB, g);
      Atomics.notify(h.control, JOB);
    }
    let mine = 0;
    if (!helpersOnly || used.length === 0) {
      for (let p = Atomics.add(board, NEXT, 1); p < pieces; p = Atomics.add(board, NEXT, 1), mine++) runHere(pieceArgs(board, p));
    }
    for (const h of used) {
      // A helper that has not started is told to skip; one that has is waited for.
      if (!helpersOnly && Atomics.compareExchange(h.control, STATE, 2 * g - 1, 2 * g + 1) === 2 * g - 1) continue;
      for (let s = Atomics.load(h.control, STATE); s !== 2 * g + 1; s = Atomics.load(h.control, STATE)) {
        Atomics.wait(h.control, STATE, s);
      }
    }
    // Helpers that were not posted this product are done with it too, so their state stays in step.
    for (const h of this.helpers.slice(used.length)) Atomics.store(h.control, STATE, 2 * g + 1);
    this.lastHelperPieces = pieces - mine;
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
