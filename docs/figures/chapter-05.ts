/** Figures of chapter 5, computed with the chapter's solutions. */
import { mnistForBook } from '../../kernels/datasets';
import { multiInputStep, multiOutputStep, mimoStep, errorSlice } from '../../solutions/chapter-05/gradient-descent';
import { trainMnistLayer, weightsToImage, unflatten } from '../../solutions/chapter-05/mnist';
import type { FigureGenerator } from './index';
import {
  arrow, box, colourLegend, formatNumber as f, grid, heatmap, lineChart, matrixTable, network, palette, place, svgDocument, text,
} from './svg';

const input = [8.5, 0.65, 1.2];
const goal = 1;
const alpha = 0.01;
const startWeights = [0.1, 0.2, -0.1];
const names = ['(a) toes', '(b) win/loss', '(c) fans'];

function multiInputNetwork(): string {
  const step = multiInputStep(startWeights, input, goal, alpha);
  const part = network({
    width: 620,
    height: 260,
    layers: [
      input.map((x, i) => ({ value: f(x), label: ['toes', 'win/loss', 'fans'][i] })),
      [{ value: f(step.pred), label: 'win?', notes: [`error ${f(step.error, 3)}`, `delta ${f(step.delta)}`] }],
    ],
    edges: input.map((_, i) => ({ from: [0, i] as const, to: [1, 0] as const, label: `w ${f(startWeights[i])} · Δw ${f(step.weightDeltas[i])}` })),
  });
  return svgDocument(part.width, part.height, 'Three inputs, one output: the first step of gradient descent', part.body);
}

function flowPanel(title: string, lines: readonly string[]): { width: number; height: number; body: string } {
  const parts = [text(150, 16, title, { anchor: 'middle', size: 14, weight: 'bold' })];
  const steps = ['predict', 'compare', 'learn'];
  steps.forEach((name, i) => {
    parts.push(box(20, 32 + i * 74, 260, 56, [name, lines[i]], { bold: true, size: 13 }));
    if (i < steps.length - 1) parts.push(arrow(150, 88 + i * 74, 150, 106 + i * 74));
  });
  return { width: 300, height: 32 + 3 * 74, body: parts.join('') };
}

function singleVsMultiInput(): string {
  const single = multiInputStep([0.1], [8.5], goal, alpha);
  const multi = multiInputStep(startWeights, input, goal, alpha);
  const left = flowPanel('one input', [
    `pred = 8.5 × 0.1 = ${f(single.pred)}`,
    `delta = ${f(single.delta)}`,
    `Δw = 8.5 × ${f(single.delta)} = ${f(single.weightDeltas[0], 4)}`,
  ]);
  const right = flowPanel('three inputs', [
    `pred = Σ x·w = ${f(multi.pred)}`,
    `delta = ${f(multi.delta)}`,
    `Δw = [${multi.weightDeltas.map((d) => f(d)).join(', ')}]`,
  ]);
  const both = grid([left, right], 2, 40);
  return svgDocument(both.width + 20, both.height + 10, 'Single-input and multi-input gradient descent', place(both, 10, 5));
}

