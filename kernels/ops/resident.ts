/**
 * Resident matrices: a weight matrix packed once into the WebAssembly kernel's memory and reused
 * by every product until the weights change. A training step of chapter 14 multiplies the same
 * 512 x 2048 matrices dozens of times before the optimizer touches them; without this, each
 * product re-reads and re-packs 8 MB of weights.
 *
 * The contract: a ResidentMatrix stands for its source array. After changing the source, call
 * `invalidate()` (or change it inside `update(...)`); the next product re-packs it. A product with
 * a handle whose source changed without that is refused with an error rather than computed from
 * the old weights: under jest (and with GDL_RESIDENT_CHECK=full) every element is compared with
 * the packed copy on every use, otherwise a rotating sample of 16 elements, which catches any
 * optimizer step that moves the weights. Results are bit-identical to the plain NDArray operand.
 */
import { NDArray, formatShape } from '../ndarray';
import { checkNdim } from './check';
import { firstMismatch, packPanels, packedIndex, packedSize } from './gemm-pack';
import { gemmArena } from './gemm-wasm';
import type { WasmArena } from './wasm-arena';

/**
 * Which panels a product needs: 'rows' (panels of 4 rows: the left operand of matmul and
 * matmulTransposeB, the right operand of matmulTransposeB) or 'columns' (panels of 4 columns: the
 * right operand of matmul and matmulTransposeA, the left operand of matmulTransposeA).
 */
export type PanelLayout = 'rows' | 'columns';

/** How a product checks that a resident matrix's source has not changed since it was packed. */
export type ResidentCheck = 'full' | 'sample' | 'off';

function defaultCheck(): ResidentCheck {
  const fromEnv = process.env.GDL_RESIDENT_CHECK;
  if (fromEnv === 'full' || fromEnv === 'sample' || fromEnv === 'off') return fromEnv;
  if (fromEnv !== undefined && fromEnv !== '') {
    throw new Error(`GDL_RESIDENT_CHECK must be full, sample or off, got '${fromEnv}'`);
  }
  return process.env.JEST_WORKER_ID !== undefined ? 'full' : 'sample';
}

let checkMode: ResidentCheck = defaultCheck();

/**
 * Sets how products verify resident matrices: 'full' compares every element with the packed copy
 * (the default under jest), 'sample' 16 rotating elements (the default elsewhere), 'off' nothing.
 * @example setResidentCheck('full') // while debugging a training loop
 */
export function setResidentCheck(mode: ResidentCheck): void {
  if (mode !== 'full' && mode !== 'sample' && mode !== 'off') {
    throw new Error(`setResidentCheck: unknown mode '${String(mode)}' (use full, sample or off)`);
  }
  checkMode = mode;
}

/** The current verification of resident matrices. */
export function getResidentCheck(): ResidentCheck {
  return checkMode;
}

interface Panels {
  start: number;
  doubles: number;
  /** False once the source may have changed: the next use re-packs. */
  fresh: boolean;
}

type Blocks = Partial<Record<PanelLayout, Panels>>;

/** Frees the packed copies of a handle that was dropped without release(). */
const finalizer = new FinalizationRegistry<{ arena: WasmArena; blocks: Blocks }>(({ arena, blocks }) => {
  for (const b of Object.values(blocks)) if (b !== undefined) arena.release(b.start, b.doubles);
});

const SAMPLES = 16;

/**
 * A 2-d weight matrix kept packed in the matrix kernel's memory, accepted wherever matmul,
 * matmulTransposeA and matmulTransposeB take an operand. Create it with {@link resident}.
 */
export class ResidentMatrix {
  private readonly blocks: Blocks = {};
  private versionCount = 0;
  private released = false;
  private uses = 0;
  private packs = 0;

  /** Use {@link resident}. */
  constructor(
    /** The weights this handle stands for; change them, then call {@link invalidate}. */
    readonly source: NDArray,
  ) {
    checkNdim('resident', 'weights', source, 2);
    const arena = gemmArena();
    if (arena !== null) finalizer.register(this, { arena, blocks: this.blocks }, this);
  }

  /** The source's shape. */
  get shape(): readonly number[] {
    return this.source.shape;
  }

  /** How many times the source has been packed into the kernel's memory (for tests and benchmarks). */
  get packCount(): number {
    return this.packs;
  }

  /** How many times the handle has been invalidated (0 at creation). */
  get version(): number {
    return this.versionCount;
  }

