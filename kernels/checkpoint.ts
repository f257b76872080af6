/**
 * Saving and resuming a long training run, for every chapter program that has one (chapters 8,
 * 9, 10 and 14). A checkpoint is one file: a JSON header (the loop's counters, its random
 * generators' states and the metrics so far) and the raw float64 bytes of every array, written to
 * a temporary file and renamed over the old one, so a crash mid-write never leaves half a
 * checkpoint. Arrays are stored bit for bit, so a resumed run continues exactly where the
 * interrupted one stopped and ends bit-identical to an uninterrupted run.
 *
 * This module is the file format; `kernels/resumable.ts` builds the loop that checkpoints after
 * every iteration, stops cleanly on Ctrl-C and resumes with `--resume`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NDArray } from './ndarray';

/** The JSON part of a checkpoint: anything serialisable the loop needs to continue. */
export type CheckpointMeta = Record<string, unknown>;

/** A checkpoint as read back: its header and its arrays in the order they were saved. */
export interface Checkpoint {
  readonly meta: CheckpointMeta;
  readonly arrays: NDArray[];
}

const MAGIC = 'GDLCKPT1';

/** Where checkpoints live unless a program is told otherwise (git ignores `.course/`). */
export const CHECKPOINT_DIR = path.join('.course', 'checkpoints');

/** Writes `meta` and `arrays` to `file` atomically (temporary file + rename). */
export function saveCheckpoint(file: string, meta: CheckpointMeta, arrays: readonly NDArray[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const header = Buffer.from(JSON.stringify({ meta, shapes: arrays.map((a) => a.shape) }), 'utf8');
  // Pad the header so the float64 data starts on an 8-byte boundary.
  const headerLength = Math.ceil((header.length + 16) / 8) * 8 - 16;
  const prefix = Buffer.alloc(16 + headerLength, 0x20);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerLength, 8);
  header.copy(prefix, 16);
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, prefix);
    for (const a of arrays) fs.writeSync(fd, new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

/**
 * Reads a checkpoint written by {@link saveCheckpoint}; undefined when there is none.
 * @throws naming the file when it is not a complete checkpoint
 */
export function loadCheckpoint(file: string): Checkpoint | undefined {
  if (!fs.existsSync(file)) return undefined;
  const bytes = fs.readFileSync(file);
  const damaged = (why: string): Error =>
    new Error(`loadCheckpoint: ${file} ${why}; delete it to start over (or run without --resume)`);
  if (bytes.length < 16 || bytes.toString('latin1', 0, 8) !== MAGIC) throw damaged('is not a checkpoint');
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 16, 16 + headerLength)) as { meta: CheckpointMeta; shapes: number[][] };
  let offset = 16 + headerLength;
  const arrays = header.shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + size * 8 > bytes.length) throw damaged('is truncated');
    const data = new Float64Array(size);
    new Uint8Array(data.buffer).set(bytes.subarray(offset, offset + size * 8));
    offset += size * 8;
    return new NDArray(data, shape);
  });
  if (offset !== bytes.length) throw damaged('has trailing bytes');
  return { meta: header.meta, arrays };
}
