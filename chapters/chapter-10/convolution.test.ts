import fc from 'fast-check';
import * as kernels from '../../kernels';
import { NDArray, RandomState, matmulTransposeB } from '../../kernels';
import { arrayArb, assertProperty, expectClose, expectInputsUnchanged, expectReturnsOut, gradCheck, PREFILL, prefilledOut, valueArb } from '../../kernels/testing';
import { col2im, convForward, getImageSection, im2col, kernelGradient } from './convolution';
// Other tasks' functions come from the reference solutions: each task's tests judge that task alone.
import * as convolutionReference from '../../solutions/chapter-10/convolution';

const RUNS = { numRuns: 100 };

/** A batch of 1-3 images of 3-7 x 3-7 pixels and a window size that fits them. */
const batchAndWindow = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    height: fc.integer({ min: 3, max: 7 }),
    width: fc.integer({ min: 3, max: 7 }),
    kernelRows: fc.integer({ min: 1, max: 3 }),
    kernelCols: fc.integer({ min: 1, max: 3 }),
    numKernels: fc.integer({ min: 1, max: 3 }),
  })
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      images: arrayArb([s.batch, s.height, s.width], { min: -1, max: 1 }),
      kernels: arrayArb([s.kernelRows * s.kernelCols, s.numKernels], { min: -1, max: 1 }),
    }),
  );

/** Direct convolution with plain loops: out[b][r][c][k] = sum_ij image[b][r+i][c+j] kernel_k[i][j]. */
function directConvolution(images: NDArray, kernelMatrix: NDArray, kernelRows: number, kernelCols: number): number[][][][] {
  const [batch, height, width] = images.shape;
  const numKernels = kernelMatrix.shape[1];
  const out: number[][][][] = [];
  for (let b = 0; b < batch; b++) {
    const maps: number[][][] = [];
    for (let r = 0; r + kernelRows <= height; r++) {
      const row: number[][] = [];
      for (let c = 0; c + kernelCols <= width; c++) {
        const values: number[] = [];
        for (let k = 0; k < numKernels; k++) {
          let total = 0;
          for (let i = 0; i < kernelRows; i++) {
            for (let j = 0; j < kernelCols; j++) total += images.get(b, r + i, c + j) * kernelMatrix.get(i * kernelCols + j, k);
          }
          values.push(total);
        }
        row.push(values);
      }
      maps.push(row);
    }
    out.push(maps);
  }
  return out;
}

function ramp(batch: number, height: number, width: number): NDArray {
  return new NDArray(Float64Array.from({ length: batch * height * width }, (_, i) => i), [batch, height, width]);
}