  /**
   * Declares that the source changed: the next product re-packs it (into the same memory).
   * @example addScaled(wh, dWh, -alpha, wh); whResident.invalidate();
   */
  invalidate(): void {
    for (const b of Object.values(this.blocks)) if (b !== undefined) b.fresh = false;
    this.versionCount++;
  }

  /**
   * Runs `change` on the source, then invalidates: the safe way to write an optimizer step.
   * @example whResident.update((w) => addScaled(w, dWh, -alpha, w));
   */
  update(change: (weights: NDArray) => void): void {
    change(this.source);
    this.invalidate();
  }

  /** Frees the packed copies; the handle cannot be used afterwards (the source is untouched). */
  release(): void {
    if (this.released) return;
    const arena = gemmArena();
    if (arena !== null) for (const b of Object.values(this.blocks)) if (b !== undefined) arena.release(b.start, b.doubles);
    for (const key of Object.keys(this.blocks) as PanelLayout[]) delete this.blocks[key];
    finalizer.unregister(this);
    this.released = true;
  }

  /**
   * Throws if released (every product calls this, whichever kernel then runs).
   * @internal
   */
  checkUsable(op: string): void {
    if (this.released) throw new Error(`${op}: this resident matrix ${formatShape(this.shape)} was released`);
  }

  /**
   * The offset (doubles) of the panels in `layout`, packed now if they are missing or invalidated,
   * after checking that a fresh copy still matches the source. For the kernel only.
   * @internal
   */
  panels(layout: PanelLayout, op: string): number {
    this.checkUsable(op);
    const arena = gemmArena();
    if (arena === null) throw new Error(`${op}: resident matrices need the WebAssembly kernel`);
    const [P, K, pStride, kStride] = this.geometry(layout);
    let block = this.blocks[layout];
    if (block === undefined) {
      const doubles = packedSize(P, K);
      block = { start: arena.alloc(doubles, op), doubles, fresh: false };
      this.blocks[layout] = block;
    }
    const mem = arena.heap();
    if (block.fresh) this.verify(op, mem, block.start, layout);
    else {
      packPanels(mem, block.start, P, K, this.source.data, pStride, kStride);
      block.fresh = true;
      this.packs++;
    }
    return block.start;
  }

  /** [lines, inner size, line stride, inner stride] of the source seen in `layout`. */
  private geometry(layout: PanelLayout): [number, number, number, number] {
    const [rows, cols] = this.source.shape;
    return layout === 'rows' ? [rows, cols, cols, 1] : [cols, rows, 1, cols];
  }

  private verify(op: string, mem: Float64Array, start: number, layout: PanelLayout): void {
    if (checkMode === 'off') return;
    const [P, K, pStride, kStride] = this.geometry(layout);
    const x = this.source.data;
    let bad = -1;
    if (checkMode === 'full') bad = firstMismatch(mem, start, P, K, x, pStride, kStride);
    else if (x.length > 0) {
      // A different stretch of the matrix on every use, spread over all of it.
      const step = Math.max(1, Math.floor(x.length / SAMPLES));
      const shift = (this.uses++ * 7919) % step;
      for (let t = 0; t < SAMPLES && bad < 0; t++) {
        const s = (t * step + shift) % x.length;
        const p = layout === 'rows' ? Math.floor(s / pStride) : s % kStride;
        const k = layout === 'rows' ? s % pStride : Math.floor(s / kStride);
        if (!Object.is(mem[start + packedIndex(p, k, K)], x[s])) bad = s;
      }
    }
    if (bad >= 0) {
      throw new Error(
        `${op}: the resident matrix ${formatShape(this.shape)} changed since it was packed ` +
          `(element ${bad}, version ${this.versionCount}); call invalidate() after changing its weights, ` +
          'or change them inside update(...)',
      );
    }
  }
}

/**
 * Keeps a weight matrix packed in the matrix kernel's memory, so products with it skip re-packing
 * until you call `invalidate()`. Pass the handle to matmul, matmulTransposeA or matmulTransposeB
 * in place of the array, on either side; results are bit-identical.
 * @example
 * const wh = resident(weights.wh);
 * matmul(hPrev, wh, recurrent);            // packs wh once
 * matmulTransposeB(dZ, wh, dh);            // packs its other layout once
 * wh.update((w) => addScaled(w, dWh, -alpha, w)); // optimizer step, then re-pack on next use
 */
export function resident(weights: NDArray): ResidentMatrix {
  return new ResidentMatrix(weights);
}

/** The array behind an operand. */
export function operandArray(x: NDArray | ResidentMatrix): NDArray {
  return x instanceof ResidentMatrix ? x.source : x;
}
