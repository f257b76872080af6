/**
 * Figures of chapter 10. The scanning diagram computes its output map with the chapter's
 * convolution (solutions/chapter-10/convolution.ts); the accuracy curves and the trained
 * kernels come from recorded runs of the program (`npm run chapter -- 10 --solution
 * [--faithful]`, extracts in docs/figures/data/), which trains for minutes.
 */
import { NDArray } from '../../kernels';
import { convForward, im2col } from '../../solutions/chapter-10/convolution';
import { accuracyChart } from './curves';
import type { FigureGenerator } from './index';
import { recordedSeries } from './recorded';
import { arrow, colourLegend, divergingColour, formatNumber, greyColour, grid, heatmap, inkOn, palette, place, rect, svgDocument, text } from './svg';

/** An 8 x 8 "7": a bar along the top and a stroke down to the left. */
const sevenPixels = [
  '........',
  '.######.',
  '.....##.',
  '....##..',
  '...##...',
  '...#....',
  '..##....',
  '..#.....',
].map((row) => [...row].map((pixel) => (pixel === '#' ? 0.9 : 0)));

/** Responds where the image gets darker from top to bottom: the top edge of a stroke. */
const topEdgeKernel = [
  [-1, -1, -1],
  [0, 0, 0],
  [1, 1, 1],
];

function scan(): string {
  const size = 8;
  const kernelSize = 3;
  const outSize = size - kernelSize + 1;
  const image = new NDArray(Float64Array.from(sevenPixels.flat()), [1, size, size]);
  const kernel = new NDArray(Float64Array.from(topEdgeKernel.flat()), [kernelSize * kernelSize, 1]);
  const output = convForward(im2col(image, kernelSize, kernelSize), kernel, 1).data;
  const limit = Math.max(...Array.from(output, Math.abs));
  const [windowRow, windowCol] = [1, 0];

  const cell = 28;
  const imageX = 56;
  const top = 64;
  const kernelX = imageX + size * cell + 56;
  const kernelCell = 22;
  const outX = kernelX + kernelSize * kernelCell + 64;
  const parts: string[] = [];
  parts.push(text(imageX + (size * cell) / 2, top - 36, 'image, 8 x 8', { anchor: 'middle', size: 14, weight: 'bold' }));
  for (let r = 0; r < size; r += 1) {
    for (let c = 0; c < size; c += 1) parts.push(rect(imageX + c * cell, top + r * cell, cell, cell, greyColour(sevenPixels[r][c]), palette.grid));
  }
  // The window now, and where it goes next: one pixel right; after the last column, one row down.
  const wx = imageX + windowCol * cell;
  const wy = top + windowRow * cell;
  parts.push(rect(wx + cell, wy, kernelSize * cell, kernelSize * cell, 'none', palette.orange, 2).replace('/>', ' stroke-width="2" stroke-dasharray="5 4"/>'));
  parts.push(rect(wx, wy, kernelSize * cell, kernelSize * cell, 'none', palette.orange, 2).replace('/>', ' stroke-width="3"/>'));
  parts.push(arrow(wx + cell * 1.5, top - 12, wx + cell * 2.5, top - 12, palette.orange));
  parts.push(text(wx + cell * 2.7, top - 8, 'one pixel right', { size: 12, colour: palette.orange }));
  parts.push(arrow(imageX - 14, top + cell * 1.5, imageX - 14, top + cell * 2.5, palette.orange));
  parts.push(text(imageX - 22, top + cell * 2, 'next row', { size: 12, colour: palette.orange, anchor: 'middle', rotate: -90 }));

  // Low enough to leave the way from the window to its output cell free.
  const kernelTop = top + size * cell - kernelSize * kernelCell - 24;
  parts.push(text(kernelX + (kernelSize * kernelCell) / 2, kernelTop - 12, 'kernel', { anchor: 'middle', size: 13, weight: 'bold' }));
  topEdgeKernel.forEach((row, r) =>
    row.forEach((weight, c) => {
      const x = kernelX + c * kernelCell;
      const y = kernelTop + r * kernelCell;
      const fill = divergingColour(weight, 1.6);
      parts.push(rect(x, y, kernelCell, kernelCell, fill, palette.axis));
      parts.push(text(x + kernelCell / 2, y + kernelCell / 2, String(weight), { anchor: 'middle', baseline: 'middle', size: 11, colour: inkOn(fill) }));
    }),
  );

  parts.push(text(outX + (outSize * cell) / 2, top - 36, 'output map, 6 x 6', { anchor: 'middle', size: 14, weight: 'bold' }));
  const outTop = top;
  for (let r = 0; r < outSize; r += 1) {
    for (let c = 0; c < outSize; c += 1) {
      const value = output[r * outSize + c];
      const fill = divergingColour(value, limit);
      parts.push(rect(outX + c * cell, outTop + r * cell, cell, cell, fill, palette.grid));
      parts.push(text(outX + c * cell + cell / 2, outTop + r * cell + cell / 2, formatNumber(value, 2), { anchor: 'middle', baseline: 'middle', size: 10, colour: inkOn(fill) }));
    }
  }
  const ox = outX + windowCol * cell;
  const oy = outTop + windowRow * cell;
  parts.push(rect(ox, oy, cell, cell, 'none', palette.orange).replace('/>', ' stroke-width="3"/>'));
  parts.push(arrow(wx + kernelSize * cell + 2, wy + cell * 0.5, ox - 4, oy + cell / 2, palette.orange));
  const sum = output[windowRow * outSize + windowCol];
  parts.push(text(outX + (outSize * cell) / 2, outTop + outSize * cell + 22, `this cell: Σ pixel × weight = ${formatNumber(sum, 3)}`, { anchor: 'middle', size: 12, colour: palette.orange }));
  return svgDocument(outX + outSize * cell + 30, top + size * cell + 30, 'A 3 x 3 kernel scanning an 8 x 8 image into a 6 x 6 output map', parts.join(''));
}

function accuracy(): string {
  const curves = (['chapter-10-faithful', 'chapter-10'] as const).flatMap((run) => {
    const book = run === 'chapter-10-faithful';
    const colour = book ? palette.orange : palette.blue;
    const who = book ? "book's code" : 'corrected';
    return [
      { label: `train, ${who}`, points: recordedSeries(run, 'train-accuracy'), colour, dash: '6 4' },
      { label: `test, ${who}`, points: recordedSeries(run, 'test-accuracy'), colour, markers: true },
    ];
  });
  const chart = accuracyChart({ curves, legend: 'bottom-right', yDomain: [0, 1] });
  return svgDocument(chart.width, chart.height, 'Train and test accuracy of the convolutional network, book and corrected', chart.body);
}

function kernels(): string {
  const weights = Array.from({ length: 16 }, (_, k) => recordedSeries('chapter-10', `kernel-${k}`).map(([, value]) => value));
  const limit = Math.max(...weights.flat().map(Math.abs));
  const maps = weights.map((kernel, k) =>
    heatmap({ title: `kernel ${k}`, cell: 30, limit, values: [0, 1, 2].map((r) => kernel.slice(r * 3, r * 3 + 3)) }),
  );
  const panels = grid(maps, 4, 28);
  const legend = colourLegend(panels.width, limit);
  const body = place(panels, 20, 16) + place(legend, 20, panels.height + 32);
  return svgDocument(panels.width + 40, panels.height + 32 + legend.height + 12, 'The 16 trained 3 x 3 kernels of the corrected run', body);
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-10/scan': scan,
  'chapter-10/accuracy': accuracy,
  'chapter-10/kernels': kernels,
};