describe('task 10.1 getImageSection', () => {
  test('cuts the same window out of every image', () => {
    const images = ramp(2, 4, 4);
    expect(getImageSection(images, 1, 3, 2, 4).toNested()).toEqual([
      [[6, 7], [10, 11]],
      [[22, 23], [26, 27]],
    ]);
  });

  test('every pixel of the section is the pixel at the shifted position', () => {
    assertProperty(
      fc.property(batchAndWindow, fc.nat(), fc.nat(), ({ s, images }, r, c) => {
        const rowFrom = r % (s.height - s.kernelRows + 1);
        const colFrom = c % (s.width - s.kernelCols + 1);
        const section = getImageSection(images, rowFrom, rowFrom + s.kernelRows, colFrom, colFrom + s.kernelCols);
        expect(section.shape).toEqual([s.batch, s.kernelRows, s.kernelCols]);
        for (let b = 0; b < s.batch; b++) {
          for (let i = 0; i < s.kernelRows; i++) {
            for (let j = 0; j < s.kernelCols; j++) expect(section.get(b, i, j)).toBe(images.get(b, rowFrom + i, colFrom + j));
          }
        }
      }),
      RUNS,
    );
  });

  test('returns a new array and leaves the images as they were', () => {
    assertProperty(
      fc.property(batchAndWindow, ({ s, images }) => {
        const section = expectInputsUnchanged('getImageSection', { images }, () => getImageSection(images, 0, s.kernelRows, 0, s.kernelCols));
        expect(section).not.toBe(images);
      }),
      { numRuns: 50 },
    );
  });

  test('rejects a window outside the images', () => {
    expect(() => getImageSection(NDArray.zeros([2, 28, 28]), 26, 29, 0, 3)).toThrow(
      /getImageSection: window rows 26\.\.29 and cols 0\.\.3 fall outside images \[2,28,28\]/,
    );
  });

  test('rejects a window past any of the four edges, or one that ends before it starts', () => {
    const images = NDArray.zeros([2, 6, 5]);
    const windows: Array<[number, number, number, number]> = [
      [-1, 2, 0, 2], // above the top
      [0, 2, -1, 2], // left of the left edge
      [0, 7, 0, 2], // below the bottom
      [0, 2, 3, 6], // right of the right edge
      [3, 2, 0, 2], // rows end before they start
      [0, 2, 4, 1], // cols end before they start
    ];
    for (const [rowFrom, rowTo, colFrom, colTo] of windows) {
      expect(() => getImageSection(images, rowFrom, rowTo, colFrom, colTo)).toThrow(
        `getImageSection: window rows ${rowFrom}..${rowTo} and cols ${colFrom}..${colTo} fall outside images [2,6,5]`,
      );
    }
  });

  test('a window with no rows or no cols is an empty section, as a slice [3:3] is', () => {
    const images = ramp(2, 6, 5);
    expect(getImageSection(images, 3, 3, 0, 5).shape).toEqual([2, 0, 5]);
    expect(getImageSection(images, 0, 6, 5, 5).shape).toEqual([2, 6, 0]);
  });
});

describe('task 10.2 im2col', () => {
  test('takes every valid window: 26 x 26 of 3 x 3 in a 28 x 28 image, or the book\'s 25 x 25', () => {
    const images = new RandomState(0).random([2, 28, 28]);
    expect(im2col(images, 3, 3).shape).toEqual([2 * 26 * 26, 9]);
    expect(im2col(images, 3, 3, { rows: 25, cols: 25 }).shape).toEqual([2 * 625, 9]);
  });

  test('row p is the window of patch p, in reading order, image by image (and matches kernels)', () => {
    assertProperty(
      fc.property(batchAndWindow, fc.boolean(), ({ s, images }, book) => {
        const rows = s.height - s.kernelRows + (book ? 0 : 1);
        const cols = s.width - s.kernelCols + (book ? 0 : 1);
        const patches = im2col(images, s.kernelRows, s.kernelCols, { rows, cols });
        expect(patches.shape).toEqual([s.batch * rows * cols, s.kernelRows * s.kernelCols]);
        let p = 0;
        for (let b = 0; b < s.batch; b++) {
          for (let r = 0; r < rows; r++) {
            for (let c = 0; c < cols; c++, p++) {
              for (let i = 0; i < s.kernelRows; i++) {
                for (let j = 0; j < s.kernelCols; j++) expect(patches.get(p, i * s.kernelCols + j)).toBe(images.get(b, r + i, c + j));
              }
            }
          }
        }
        expectClose(patches, kernels.im2col(images, s.kernelRows, s.kernelCols, { rows, cols }), { rtol: 0, atol: 0 });
      }),
      RUNS,
    );
  });

  test('overwrites a preallocated out and returns it', () => {
    const images = ramp(1, 4, 4);
    const out = kernels.full([4, 9], 99);
    expect(im2col(images, 3, 3, { out })).toBe(out);
    expect(out.toNested()).toEqual([
      [0, 1, 2, 4, 5, 6, 8, 9, 10],
      [1, 2, 3, 5, 6, 7, 9, 10, 11],
      [4, 5, 6, 8, 9, 10, 12, 13, 14],
      [5, 6, 7, 9, 10, 11, 13, 14, 15],
    ]);
  });

  test(`overwrites every element of a random out pre-filled with ${PREFILL}, returns it, and leaves the images as they were`, () => {
    assertProperty(
      fc.property(batchAndWindow, ({ s, images }) => {
        const positions = (s.height - s.kernelRows + 1) * (s.width - s.kernelCols + 1);
        const out = prefilledOut([s.batch * positions, s.kernelRows * s.kernelCols]);
        const result = expectInputsUnchanged('im2col', { images }, () => im2col(images, s.kernelRows, s.kernelCols, { out }));
        expectReturnsOut('im2col', result, out);
        expectClose(out, kernels.im2col(images, s.kernelRows, s.kernelCols), { rtol: 0, atol: 0, label: 'im2col into a pre-filled out' });
      }),
      { numRuns: 50 },
    );
  });

  test('rejects more windows than fit', () => {
    expect(() => im2col(NDArray.zeros([2, 28, 28]), 3, 3, { rows: 27, cols: 26 })).toThrow(
      /im2col: 27 x 26 windows of 3 x 3 do not fit in images \[2,28,28\]/,
    );
  });
});

