/**
 * Figures of chapter 8, drawn from the recorded run of the book's code
 * (`npm run chapter -- 08 --solution --faithful`, extract docs/figures/data/chapter-08-faithful.json):
 * the three experiments take minutes to train, too long for the site build.
 */
import { accuracyChart } from './curves';
import type { FigureGenerator } from './index';
import { recordedSeries } from './recorded';
import { formatNumber, palette, svgDocument } from './svg';

const run = 'chapter-08-faithful';

/** The highest point of a series (the first one, on ties). */
function peak(points: ReadonlyArray<readonly [number, number]>): readonly [number, number] {
  return points.reduce((best, point) => (point[1] > best[1] ? point : best));
}

function overfitting(): string {
  const test = recordedSeries(run, 'plain/test-accuracy');
  const testedAt = new Set(test.map(([step]) => step));
  // Train accuracy is recorded every pass; the book prints it with the test, every 10 passes.
  const train = recordedSeries(run, 'plain/train-accuracy').filter(([step]) => testedAt.has(step));
  const best = peak(test);
  const last = test[test.length - 1];
  const chart = accuracyChart({
    curves: [
      { label: 'train accuracy', points: train, colour: palette.blue, markers: true },
      { label: 'test accuracy', points: test, colour: palette.orange, markers: true },
    ],
    yDomain: [0.5, 1],
    legend: 'bottom-right',
    marks: [
      { at: best, label: `peak ${formatNumber(best[1], 4)} at I:${best[0]}`, colour: palette.orange },
      { at: last, label: formatNumber(last[1], 4), colour: palette.orange, placement: 'below' },
    ],
  });
  return svgDocument(chart.width, chart.height, 'Train and test accuracy of the 784-40-10 network: the test accuracy peaks early and falls', chart.body);
}

function dropout(): string {
  const plain = recordedSeries(run, 'plain/test-accuracy');
  const withDropout = recordedSeries(run, 'dropout/test-accuracy');
  const chart = accuracyChart({
    curves: [
      { label: 'no dropout (784-40-10)', points: plain, colour: palette.orange, markers: true },
      { label: 'dropout (784-100-10)', points: withDropout, colour: palette.green, markers: true },
    ],
    legend: 'bottom-right',
  });
  return svgDocument(chart.width, chart.height, 'Test accuracy without and with dropout', chart.body);
}

function batch(): string {
  const perImage = recordedSeries(run, 'dropout/test-accuracy');
  const batched = recordedSeries(run, 'batch/test-accuracy');
  const chart = accuracyChart({
    curves: [
      { label: 'dropout, one image a step', points: perImage, colour: palette.green, markers: true },
      { label: 'dropout, batches of 100', points: batched, colour: palette.purple, markers: true },
    ],
    legend: 'bottom-right',
  });
  return svgDocument(chart.width, chart.height, 'Test accuracy with dropout: one image at a time and in mini-batches of 100', chart.body);
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-08/overfitting': overfitting,
  'chapter-08/dropout': dropout,
  'chapter-08/batch': batch,
};