/** Three iterations of the multi-input run, each weight's error curve with its dot and slope. */
function errorCurvesFigure(frozen: readonly boolean[], title: string): string {
  const cells: Array<{ width: number; height: number; body: string }> = [];
  let weights = startWeights.slice();
  for (let iteration = 1; iteration <= 3; iteration += 1) {
    const step = multiInputStep(weights, input, goal, 0.01, frozen);
    for (let k = 0; k < 3; k += 1) {
      const candidates = Array.from({ length: 81 }, (_, i) => -1 + i * 0.025);
      const curve = errorSlice(weights, input, goal, k, candidates);
      const current = weights[k];
      const currentError = step.error;
      // The slope of the error curve at the current weight: 2 * x_k * delta (the weight delta up to 2).
      const slope = 2 * input[k] * step.delta;
      const chart = lineChart({
        width: 250,
        height: 190,
        title: `${names[k]}, iteration ${iteration}`,
        xDomain: [-1, 1],
        yDomain: [0, 3],
        series: [{ points: curve.map((p) => [p.weight, p.error] as const), colour: palette.blue }],
        overlay: (x, y) =>
          `<line x1="${x(current - 0.3)}" y1="${y(currentError - 0.3 * slope)}" x2="${x(current + 0.3)}" y2="${y(currentError + 0.3 * slope)}" stroke="${palette.orange}" stroke-width="1.5" stroke-dasharray="5 3"/>` +
          `<circle cx="${x(current)}" cy="${y(currentError)}" r="5" fill="${palette.text}"/>`,
      });
      cells.push(chart);
    }
    weights = step.weights;
  }
  const all = grid(cells, 3, 10);
  return svgDocument(all.width + 20, all.height + 20, title, place(all, 10, 10));
}

function multiOutputNetwork(): string {
  const weights = [0.3, 0.2, 0.9];
  const step = multiOutputStep(weights, 0.65, [0.1, 1, 0.1], alpha);
  const outputs = ['hurt?', 'win?', 'sad?'];
  const part = network({
    width: 560,
    height: 260,
    layers: [[{ value: '0.65', label: 'win/loss' }], outputs.map((label, k) => ({ value: f(step.pred[k]), label, notes: [`error ${f(step.error[k])}`, `delta ${f(step.delta[k])}`] }))],
    edges: weights.map((w, k) => ({ from: [0, 0] as const, to: [1, k] as const, label: f(w) })),
  });
  return svgDocument(part.width, part.height, 'One input, three outputs', part.body);
}

function mimoNetwork(): string {
  const weights = [
    [0.1, 0.1, -0.3],
    [0.1, 0.2, 0.0],
    [0.0, 1.3, 0.1],
  ];
  const step = mimoStep(weights, input, [0.1, 1, 0.1], alpha);
  const net = network({
    width: 420,
    height: 250,
    layers: [
      ['toes', 'win/loss', 'fans'].map((label, i) => ({ value: f(input[i]), label })),
      ['hurt?', 'win?', 'sad?'].map((label, k) => ({ value: f(step.pred[k]), label })),
    ],
  });
  const table = matrixTable(step.weightDeltas, 'weight deltas = outer(delta, input)', 70);
  const body = place(net, 0, 0) + place(table, 440, 70);
  return svgDocument(440 + table.width + 20, 250, 'Three inputs and three outputs, with the weight deltas', body);
}

let mnistCache: ReturnType<typeof trainMnistLayer> | null = null;
let mnistData: ReturnType<typeof mnistForBook> | null = null;
function trainedMnist(): { layer: ReturnType<typeof trainMnistLayer>; data: ReturnType<typeof mnistForBook> } {
  if (mnistData === null) mnistData = mnistForBook({ trainCount: 1000, testCount: 0 });
  if (mnistCache === null) mnistCache = trainMnistLayer(mnistData.images, mnistData.labels, 0.003, 5);
  return { layer: mnistCache, data: mnistData };
}

function imageOf(data: ReturnType<typeof mnistForBook>, n: number): number[][] {
  return unflatten(Array.from(data.images.data.subarray(n * 784, (n + 1) * 784)), 28, 28);
}

