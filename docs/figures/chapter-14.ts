/**
 * Figures of chapter 14. The gradient toy is computed with the chapter's solution; the
 * perplexity and gradient-norm curves come from a recorded run of the program on the book's
 * shakespear.txt (`npm run chapter -- 14 --solution`, extract in docs/figures/data/), which
 * trains for many minutes.
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

export const figures: Record<string, FigureGenerator> = {
  'chapter-14/gradient-toy': gradientToy,
  'chapter-14/perplexity': perplexity,
  'chapter-14/gradient-norm': gradientNorm,
};
