/**
 * Figures of chapter 14. The gradient toy is computed with the chapter's solution; the
 * perplexity, gradient-norm and gradient-through-time curves come from a recorded run of the
 * program on the book's shakespear.txt (`npm run chapter -- 14 --solution --iterations 8`,
 * extract in docs/figures/data/), which trains for about 8 minutes: too long for the site build.
 */
import { array, sigmoid } from '../../kernels';
import { explodingDemo } from '../../solutions/chapter-14/gradients';
import type { FigureGenerator } from './index';
import { recordedSeries } from './recorded';
import { lineChart, palette, place, svgDocument } from './svg';

function chart(title: string, body: ReturnType<typeof lineChart>): string {
  return svgDocument(body.width + 20, body.height + 20, title, place(body, 10, 10));
}

function gradientToy(): string {
  const weights = array([[1, 4], [4, 1]]);
  const sigmoidRun = explodingDemo(weights, sigmoid(array([1, 0.01])), 10, 'sigmoid');
  const reluRun = explodingDemo(weights, sigmoidRun.activations[0], 10, 'relu');
  const points = (run: typeof sigmoidRun) => run.gradients.map((g, k) => [k + 1, Math.abs(g.data[0])] as const);
  return chart(
    'Gradient size against steps backpropagated in the book toy, sigmoid and relu',
    lineChart({
      width: 640,
      height: 340,
      xLabel: 'steps backpropagated',
      yLabel: 'gradient (log scale)',
      logY: true,
      series: [
        { label: 'relu: x5 per step', points: points(reluRun), colour: palette.red, markers: true },
        { label: 'sigmoid: about x0.034 per step', points: points(sigmoidRun), colour: palette.blue, markers: true },
      ],
    }),
  );
}

function perplexity(): string {
  return chart(
    'Running perplexity over the first pass, RNN and LSTM',
    lineChart({
      width: 640,
      height: 340,
      xLabel: 'windows trained in the first pass',
      yLabel: 'running perplexity (log scale)',
      logY: true,
      series: [
        { label: 'RNN (batch 32, bptt 16)', points: recordedSeries('chapter-14', 'rnn-running-perplexity'), colour: palette.orange },
        { label: 'LSTM (batch 16, bptt 25)', points: recordedSeries('chapter-14', 'lstm-running-perplexity'), colour: palette.blue },
      ],
    }),
  );
}

function gradientNorm(): string {
  return chart(
    'Global gradient norm per window over the first pass, RNN and LSTM',
    lineChart({
      width: 640,
      height: 340,
      xLabel: 'window',
      yLabel: 'gradient norm (log scale)',
      logY: true,
      series: [
        { label: 'RNN', points: recordedSeries('chapter-14', 'rnn-gradient-norm'), colour: palette.orange },
        { label: 'LSTM', points: recordedSeries('chapter-14', 'lstm-gradient-norm'), colour: palette.blue },
      ],
    }),
  );
}

/**
 * The book's LSTM log, as far as the scan is legible: 62.00 at its first window, 10.7 at window
 * 140 of its eighth pass (Iter 7). Passes are counted in windows / 249.
 */
const BOOK_LSTM: ReadonlyArray<readonly [number, number]> = [
  [0, 62.0],
  [7 + 140 / 249, 10.7],
];

/** [passes completed, perplexity]: the first window's value at 0, then the end of every pass. */
function byPass(part: 'rnn' | 'lstm'): Array<readonly [number, number]> {
  const start = recordedSeries('chapter-14', `${part}-running-perplexity`)[0];
  const passes = recordedSeries('chapter-14', `${part}-perplexity`).map(([k, p]) => [k + 1, p] as const);
  return [[0, start[1]], ...passes];
}

function perplexityByPass(): string {
  return chart(
    'Perplexity at the end of every pass, RNN and LSTM, with the book LSTM log',
    lineChart({
      width: 640,
      height: 340,
      xLabel: 'passes over the text',
      yLabel: 'perplexity of the pass (log scale)',
      logY: true,
      series: [
        { label: 'RNN (batch 32, bptt 16)', points: byPass('rnn'), colour: palette.orange, markers: true },
        { label: 'LSTM (batch 16, bptt 25)', points: byPass('lstm'), colour: palette.blue, markers: true },
        { label: 'the book LSTM (its log)', points: BOOK_LSTM, colour: palette.red, markers: true, line: false },
      ],
    }),
  );
}

function gradientThroughTime(): string {
  const points = (part: 'rnn' | 'lstm') => recordedSeries('chapter-14', `${part}-gradient-through-time`);
  return chart(
    'Size of the gradient k steps back through a window, trained RNN and LSTM',
    lineChart({
      width: 640,
      height: 340,
      xLabel: 'steps back from the last step of the window',
      yLabel: 'norm of dL/dx over the batch (log scale)',
      logY: true,
      series: [
        { label: 'RNN', points: points('rnn'), colour: palette.orange, markers: true },
        { label: 'LSTM', points: points('lstm'), colour: palette.blue, markers: true },
      ],
    }),
  );
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-14/gradient-toy': gradientToy,
  'chapter-14/perplexity': perplexity,
  'chapter-14/gradient-norm': gradientNorm,
  'chapter-14/perplexity-by-pass': perplexityByPass,
  'chapter-14/gradient-through-time': gradientThroughTime,
};
