/**
 * im2col / col2im for chapter 10's convolution (stride 1, no padding, one channel).
 *
 * im2col turns a batch of images [B, H, W] into one row per patch: [B * rows * cols, kh * kw].
 * Patch order: image by image; within an image by (rowStart, colStart) in row-major order; within
 * a patch, the kh x kw window in row-major order. That is the book's `flattened_input`, so the
 * convolution is `matmul(im2col(images, 3, 3), kernels)`.
 *
 * By default every valid window is taken: rows = H - kh + 1, cols = W - kw + 1. The book's
 * listing 10.2 loops `range(28 - 3)` and so takes 25 x 25 = 625 patches, skipping the last row and
 * column of windows; pass `{ rows: 25, cols: 25 }` to reproduce it.
 */
import { NDArray, formatShape } from '../ndarray';
import { checkArray, checkNdim, checkNoAlias, outOrNew } from './check';

/** Which patch positions to take. */
export interface PatchOptions {
  /** Number of patch start rows, 0..H-kh+1 (default H - kh + 1: every valid window). */
  rows?: number;
  /** Number of patch start columns, 0..W-kw+1 (default W - kw + 1). */
  cols?: number;
  /** Where to write the result; it must have the result's shape. */
  out?: NDArray;
}

interface Geometry {
  batch: number;
  h: number;
  w: number;
  rows: number;
  cols: number;
}

function geometry(op: string, shape: readonly number[], kh: number, kw: number, options: PatchOptions): Geometry {
  const [batch, h, w] = shape;
  if (!Number.isInteger(kh) || !Number.isInteger(kw) || kh < 1 || kw < 1) {
    throw new Error(`${op}: kernel size ${kh}x${kw} must be positive integers`);
  }
  if (kh > h || kw > w) {
    throw new Error(`${op}: a ${kh}x${kw} kernel does not fit in ${h}x${w} images ${formatShape(shape)}`);
  }
  const rows = options.rows ?? h - kh + 1;
  const cols = options.cols ?? w - kw + 1;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || rows > h - kh + 1 || cols > w - kw + 1) {
    throw new Error(
      `${op}: ${rows}x${cols} patch positions do not fit; a ${kh}x${kw} kernel allows at most ${h - kh + 1}x${w - kw + 1} in ${formatShape(shape)}`,
    );
  }
  return { batch, h, w, rows, cols };
}

/**
 * Patches of a batch of images as rows: [B, H, W] -> [B * rows * cols, kh * kw] (see the module
 * comment for the order).
 * @example im2col(images, 3, 3, { rows: 25, cols: 25 }) // the book's flattened_input for 28x28 images
 */
export function im2col(images: NDArray, kh: number, kw: number, options: PatchOptions = {}): NDArray {
  checkNdim('im2col', 'images', images, 3);
  const { batch, h, w, rows, cols } = geometry('im2col', images.shape, kh, kw, options);
  const patch = kh * kw;
  const out = outOrNew('im2col', [batch * rows * cols, patch], options.out);
  checkNoAlias('im2col', out, images);
  const x = images.data;
  const o = out.data;
  let p = 0;
  for (let b = 0; b < batch; b++) {
    const image = b * h * w;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        // One patch: kh runs of kw contiguous pixels.
        let src = image + r * w + c;
        for (let i = 0; i < kh; i++, src += w) {
          for (let j = 0; j < kw; j++) o[p++] = x[src + j];
        }
      }
    }
  }
  return out;
}

/**
 * The adjoint of im2col: adds each patch row back onto the pixels it came from, giving [B, H, W]
 * (overlapping patches accumulate). Backprop through im2col is `col2im(dPatches, ...)`.
 * @example col2im(dFlattened, [128, 28, 28], 3, 3, { rows: 25, cols: 25 })
 */
export function col2im(
  patches: NDArray,
  imageShape: readonly number[],
  kh: number,
  kw: number,
  options: PatchOptions = {},
): NDArray {
  checkNdim('col2im', 'patches', patches, 2);
  if (imageShape.length !== 3) throw new Error(`col2im: imageShape ${formatShape(imageShape)} must be [B, H, W]`);
  const { batch, h, w, rows, cols } = geometry('col2im', imageShape, kh, kw, options);
  const patch = kh * kw;
  if (patches.shape[0] !== batch * rows * cols || patches.shape[1] !== patch) {
    throw new Error(
      `col2im: patches ${formatShape(patches.shape)} do not match ${formatShape(imageShape)} with a ${kh}x${kw} kernel ` +
        `(expected [${batch * rows * cols},${patch}])`,
    );
  }
  const out = outOrNew('col2im', imageShape, options.out);
  checkNoAlias('col2im', out, patches);
  const o = out.data;
  o.fill(0);
  const x = patches.data;
  let p = 0;
  for (let b = 0; b < batch; b++) {
    const image = b * h * w;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let dst = image + r * w + c;
        for (let i = 0; i < kh; i++, dst += w) {
          for (let j = 0; j < kw; j++) o[dst + j] += x[p++];
        }
      }
    }
  }
  return out;
}

/** Plain reference for {@link im2col}: the book's loop, written with multi-indices. */
export function im2colReference(images: NDArray, kh: number, kw: number, rows?: number, cols?: number): NDArray {
  checkArray('im2colReference', 'images', images);
  const [batch, h, w] = images.shape;
  const nr = rows ?? h - kh + 1;
  const nc = cols ?? w - kw + 1;
  const out = NDArray.zeros([batch * nr * nc, kh * kw]);
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < nr; r++) {
      for (let c = 0; c < nc; c++) {
        const patchIndex = (b * nr + r) * nc + c;
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) out.set(images.get(b, r + i, c + j), patchIndex, i * kw + j);
        }
      }
    }
  }
  return out;
}

/**
 * Plain direct convolution (cross-correlation, as in deep learning) of [B, H, W] images with
 * kernels [kh * kw, K] laid out like im2col's patches: [B, rows, cols, K].
 */
export function conv2dReference(images: NDArray, kernels: NDArray, kh: number, kw: number, rows?: number, cols?: number): NDArray {
  const [batch, h, w] = images.shape;
  const nr = rows ?? h - kh + 1;
  const nc = cols ?? w - kw + 1;
  const nk = kernels.shape[1];
  const out = NDArray.zeros([batch, nr, nc, nk]);
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < nr; r++) {
      for (let c = 0; c < nc; c++) {
        for (let k = 0; k < nk; k++) {
          let s = 0;
          for (let i = 0; i < kh; i++) {
            for (let j = 0; j < kw; j++) s += images.get(b, r + i, c + j) * kernels.get(i * kw + j, k);
          }
          out.set(s, b, r, c, k);
        }
      }
    }
  }
  return out;
}
