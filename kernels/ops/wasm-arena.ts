/**
 * The allocator of the matrix kernel's shared WebAssembly memory. Two kinds of blocks live there:
 * the per-call scratch (packed operands and the padded result, reused by every product) and the
 * packed copies of resident matrices (./resident.ts), which stay until they are released. A
 * first-fit free list with coalescing is enough: blocks are few and large, so released memory is
 * reused by the next block that fits, and the memory only grows when none does.
 */

/** The parts of WebAssembly.Memory this file uses. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

/** The memory's maximum, in 64 KiB pages (1 GiB; must match the WAT import). */
export const MAX_PAGES = 16384;

const PAGE_DOUBLES = 65536 / 8;

/** Blocks start on 64-byte cache lines (8 doubles), which also gives the kernel its 16-byte alignment. */
const ALIGN_DOUBLES = 8;

interface FreeBlock {
  start: number;
  size: number;
}

/** A first-fit allocator over a growable WebAssembly memory; offsets and sizes are in doubles. */
export class WasmArena {
  private readonly free: FreeBlock[] = [];
  private total: number;
  private view: Float64Array;
  /** Doubles currently handed out (for tests: a released block must come back). */
  used = 0;

  constructor(private readonly memory: WasmMemory) {
    this.total = memory.buffer.byteLength / 8;
    this.free.push({ start: 0, size: this.total });
    this.view = new Float64Array(memory.buffer);
  }

  /** A Float64Array over the whole memory, valid until the next alloc (which may grow it). */
  heap(): Float64Array {
    if (this.view.length !== this.memory.buffer.byteLength / 8) this.view = new Float64Array(this.memory.buffer);
    return this.view;
  }

  /** Reserves `doubles` values (rounded up to whole cache lines) and returns the offset, in doubles. */
  alloc(doubles: number, op = 'matmul'): number {
    const size = Math.max(ALIGN_DOUBLES, Math.ceil(doubles / ALIGN_DOUBLES) * ALIGN_DOUBLES);
    let at = this.free.findIndex((b) => b.size >= size);
    if (at < 0) {
      this.grow(size, op);
      at = this.free.findIndex((b) => b.size >= size);
    }
    const block = this.free[at];
    const start = block.start;
    block.start += size;
    block.size -= size;
    if (block.size === 0) this.free.splice(at, 1);
    this.used += size;
    return start;
  }

  /** Returns a block from {@link alloc} (same `doubles`) to the free list, merging neighbours. */
  release(start: number, doubles: number): void {
    const size = Math.max(ALIGN_DOUBLES, Math.ceil(doubles / ALIGN_DOUBLES) * ALIGN_DOUBLES);
    let i = 0;
    while (i < this.free.length && this.free[i].start < start) i++;
    this.free.splice(i, 0, { start, size });
    this.used -= size;
    // Merge with the next block, then with the previous one.
    if (i + 1 < this.free.length && start + size === this.free[i + 1].start) {
      this.free[i].size += this.free[i + 1].size;
      this.free.splice(i + 1, 1);
    }
    if (i > 0 && this.free[i - 1].start + this.free[i - 1].size === start) {
      this.free[i - 1].size += this.free[i].size;
      this.free.splice(i, 1);
    }
  }

  /** Grows the memory so that a free block of `size` doubles exists at its end. */
  private grow(size: number, op: string): void {
    const last = this.free[this.free.length - 1];
    const tailFree = last !== undefined && last.start + last.size === this.total ? last.size : 0;
    const pages = Math.ceil((size - tailFree) / PAGE_DOUBLES);
    const bytes = (this.total + pages * PAGE_DOUBLES) * 8;
    if (bytes > MAX_PAGES * 65536) {
      throw new Error(`${op}: the operands need ${bytes} bytes of WebAssembly memory, more than its 1 GiB`);
    }
    this.memory.grow(pages);
    const added = pages * PAGE_DOUBLES;
    if (tailFree > 0) last.size += added;
    else this.free.push({ start: this.total, size: added });
    this.total += added;
  }
}
