import fc from 'fast-check';
import { NDArray } from '../ndarray';
import { RandomState } from '../random';
import { col2im, conv2dReference, im2col, im2colReference } from './conv';
import { matmul } from './matmul';
import { reshape } from './shape';
import { arrayArb, assertProperty, expectClose, maxRelativeError } from '../testing';

/** A batch of images with a kernel size that fits, and patch counts from 0 up to every window. */
const geometry = fc
  .record({ batch: fc.integer({ min: 0, max: 3 }), h: fc.integer({ min: 1, max: 7 }), w: fc.integer({ min: 1, max: 7 }) })
  .chain(({ batch, h, w }) =>
    fc.record({
      batch: fc.constant(batch),
      h: fc.constant(h),
      w: fc.constant(w),
      kh: fc.integer({ min: 1, max: h }),
      kw: fc.integer({ min: 1, max: w }),
    }),
  )
  .chain((g) =>
    fc.record({
      g: fc.constant(g),
      rows: fc.integer({ min: 0, max: g.h - g.kh + 1 }),
      cols: fc.integer({ min: 0, max: g.w - g.kw + 1 }),
      images: arrayArb([g.batch, g.h, g.w]),
    }),
  );

describe('im2col', () => {
  test('agrees with the plain reference for any kernel size and patch count', () => {
    assertProperty(
      fc.property(geometry, ({ g, rows, cols, images }) => {
        expect(Array.from(im2col(images, g.kh, g.kw, { rows, cols }).data)).toEqual(
          Array.from(im2colReference(images, g.kh, g.kw, rows, cols).data),
        );
      }),
    );
  });

  test('im2col then matmul equals direct convolution', () => {
    assertProperty(
      fc.property(geometry, fc.integer({ min: 1, max: 5 }), ({ g, images }, nk) => {
        const kernels = new RandomState(nk).randn([g.kh * g.kw, nk]);
        const viaMatmul = matmul(im2col(images, g.kh, g.kw), kernels);
        const direct = conv2dReference(images, kernels, g.kh, g.kw);
        expect(maxRelativeError(viaMatmul, reshape(direct, viaMatmul.shape))).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  test('col2im is the adjoint of im2col: <im2col(x), y> = <x, col2im(y)>', () => {
    assertProperty(
      fc.property(
        geometry.chain((c) => fc.tuple(fc.constant(c), arrayArb([c.g.batch * c.rows * c.cols, c.g.kh * c.g.kw]))),
        ([{ g, rows, cols, images }, y]) => {
          const left = im2col(images, g.kh, g.kw, { rows, cols }).data.reduce((s, v, i) => s + v * y.data[i], 0);
          const back = col2im(y, [g.batch, g.h, g.w], g.kh, g.kw, { rows, cols });
          const right = images.data.reduce((s, v, i) => s + v * back.data[i], 0);
          expectClose(left, right, { rtol: 1e-10, atol: 1e-9 });
        },
      ),
    );
  });

  test("the book's chapter 10 sizes: 28x28 images, 3x3 patches, 25x25 positions", () => {
    const images = new RandomState(1).random([2, 28, 28]);
    const cols = im2col(images, 3, 3, { rows: 25, cols: 25 });
    expect(cols.shape).toEqual([2 * 625, 9]);
    // Patch 26 of image 1 starts at row 1, column 1 (26 = 1*25 + 1).
    expect(Array.from(cols.data.subarray((625 + 26) * 9, (625 + 27) * 9))).toEqual(
      [1, 2, 3].flatMap((r) => [1, 2, 3].map((c) => images.get(1, r, c))),
    );
    expect(im2col(images, 3, 3).shape).toEqual([2 * 676, 9]);
  });

  test('errors name the op and the shapes', () => {
    expect(() => im2col(NDArray.zeros([1, 2, 2]), 3, 3)).toThrow('im2col: a 3x3 kernel does not fit in 2x2 images [1,2,2]');
    expect(() => im2col(NDArray.zeros([1, 5, 5]), 3, 3, { rows: 4 })).toThrow(/im2col: 4x3 patch positions do not fit/);
    expect(() => im2col(NDArray.zeros([5, 5]), 3, 3)).toThrow('im2col: images must be 3-dimensional, got shape [5,5]');
    expect(() => col2im(NDArray.zeros([4, 9]), [1, 5, 5], 3, 3)).toThrow(/col2im: patches \[4,9\] do not match \[1,5,5\]/);
  });
});
