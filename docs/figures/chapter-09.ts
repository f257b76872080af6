/**
 * Figures of chapter 9. The activation curves and the sigmoid/softmax comparison are computed
 * with the chapter's solutions; the accuracy curves come from recorded runs of the program
 * (`npm run chapter -- 09 --solution [--faithful]`, extracts in docs/figures/data/), which trains
 * for minutes.
 */
import { NDArray } from '../../kernels';
import { sigmoid, sigmoidDerivFromOutput, softmax, tanh, tanhDerivFromOutput } from '../../solutions/chapter-09/activations';
import { accuracyChart } from './curves';
import type { FigureGenerator } from './index';
import { recordedSeries } from './recorded';
import { barChart, grid, line, palette, place, svgDocument } from './svg';

function activations(): string {
  const xs = Array.from({ length: 121 }, (_, i) => -6 + i * 0.1);
  const input = new NDArray(Float64Array.from(xs), [xs.length]);
  const sig = sigmoid(input);
  const th = tanh(input);
  const at0 = new NDArray(Float64Array.from([0]), [1]);
  const sigmoidSlope = sigmoidDerivFromOutput(sigmoid(at0)).data[0];
  const tanhSlope = tanhDerivFromOutput(tanh(at0)).data[0];
  const chart = accuracyChart({
    curves: [
      { label: 'sigmoid σ(x)', points: xs.map((x, i) => [x, sig.data[i]] as const), colour: palette.blue },
      { label: 'tanh(x)', points: xs.map((x, i) => [x, th.data[i]] as const), colour: palette.orange },
      { label: 'slope at 0 (0.25 and 1)', points: [], colour: palette.muted, dash: '5 4' },
    ],
    xDomain: [-6, 6],
    yDomain: [-1, 1],
    xLabel: 'x',
    yLabel: 'output',
    legend: 'top-left',
    // The tangent at 0 of each curve: both functions change fastest there.
    overlay: (x, y) =>
      line(x(-1.5), y(0.5 - 1.5 * sigmoidSlope), x(1.5), y(0.5 + 1.5 * sigmoidSlope), palette.muted, 1.5, '5 4') +
      line(x(-0.8), y(-0.8 * tanhSlope), x(0.8), y(0.8 * tanhSlope), palette.muted, 1.5, '5 4'),
  });
  return svgDocument(chart.width, chart.height, 'Sigmoid and tanh from -6 to 6', chart.body);
}

function sigmoidVsSoftmax(): string {
  const logits = Array.from({ length: 10 }, (_, digit) => (digit === 9 ? 100 : 0));
  const target = logits.map((value) => (value === 100 ? 1 : 0));
  const row = new NDArray(Float64Array.from(logits), [1, 10]);
  const sig = Array.from(sigmoid(row).data);
  const soft = Array.from(softmax(row).data);
  const sigmoidError = sig.map((value, digit) => (value - target[digit]) ** 2);
  const panel = (title: string, values: readonly number[], colour: string): { width: number; height: number; body: string } =>
    barChart({
      title,
      width: 560,
      height: 170,
      bars: values.map((value, digit) => ({ label: String(digit), value: Number(value.toFixed(4)), colour })),
    });
  const panels = grid(
    [
      panel('the logits: 0 for digits 0-8, 100 for digit 9', logits, palette.muted),
      panel('sigmoid: 0.5 on every wrong digit', sig, palette.blue),
      panel('softmax: 0 on every wrong digit, 1 on the 9', soft, palette.green),
      panel("sigmoid's squared error: 0.25 on each wrong digit", sigmoidError, palette.red),
    ],
    1,
    12,
  );
  return svgDocument(panels.width + 20, panels.height + 20, 'A perfect prediction through sigmoid and softmax', place(panels, 10, 10));
}

function accuracy(): string {
  const curves = (['chapter-09-faithful', 'chapter-09'] as const).flatMap((run) => {
    const book = run === 'chapter-09-faithful';
    const colour = book ? palette.orange : palette.blue;
    const who = book ? "book's code" : 'corrected';
    return [
      { label: `train, ${who}`, points: recordedSeries(run, 'train-accuracy'), colour, dash: '6 4' },
      { label: `test, ${who}`, points: recordedSeries(run, 'test-accuracy'), colour, markers: true },
    ];
  });
  const chart = accuracyChart({ curves, legend: 'bottom-right' });
  return svgDocument(chart.width, chart.height, 'Train and test accuracy of the tanh + softmax network, book and corrected', chart.body);
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-09/activations': activations,
  'chapter-09/sigmoid-vs-softmax': sigmoidVsSoftmax,
  'chapter-09/accuracy': accuracy,
};