describe('task 10.3 convForward', () => {
  test('patches times kernels equals the direct convolution, laid out [batch, positions * kernels]', () => {
    assertProperty(
      fc.property(batchAndWindow, ({ s, images, kernels: k }) => {
        const output = convForward(convolutionReference.im2col(images, s.kernelRows, s.kernelCols), k, s.batch);
        const direct = directConvolution(images, k, s.kernelRows, s.kernelCols);
        const positions = (s.height - s.kernelRows + 1) * (s.width - s.kernelCols + 1);
        expect(output.shape).toEqual([s.batch, positions * s.numKernels]);
        expectClose(output, direct.map((maps) => maps.flat(2)), { rtol: 1e-12, atol: 1e-12 });
      }),
      RUNS,
    );
  });

  test('a kernel with a 1 in its centre copies the interior of the image', () => {
    const images = new RandomState(3).random([2, 5, 6]);
    const centre = NDArray.zeros([9, 1]);
    centre.data[4] = 1;
    const output = convForward(convolutionReference.im2col(images, 3, 3), centre, 2);
    for (let b = 0; b < 2; b++) {
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < 4; c++) expect(output.get(b, r * 4 + c)).toBe(images.get(b, r + 1, c + 1));
      }
    }
  });

  test('is linear in the kernels, and shifting the image shifts the output', () => {
    assertProperty(
      fc.property(batchAndWindow, valueArb({ min: -2, max: 2 }), ({ s, images, kernels: k }, a) => {
        const patches = convolutionReference.im2col(images, s.kernelRows, s.kernelCols);
        const scaled = new NDArray(k.data.map((v) => a * v), k.shape);
        const sum = new NDArray(k.data.map((v, i) => v + scaled.data[i]), k.shape);
        const single = convForward(patches, k, s.batch);
        expectClose(convForward(patches, sum, s.batch), new NDArray(single.data.map((v) => (1 + a) * v), single.shape), {
          rtol: 1e-9,
          atol: 1e-12,
        });
        // Shift every image one pixel down (a zero row enters at the top).
        const shifted = NDArray.zeros(images.shape);
        for (let b = 0; b < s.batch; b++) {
          for (let r = 1; r < s.height; r++) {
            for (let c = 0; c < s.width; c++) shifted.set(images.get(b, r - 1, c), b, r, c);
          }
        }
        const moved = convForward(convolutionReference.im2col(shifted, s.kernelRows, s.kernelCols), k, s.batch);
        const cols = s.width - s.kernelCols + 1;
        const rows = s.height - s.kernelRows + 1;
        for (let b = 0; b < s.batch; b++) {
          for (let r = 1; r < rows; r++) {
            for (let c = 0; c < cols; c++) {
              for (let q = 0; q < s.numKernels; q++) {
                const after = moved.get(b, (r * cols + c) * s.numKernels + q);
                const before = single.get(b, ((r - 1) * cols + c) * s.numKernels + q);
                expect(after).toBeCloseTo(before, 12);
              }
            }
          }
        }
      }),
      RUNS,
    );
  });

  test(`writes into a given out (pre-filled with ${PREFILL}), overwriting all of it, returns it, and leaves patches and kernels as they were`, () => {
    assertProperty(
      fc.property(batchAndWindow, ({ s, images, kernels: k }) => {
        const patches = convolutionReference.im2col(images, s.kernelRows, s.kernelCols);
        const expected = convolutionReference.convForward(patches, k, s.batch);
        const out = prefilledOut(expected.shape);
        const result = expectInputsUnchanged('convForward', { patches, kernels: k }, () => convForward(patches, k, s.batch, out));
        expectReturnsOut('convForward', result, out);
        expectClose(out, expected, { rtol: 1e-12, atol: 1e-12, label: 'convForward into a pre-filled out' });
        const fresh = expectInputsUnchanged('convForward', { patches, kernels: k }, () => convForward(patches, k, s.batch));
        expect(fresh).not.toBe(patches);
      }),
      { numRuns: 50 },
    );
  });

  test('rejects patches that do not split into the batch', () => {
    expect(() => convForward(NDArray.zeros([100, 9]), NDArray.zeros([9, 16]), 3)).toThrow(
      /convForward: patches \[100,9\] do not split into 3 images/,
    );
  });
});

