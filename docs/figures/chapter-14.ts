/**
 * Figures of chapter 14, computed with the chapter's solutions.
 */
import { array, sigmoid } from '../../kernels';
import { explodingDemo } from '../../solutions/chapter-14/gradients';
import type { FigureGenerator } from './index';
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

export const figures: Record<string, FigureGenerator> = {
  'chapter-14/gradient-toy': gradientToy,
};