function mnistNetwork(): string {
  const { data } = trainedMnist();
  const samples = [0, 1, 2, 3].map((n) => heatmap({ values: imageOf(data, n), cell: 3, scale: 'grey' }));
  const parts: string[] = [text(10, 18, 'sample digits', { size: 13, weight: 'bold' })];
  samples.forEach((sample, i) => parts.push(place(sample, 10 + i * 92, 28)));
  // The flattening: rows of the grid laid one after another.
  const image = imageOf(data, 0);
  parts.push(text(10, 148, '28 × 28 grid → 784-long row vector', { size: 13, weight: 'bold' }));
  parts.push(place(heatmap({ values: image, cell: 3, scale: 'grey' }), 10, 158));
  parts.push(arrow(100, 200, 140, 200));
  const rowCells = image.slice(8, 14).flat();
  parts.push(place(heatmap({ values: [rowCells], cell: 1.2, scale: 'grey' }), 146, 194));
  parts.push(text(146 + (rowCells.length * 1.2) / 2, 226, 'rows 9 to 14 of 28, end to end', { size: 11, anchor: 'middle', colour: palette.muted }));
  const net = network({
    width: 360,
    height: 300,
    radius: 11,
    layers: [
      [{ label: 'pixel 1' }, { label: 'pixel 2' }, { label: '…' }, { label: 'pixel 784' }],
      Array.from({ length: 10 }, (_, d) => ({ label: String(d) })),
    ],
    layerNames: ['784 inputs', '10 outputs'],
  });
  parts.push(place(net, 400, 0));
  return svgDocument(770, 300, 'MNIST: an image flattened into 784 inputs, fully connected to 10 outputs', parts.join('\n'));
}

function mnistWeights(): string {
  const { layer } = trainedMnist();
  const images = [1, 2].map((digit) => weightsToImage(layer.weights, digit));
  const limit = Math.max(...images.flat(2).map(Math.abs));
  const maps = images.map((values, i) => heatmap({ values, cell: 8, title: `weights into output ${i + 1}`, limit }));
  const both = grid(maps, 2, 40);
  const legend = colourLegend(both.width * 0.6, limit);
  const body = place(both, 20, 10) + place(legend, 20 + both.width * 0.2, both.height + 24);
  return svgDocument(both.width + 40, both.height + 64, 'The weights into outputs 1 and 2 as 28 x 28 heatmaps', body);
}

function dotProductSimilarity(): string {
  const { layer, data } = trainedMnist();
  const template = weightsToImage(layer.weights, 2);
  const labels = data.labels.data;
  const digitIndex = (digit: number): number => {
    for (let n = 0; n < 1000; n += 1) if (labels[n * 10 + digit] === 1) return n;
    throw new Error(`no ${digit} in the first 1000 images`);
  };
  const parts: string[] = [];
  const limit = Math.max(...template.flat().map(Math.abs));
  [2, 1].forEach((digit, row) => {
    const image = imageOf(data, digitIndex(digit));
    const score = image.flat().reduce((sum, pixel, j) => sum + pixel * template[Math.floor(j / 28)][j % 28], 0);
    const y = 20 + row * 150;
    parts.push(place(heatmap({ values: image, cell: 4, scale: 'grey', title: `an image of a ${digit}` }), 20, y));
    parts.push(text(158, y + 80, '·', { size: 36, anchor: 'middle' }));
    parts.push(place(heatmap({ values: template, cell: 4, title: 'weights for 2', limit }), 180, y));
    parts.push(text(318, y + 78, '=', { size: 26, anchor: 'middle' }));
    parts.push(text(345, y + 78, `score ${f(score, 2)}`, { size: 18, weight: 'bold', baseline: 'middle' }));
  });
  return svgDocument(480, 320, 'The dot product of an image with the weights for 2 is a similarity score', parts.join('\n'));
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-05/multi-input-network': multiInputNetwork,
  'chapter-05/single-vs-multi-input': singleVsMultiInput,
  'chapter-05/error-curves': () => errorCurvesFigure([false, false, false], 'Error curves of the three weights at iterations 1 to 3'),
  'chapter-05/frozen-weight': () => errorCurvesFigure([true, false, false], 'Error curves with weight (a) frozen, iterations 1 to 3'),
  'chapter-05/multi-output-network': multiOutputNetwork,
  'chapter-05/mimo-network': mimoNetwork,
  'chapter-05/mnist-network': mnistNetwork,
  'chapter-05/mnist-weights': mnistWeights,
  'chapter-05/dot-product-similarity': dotProductSimilarity,
};