describe('task 10.4 kernelGradient', () => {
  test('matches finite differences of the convolution with respect to the kernels', () => {
    assertProperty(
      fc.property(batchAndWindow, fc.nat(1000), ({ s, images, kernels: k }, seed) => {
        const patches = convolutionReference.im2col(images, s.kernelRows, s.kernelCols);
        gradCheck(
          (kernelMatrix) => convolutionReference.convForward(patches, kernelMatrix, s.batch),
          [k],
          (g) => kernelGradient(patches, g),
          { seed, label: 'task 10.4 kernelGradient' },
        );
      }),
      RUNS,
    );
  });

  test('writes into out, shaped [kernelSize, kernels]', () => {
    const patches = convolutionReference.im2col(ramp(1, 4, 4), 3, 3);
    const delta = kernels.array([[1, 0, 0, 0, 0, 0, 0, 2]]);
    const out = kernels.full([9, 2], 7);
    expect(kernelGradient(patches, delta, out)).toBe(out);
    expect(out.toNested()).toEqual([
      [0, 10], [1, 12], [2, 14], [4, 18], [5, 20], [6, 22], [8, 26], [9, 28], [10, 30],
    ]);
  });

  test(`overwrites a random out pre-filled with ${PREFILL}, returns it, and leaves patches and delta as they were`, () => {
    assertProperty(
      fc.property(batchAndWindow, fc.nat(1000), ({ s, images, kernels: k }, seed) => {
        const patches = convolutionReference.im2col(images, s.kernelRows, s.kernelCols);
        const delta = new RandomState(seed).randn(convolutionReference.convForward(patches, k, s.batch).shape);
        const expected = convolutionReference.kernelGradient(patches, delta);
        const out = prefilledOut(expected.shape);
        const result = expectInputsUnchanged('kernelGradient', { patches, delta }, () => kernelGradient(patches, delta, out));
        expectReturnsOut('kernelGradient', result, out);
        expectClose(out, expected, { rtol: 1e-12, atol: 1e-12, label: 'kernelGradient into a pre-filled out' });
      }),
      { numRuns: 50 },
    );
  });

  test('rejects a delta of the wrong size', () => {
    expect(() => kernelGradient(NDArray.zeros([50, 9]), NDArray.zeros([2, 51]))).toThrow(
      /kernelGradient: delta \[2,51\] does not match patches \[50,9\]/,
    );
  });
});

describe('task 10.5 col2im', () => {
  test('delta kernels^T through col2im matches finite differences of the convolution with respect to the pixels', () => {
    assertProperty(
      fc.property(batchAndWindow, fc.nat(1000), ({ s, images, kernels: k }, seed) => {
        const shape: [number, number, number] = [s.batch, s.height, s.width];
        gradCheck(
          (pixels) => convolutionReference.convForward(convolutionReference.im2col(pixels, s.kernelRows, s.kernelCols), k, s.batch),
          [images],
          (g) => {
            const perPatch = new NDArray(g.data, [g.size / s.numKernels, s.numKernels]);
            return col2im(matmulTransposeB(perPatch, k), shape, s.kernelRows, s.kernelCols);
          },
          { seed, label: 'task 10.5 col2im' },
        );
      }),
      RUNS,
    );
  });

  test('is the adjoint of im2col: <convolutionReference.im2col(x), P> = <x, col2im(P)>, for the book\'s positions too', () => {
    assertProperty(
      fc.property(batchAndWindow, fc.boolean(), fc.nat(1000), ({ s, images }, book, seed) => {
        const rows = s.height - s.kernelRows + (book ? 0 : 1);
        const cols = s.width - s.kernelCols + (book ? 0 : 1);
        const patches = new RandomState(seed).randn([s.batch * rows * cols, s.kernelRows * s.kernelCols]);
        const back = col2im(patches, [s.batch, s.height, s.width], s.kernelRows, s.kernelCols, { rows, cols });
        const forward = kernels.im2col(images, s.kernelRows, s.kernelCols, { rows, cols });
        let left = 0;
        for (let i = 0; i < forward.size; i++) left += forward.data[i] * patches.data[i];
        let right = 0;
        for (let i = 0; i < images.size; i++) right += images.data[i] * back.data[i];
        expect(Math.abs(left - right)).toBeLessThan(1e-9 * (1 + Math.abs(left)));
        expectClose(back, kernels.col2im(patches, [s.batch, s.height, s.width], s.kernelRows, s.kernelCols, { rows, cols }), {
          rtol: 1e-12,
          atol: 1e-12,
        });
      }),
      RUNS,
    );
  });

  test('a centre pixel collects all 9 windows it sat in', () => {
    const ones = kernels.ones([9, 9]);
    const back = col2im(ones, [1, 5, 5], 3, 3);
    expect(back.get(0, 2, 2)).toBe(9);
    expect(back.get(0, 0, 0)).toBe(1);
    expect(back.get(0, 0, 2)).toBe(3);
  });

  test(`starts from zero in a given out (pre-filled with ${PREFILL}) instead of adding onto it, returns it, and leaves the patches as they were`, () => {
    assertProperty(
      fc.property(batchAndWindow, fc.nat(1000), ({ s }, seed) => {
        const shape: [number, number, number] = [s.batch, s.height, s.width];
        const positions = (s.height - s.kernelRows + 1) * (s.width - s.kernelCols + 1);
        const patchGradient = new RandomState(seed).randn([s.batch * positions, s.kernelRows * s.kernelCols]);
        const out = prefilledOut(shape);
        const result = expectInputsUnchanged('col2im', { patchGradient }, () => col2im(patchGradient, shape, s.kernelRows, s.kernelCols, { out }));
        expectReturnsOut('col2im', result, out);
        expectClose(out, convolutionReference.col2im(patchGradient, shape, s.kernelRows, s.kernelCols), {
          rtol: 1e-12,
          atol: 1e-12,
          label: 'col2im into a pre-filled out',
        });
      }),
      { numRuns: 50 },
    );
  });

  test('rejects patches that do not match the images', () => {
    expect(() => col2im(NDArray.zeros([10, 9]), [2, 4, 4], 3, 3)).toThrow(
      /col2im: patches \[10,9\] do not match 2 images of 4 x 4 with 3 x 3 windows \(expected \[8,9\]\)/,
    );
    // The right number of patches, but of 2 x 2 windows, not 3 x 3.
    expect(() => col2im(NDArray.zeros([8, 4]), [2, 4, 4], 3, 3)).toThrow(
      'col2im: patches [8,4] do not match 2 images of 4 x 4 with 3 x 3 windows (expected [8,9])',
    );
  });

  test('rejects more windows than fit, and an out of the wrong shape, naming itself', () => {
    expect(() => col2im(NDArray.zeros([12, 9]), [2, 4, 4], 3, 3, { rows: 3, cols: 2 })).toThrow(
      'col2im: 3 x 2 windows of 3 x 3 do not fit in images [2,4,4]',
    );
    expect(() => col2im(NDArray.zeros([8, 9]), [2, 4, 4], 3, 3, { out: NDArray.zeros([2, 4, 5]) })).toThrow(
      'col2im: out has shape [2,4,5] but the result has shape [2,4,4]',
    );
  });
});
