/**
 * Figures of chapter 6 (the first deep network). The streetlight pictures, the pressure tables,
 * the trained weights, the forward and backward passes and both error curves are computed with
 * the chapter's solutions and the seeded `RandomState(1)` the book uses; the error curves are the
 * series the chapter program records.
 */
import { NDArray, RandomState, array, mul, sliceRows, sub } from '../../kernels';
import { consoleContext } from '../../kernels/program';
import { backward, collapseLinear, forward, relu, streetlightsV2 } from '../../solutions/chapter-06/deep-network';
import { run as runChapterProgram } from '../../solutions/chapter-06/program';
import { START_WEIGHTS, stochasticEpoch, streetlightData, weightPressure } from '../../solutions/chapter-06/streetlights';
import { describedDocument, streetlightIcon, streetlightWidth } from './chapter-02';
import type { FigureGenerator } from './index';
import {
  arrow, formatNumber as f, grid, line, lineChart, matrixTable, network, palette, place, rect, text, type NetworkEdge, type NetworkNode,
} from './svg';

const lampNames = ['left', 'middle', 'right'];

/** The series the chapter program records, from one silent run of it. */
let recorded: Record<string, Array<[number, number]>> | undefined;
function programSeries(name: string): Array<[number, number]> {
  if (recorded === undefined) {
    const context = { ...consoleContext(), log: (): void => undefined };
    runChapterProgram(context);
    recorded = context.metrics;
  }
  const series = recorded[name];
  if (series === undefined) throw new Error(`the chapter 6 program records no series "${name}"`);
  return series;
}

function rows(matrix: NDArray): number[][] {
  const [n, k] = matrix.shape;
  return Array.from({ length: n }, (_, i) => Array.from(matrix.data.subarray(i * k, (i + 1) * k)));
}

/** The seeded weights of the book's deep network: `weights01` drawn first, then `weights12`. */
function seededWeights(hidden: number): { weights01: NDArray; weights12: NDArray } {
  const random = new RandomState(1);
  const weights01 = sub(mul(2, random.random([3, hidden])), 1);
  const weights12 = sub(mul(2, random.random([hidden, 1])), 1);
  return { weights01, weights12 };
}

const walkColour = palette.green;
const stopColour = palette.red;

function streetlightSequence(): string {
  const { lights, walkVsStop } = streetlightData();
  const patterns = rows(lights);
  const parts: string[] = [];
  const width = streetlightWidth(3, 14);
  patterns.forEach((pattern, n) => {
    const x = 20 + n * (width + 26);
    parts.push(text(x + width / 2, 20, `${n + 1}`, { anchor: 'middle', size: 12, colour: palette.muted }));
    parts.push(streetlightIcon(x, 30, pattern, 14));
    const walk = walkVsStop.data[n] === 1;
    parts.push(text(x + width / 2, 84, walk ? 'WALK' : 'STOP', { anchor: 'middle', size: 14, weight: 'bold', colour: walk ? walkColour : stopColour }));
  });
  const describe = patterns
    .map((p, n) => `${p.map((v, i) => (v ? lampNames[i] : '')).filter(Boolean).join(' and ')} on: ${walkVsStop.data[n] === 1 ? 'walk' : 'stop'}`)
    .join('; ');
  return describedDocument(20 + 6 * (width + 26) - 6, 100, 'Six observations of the three-lamp light', `Six pictures of a three-lamp pedestrian light: ${describe}.`, parts.join('\n'));
}

/** A grid of small numbers with a bold caption, starting at (x, y). */
function numberGrid(x: number, y: number, caption: string, values: readonly (readonly number[])[], cell = 30, rowH = 36, colour?: (v: number) => string): string {
  const parts = [text(x + (values[0].length * cell) / 2, y, caption, { anchor: 'middle', size: 13, weight: 'bold' })];
  values.forEach((row, r) => {
    row.forEach((value, c) => {
      parts.push(rect(x + c * cell, y + 10 + r * rowH + 4, cell, rowH - 8, r % 2 === 0 ? '#f6f8fa' : '#ffffff', palette.grid));
      parts.push(text(x + c * cell + cell / 2, y + 10 + r * rowH + rowH / 2, f(value), { anchor: 'middle', baseline: 'middle', size: 13, colour: colour?.(value) }));
    });
  });
  return parts.join('');
}

function lightsToMatrix(): string {
  const { lights, walkVsStop } = streetlightData();
  const patterns = rows(lights);
  const lamp = 11;
  const iconW = streetlightWidth(3, lamp);
  const rowH = 36;
  const top = 34;
  const parts: string[] = [];
  patterns.forEach((pattern, n) => {
    const y = top + n * rowH + 5;
    parts.push(streetlightIcon(20, y, pattern, lamp));
    parts.push(arrow(20 + iconW + 8, y + 13, 20 + iconW + 44, y + 13, palette.axis));
    const walk = walkVsStop.data[n] === 1;
    parts.push(text(340, y + 13, walk ? 'WALK' : 'STOP', { anchor: 'end', size: 13, weight: 'bold', baseline: 'middle', colour: walk ? walkColour : stopColour }));
    parts.push(arrow(348, y + 13, 384, y + 13, palette.axis));
  });
  parts.push(numberGrid(iconW + 76, top - 10, 'streetlights', patterns, 30, rowH));
  parts.push(numberGrid(392, top - 10, 'walk_vs_stop', Array.from(walkVsStop.data, (v) => [v]), 40, rowH));
  return describedDocument(
    460,
    top + 6 * rowH + 10,
    'Light patterns and labels as numbers',
    `The six light pictures next to the 6 by 3 matrix of 0s and 1s, and the six WALK/STOP labels next to the column ${Array.from(walkVsStop.data).join(' ')}.`,
    parts.join('\n'),
  );
}

/** The book's brightness matrix A (its last row is the book's, right lamp 0). */
const brightnessA = [
  [0.9, 0.0, 1],
  [0.2, 0.8, 1],
  [0.1, 0.0, 1],
  [0.8, 0.9, 1],
  [0.1, 0.7, 1],
  [0.9, 0.1, 0.0],
];

function brightnessMatrices(): string {
  const a = array(brightnessA);
  const matrices = [
    { name: 'A', values: rows(a) },
    { name: 'B = 10 A', values: rows(mul(10, a)) },
    { name: 'C = 20 A', values: rows(mul(20, a)) },
  ];
  // matrixTable puts its rows 22 high under a 24-high caption: one icon per row, aligned with it.
  const lamp = 7;
  const rowH = 22;
  const parts: string[] = [];
  brightnessA.forEach((pattern, n) => parts.push(streetlightIcon(40, 4 + 24 + n * rowH, pattern, lamp)));
  matrices.forEach((matrix, m) => {
    const table = matrixTable(
      matrix.values.map((row) => row.map((v) => Number(v.toPrecision(6)))),
      matrix.name,
      44,
    );
    parts.push(place(table, 120 + m * 156, 4));
  });
  return describedDocument(
    580,
    4 + 24 + 6 * rowH + 10,
    'Three matrices that express the same light pattern',
    `The six light icons, drawn with the brightness of matrix A, beside three 6 by 3 matrices: A with rows ${brightnessA.map((r) => r.join(' ')).join(', ')}; B is A times 10 and C is A times 20.`,
    parts.join('\n'),
  );
}

function whatWeKnow(): string {
  const { lights, walkVsStop } = streetlightData();
  const parts = [
    text(70, 20, 'what we know', { anchor: 'middle', size: 14, weight: 'bold', colour: palette.blue }),
    text(305, 20, 'what we want to know', { anchor: 'middle', size: 14, weight: 'bold', colour: palette.orange }),
    numberGrid(25, 48, 'streetlights', rows(lights), 30, 30),
    arrow(135, 140, 270, 140, palette.muted, 2),
    numberGrid(285, 48, 'walk_vs_stop', Array.from(walkVsStop.data, (v) => [v]), 40, 30),
  ];
  return describedDocument(
    410,
    250,
    'What we know and what we want to know',
    `The 6 by 3 streetlight matrix with an arrow to the walk_vs_stop column ${Array.from(walkVsStop.data).join(' ')}.`,
    parts.join('\n'),
  );
}

function errorChart(series: string, title: string, description: string): string {
  const points = programSeries(series);
  const chart = lineChart({
    width: 560,
    height: 320,
    logY: true,
    xLabel: 'pass over the data',
    yLabel: 'summed squared error',
    xDomain: [1, points.length],
    series: [{ points, markers: points.length <= 40 }],
  });
  return describedDocument(chart.width, chart.height, title, description, chart.body);
}

function sgdError(): string {
  const points = programSeries('streetlights-sgd-error');
  const first = points[0][1];
  const last = points[points.length - 1][1];
  return errorChart(
    'streetlights-sgd-error',
    'Summed error per pass of stochastic gradient descent on the streetlights',
    `A curve of error per pass over ${points.length} passes on a logarithmic axis, falling from ${f(first)} to ${f(last)} (alpha = 0.1).`,
  );
}

function deepNetworkError(): string {
  const points = programSeries('deep-network-error');
  return errorChart(
    'deep-network-error',
    'Summed error per pass of the first deep network',
    `A curve of error per pass over ${points.length} passes on a logarithmic axis, falling from ${f(points[0][1])} to ${f(points[points.length - 1][1])} (seed 1, four hidden nodes, alpha = 0.2).`,
  );
}

function trainedWeights(): string {
  const { lights, walkVsStop } = streetlightData();
  let weights = array([...START_WEIGHTS]);
  for (let pass = 0; pass < 40; pass++) weights = stochasticEpoch(weights, lights, walkVsStop, 0.1).weights;
  const trained = Array.from(weights.data);
  const part = network({
    width: 460,
    height: 220,
    layers: [lampNames.map((label) => ({ label })), [{ label: 'walk/stop' }]],
    edges: trained.map((w, i) => ({ from: [0, i] as const, to: [1, 0] as const, label: w.toFixed(2), colour: Math.abs(w) > 0.5 ? palette.orange : palette.axis })),
    layerNames: ['inputs', 'output'],
  });
  return describedDocument(
    part.width,
    part.height,
    'The streetlight weights after 40 passes',
    `The single-layer streetlight network after 40 passes of stochastic gradient descent: edges labelled ${trained.map((w) => w.toFixed(2)).join(', ')} from the left, middle and right lamps into walk/stop.`,
    part.body,
  );
}

function signOf(p: number): string {
  return p > 0 ? '+' : p < 0 ? '−' : '0';
}

/** One pressure table: pattern, goal, and a coloured sign per weight, with the up/down counts. */
function pressureTable(title: string, lights: NDArray, walkVsStop: NDArray): { width: number; height: number; body: string } {
  const table = weightPressure(lights, walkVsStop);
  const patterns = rows(lights);
  const rowH = 24;
  const parts = [text(0, 14, title, { size: 13, weight: 'bold' })];
  const headers = ['inputs', 'goal', ...lampNames];
  const colX = [0, 70, 120, 170, 220];
  headers.forEach((h, i) => parts.push(text(colX[i] + 22, 40, h, { anchor: 'middle', size: 12, colour: palette.muted })));
  table.forEach((row, n) => {
    const y = 50 + n * rowH;
    parts.push(rect(0, y, 264, rowH, n % 2 === 0 ? '#f6f8fa' : '#ffffff'));
    parts.push(text(colX[0] + 22, y + rowH / 2, patterns[n].join(' '), { anchor: 'middle', baseline: 'middle', size: 13 }));
    parts.push(text(colX[1] + 22, y + rowH / 2, String(walkVsStop.data[n]), { anchor: 'middle', baseline: 'middle', size: 13 }));
    row.forEach((p, j) => {
      const colour = p > 0 ? palette.green : p < 0 ? palette.red : palette.axis;
      parts.push(text(colX[2 + j] + 22, y + rowH / 2, signOf(p), { anchor: 'middle', baseline: 'middle', size: 16, weight: 'bold', colour }));
    });
  });
  const y = 50 + table.length * rowH + 6;
  parts.push(line(0, y, 264, y, palette.axis));
  parts.push(text(colX[1] + 40, y + 16, 'up / down', { anchor: 'end', size: 11, colour: palette.muted, baseline: 'middle' }));
  lampNames.forEach((_, j) => {
    const up = table.filter((row) => row[j] > 0).length;
    const down = table.filter((row) => row[j] < 0).length;
    parts.push(text(colX[2 + j] + 22, y + 16, `${up} / ${down}`, { anchor: 'middle', size: 12, baseline: 'middle' }));
  });
  return { width: 264, height: y + 28, body: parts.join('') };
}

function pressureTables(): string {
  const data = streetlightData();
  const v2 = streetlightsV2();
  const walkV2 = new NDArray(v2.walkVsStop.data, [v2.walkVsStop.size]);
  const both = grid([pressureTable('the six streetlights', data.lights, data.walkVsStop), pressureTable('no correlation (streetlights v2)', v2.lights, walkV2)], 2, 50);
  return describedDocument(
    both.width + 40,
    both.height + 20,
    'Up and down pressure on each weight',
    'Two tables of plus, minus and zero signs, one row per example: for the six streetlights the middle column is all plus or zero; for the four patterns 101 to walk, 011 to walk, 001 to stop and 111 to stop every column has as many plus as minus signs. Under each column, the count of pushes up and down.',
    place(both, 20, 10),
  );
}

const hiddenNames = ['h1', 'h2', 'h3', 'h4'];

/** Labels the two weight matrices above a 3-4-1 network drawn by `network` at the given width. */
function matrixLabels(width: number, y: number): string {
  const colX = (l: number): number => 110 + (l * (width - 220)) / 2;
  return (
    text((colX(0) + colX(1)) / 2, y, 'weights_0_1', { anchor: 'middle', size: 13, weight: 'bold', colour: palette.blue }) +
    text((colX(1) + colX(2)) / 2, y, 'weights_1_2', { anchor: 'middle', size: 13, weight: 'bold', colour: palette.blue })
  );
}

function stackedNetworks(): string {
  const part = network({
    width: 560,
    height: 280,
    title: ' ',
    layers: [lampNames.map((label) => ({ label })), hiddenNames.map(() => ({})), [{ label: 'walk/stop' }]],
    layerNames: ['layer_0 (3)', 'layer_1 (4)', 'layer_2 (1)'],
  });
  return describedDocument(
    part.width,
    part.height,
    'Two networks stacked: 3 inputs, 4 hidden nodes, 1 output',
    'A network diagram with layer_0 of three nodes, layer_1 of four nodes and layer_2 of one node; the connections from layer_0 to layer_1 are labelled weights_0_1 and those from layer_1 to layer_2 weights_1_2.',
    part.body + matrixLabels(560, 20),
  );
}

function backpropAttribution(): string {
  const { weights01, weights12 } = seededWeights(4);
  const v2 = streetlightsV2();
  const layer0 = sliceRows(v2.lights, 0, 1);
  const goal = v2.walkVsStop.data[0];
  const pass = forward(layer0, weights01, weights12);
  const outputDelta = pass.layer2.data[0] - goal;
  const w = Array.from(weights12.data);
  const edges: NetworkEdge[] = [
    ...[0, 1, 2].flatMap((i) => hiddenNames.map((_, j) => ({ from: [0, i] as const, to: [1, j] as const, colour: palette.grid }))),
    ...w.map((weight, j) => ({ from: [2, 0] as const, to: [1, j] as const, label: `× ${f(weight, 2)}`, colour: palette.orange })),
  ];
  const part = network({
    width: 680,
    height: 320,
    title: ' ',
    edges,
    layers: [
      lampNames.map((label) => ({ label })),
      w.map((weight) => ({ value: f(outputDelta * weight, 2) })),
      [{ value: f(outputDelta, 2), label: 'output delta', notes: [`${f(pass.layer2.data[0])} − ${goal}`] }],
    ],
    layerNames: ['layer_0', 'layer_1 deltas', 'layer_2 delta'],
  });
  const note = text(340, 18, 'each hidden delta = output delta × its weight in weights_1_2', { anchor: 'middle', size: 13, weight: 'bold' });
  return describedDocument(
    part.width,
    part.height,
    'Backpropagation sends the output delta back through the weights',
    `The stacked network of the first pattern with the seed-1 weights. The output delta ${f(outputDelta)} flows back along each weight of weights_1_2 (${w.map((x) => f(x, 2)).join(', ')}) to the four hidden nodes, each showing the output delta times that weight (before relu's slope, which the chapter adds later).`,
    part.body + note,
  );
}

function linearCollapse(): string {
  const weights01 = array([[0.25]]);
  const weights12 = array([[0.9]]);
  const inputs = array([[1], [-1]]);
  const identity = (x: NDArray): NDArray => x;
  const deep = forward(inputs, weights01, weights12, identity);
  const single = collapseLinear(weights01, weights12);
  const shallow = forward(inputs, single, array([[1]]), identity).layer2;
  const value = (x: number): string => x.toFixed(x === Math.round(x) ? 1 : 3).replace(/0+$/, '').replace(/\.$/, '.0');
  const inputNodes: NetworkNode[] = [{ value: value(1) }, { value: value(-1) }];
  const chain = (i: number, weight: number, l: number): NetworkEdge => ({ from: [l, i] as const, to: [l + 1, i] as const, label: f(weight) });
  const upper = network({
    width: 520,
    height: 150,
    radius: 24,
    title: 'three layers: 0.25 then 0.9',
    layers: [inputNodes, Array.from(deep.layer1.data, (x) => ({ value: value(x) })), Array.from(deep.layer2.data, (x) => ({ value: value(x) }))],
    edges: [0, 1].flatMap((i) => [chain(i, weights01.data[0], 0), chain(i, weights12.data[0], 1)]),
  });
  const lower = network({
    width: 520,
    height: 150,
    radius: 24,
    title: `two layers: ${f(single.data[0])}`,
    layers: [inputNodes, Array.from(shallow.data, (x) => ({ value: value(x) }))],
    edges: [0, 1].map((i) => chain(i, single.data[0], 0)),
  });
  const both = grid([upper, lower], 1, 20);
  return describedDocument(
    both.width,
    both.height,
    'A linear three-layer network and its two-layer equivalent',
    `Two small networks. The upper passes 1.0 through weights 0.25 and 0.9 to ${value(deep.layer2.data[0])} and -1.0 to ${value(deep.layer2.data[1])}; the lower passes the same inputs through one weight ${f(single.data[0])} to the same outputs.`,
    both.body,
  );
}

function sometimesCorrelation(): string {
  const xs = Array.from({ length: 41 }, (_, i) => -1 + i / 20);
  const reluValues = relu(array(xs)).data;
  const panels = [
    { title: '100%: weight 1.0', points: xs.map((x) => [x, x] as [number, number]) },
    { title: '50%: weight 0.5', points: xs.map((x) => [x, 0.5 * x] as [number, number]) },
    { title: 'sometimes: relu', points: xs.map((x, i) => [x, reluValues[i]] as [number, number]) },
  ].map(({ title, points }) =>
    lineChart({ width: 240, height: 220, title, xLabel: 'input', yLabel: 'hidden node', xDomain: [-1, 1], yDomain: [-1, 1], series: [{ points }] }),
  );
  const all = grid(panels, 3, 10);
  return describedDocument(
    all.width,
    all.height,
    'Full, half and conditional correlation of a hidden node with an input',
    "Three small plots of a hidden node's value against an input from -1 to 1: a line of slope 1 (100% correlation), a line of slope 0.5 (50%), and relu, flat at 0 for negative inputs and slope 1 for positive ones.",
    all.body,
  );
}

function forwardPass(): string {
  const { weights01, weights12 } = seededWeights(4);
  const v2 = streetlightsV2();
  const layer0 = sliceRows(v2.lights, 0, 1);
  const pass = forward(layer0, weights01, weights12);
  const before = forward(layer0, weights01, weights12, (x) => x).layer1;
  const part = network({
    width: 600,
    height: 290,
    title: ' ',
    layers: [
      Array.from(layer0.data, (x, i) => ({ value: String(x), label: lampNames[i] })),
      Array.from(pass.layer1.data, (x) => ({ value: f(x) })),
      [{ value: f(pass.layer2.data[0]), label: 'prediction' }],
    ],
    layerNames: ['layer_0', 'layer_1 (after relu)', 'layer_2'],
  });
  const note =
    text(300, 18, 'layer_1 = relu(layer_0 · weights_0_1),   layer_2 = layer_1 · weights_1_2', { anchor: 'middle', size: 13, weight: 'bold' }) +
    text(300, part.height + 14, `layer_0 · weights_0_1 before relu: [${Array.from(before.data, (x) => f(x)).join(', ')}]`, { anchor: 'middle', size: 12, colour: palette.muted });
  return describedDocument(
    part.width,
    part.height + 26,
    'The forward pass of the first deep network: multiply, relu, multiply',
    `The stacked network with the first pattern ${Array.from(layer0.data).join(' ')} at layer_0, hidden values ${Array.from(pass.layer1.data, (x) => f(x)).join(', ')} after relu, and output ${f(pass.layer2.data[0])} (seed 1).`,
    part.body + note,
  );
}

function oneBackpropIteration(): string {
  const { weights01, weights12 } = seededWeights(3);
  const v2 = streetlightsV2();
  const layer0 = sliceRows(v2.lights, 0, 1);
  const goal = sliceRows(v2.walkVsStop, 0, 1);
  const pass = forward(layer0, weights01, weights12);
  const deltas = backward(layer0, pass.layer1, pass.layer2, goal, weights12);
  const prediction = pass.layer2.data[0];
  const error = (prediction - goal.data[0]) ** 2;
  const inputs = Array.from(layer0.data, (x, i) => ({ value: String(x), label: lampNames[i] }));
  const hidden = [0, 1, 2];
  const fullEdges = (colour: string): NetworkEdge[] => [
    ...[0, 1, 2].flatMap((i) => hidden.map((j) => ({ from: [0, i] as const, to: [1, j] as const, colour }))),
    ...hidden.map((j) => ({ from: [1, j] as const, to: [2, 0] as const, colour })),
  ];
  const size = { width: 420, height: 230 };
  const panels = [
    network({ ...size, title: '1. initialise (seed 1)', layers: [inputs, hidden.map(() => ({})), [{ label: `goal ${goal.data[0]}` }]], edges: fullEdges(palette.axis) }),
    network({
      ...size,
      title: '2. predict and compare',
      layers: [inputs, Array.from(pass.layer1.data, (x) => ({ value: f(x, 2) })), [{ value: f(prediction, 2), label: `goal ${goal.data[0]}`, notes: [`error ${f(error)}`] }]],
      edges: fullEdges(palette.axis),
    }),
    network({
      ...size,
      title: '3. backpropagate',
      layers: [inputs, Array.from(deltas.layer1Delta.data, (x) => ({ value: f(x, 2) })), [{ value: f(deltas.layer2Delta.data[0], 3), label: 'delta' }]],
      edges: [
        ...[0, 1, 2].flatMap((i) => hidden.map((j) => ({ from: [0, i] as const, to: [1, j] as const, colour: palette.grid }))),
        ...hidden.map((j) =>
          deltas.layer1Delta.data[j] !== 0 ? { from: [2, 0] as const, to: [1, j] as const, colour: palette.orange } : { from: [1, j] as const, to: [2, 0] as const, colour: palette.grid },
        ),
      ],
    }),
    network({
      ...size,
      title: '4. weight deltas',
      layers: [inputs, hidden.map(() => ({})), [{}]],
      edges: [
        ...[0, 1, 2].flatMap((i) =>
          hidden.map((j) => {
            const d = deltas.weightDelta01.data[i * 3 + j];
            return d !== 0 ? { from: [0, i] as const, to: [1, j] as const, label: f(d, 2), colour: palette.orange } : { from: [0, i] as const, to: [1, j] as const, colour: palette.grid };
          }),
        ),
        ...hidden.map((j) => {
          const d = deltas.weightDelta12.data[j];
          return d !== 0 ? { from: [1, j] as const, to: [2, 0] as const, label: f(d, 2), colour: palette.orange } : { from: [1, j] as const, to: [2, 0] as const, colour: palette.grid };
        }),
      ],
    }),
  ];
  const all = grid(panels, 2, 16);
  return describedDocument(
    all.width + 20,
    all.height + 20,
    'One iteration of backpropagation in four panels',
    `Four copies of a 3-3-1 network (seed 1) on the pattern 1 0 1 with goal 1. Predict and compare: hidden values ${Array.from(pass.layer1.data, (x) => f(x)).join(', ')}, prediction ${f(prediction)}, error ${f(error)}. Backpropagate: the delta ${f(deltas.layer2Delta.data[0])} flows back only to the live middle hidden node (layer_1 delta ${Array.from(deltas.layer1Delta.data, (x) => f(x)).join(', ')}). Weight deltas: nonzero only on the edges into and out of that node.`,
    place(all, 10, 10),
  );
}

/** A small drawn cat, one character per pixel: # outline, e eye, n nose. */
const catPixels = [
  '.#..........#...',
  '.##........##...',
  '.#.#......#.#...',
  '.#..######..#...',
  '#............#..',
  '#..ee....ee..#..',
  '#..ee....ee..#..',
  '#......nn....#..',
  '#.....#..#...#..',
  '.#..........#...',
  '..##......##....',
  '...#......#.....',
  '..#........#....',
  '.#..........#..#',
  '.#..........#.#.',
  '..##########.#..',
];

function catImage(x: number, y: number, cell: number, highlight: ReadonlyArray<readonly [number, number]>): string {
  const parts = [rect(x, y, 16 * cell, 16 * cell, '#fbf7ef', palette.axis)];
  catPixels.forEach((row, r) => {
    [...row].forEach((c, k) => {
      if (c === '.') return;
      const fill = c === 'e' ? '#1a7f37' : c === 'n' ? '#d1580b' : '#57606a';
      parts.push(rect(x + k * cell, y + r * cell, cell, cell, fill));
    });
  });
  for (const [r, k] of highlight) parts.push(rect(x + k * cell, y + r * cell, cell, cell, 'none', palette.red) + rect(x + k * cell - 1, y + r * cell - 1, cell + 2, cell + 2, 'none', palette.red));
  return parts.join('');
}

function catFeatures(): string {
  const cell = 10;
  const parts = [
    text(90, 18, 'single pixels', { anchor: 'middle', size: 13, weight: 'bold' }),
    catImage(10, 30, cell, [[1, 2], [6, 4], [12, 2], [15, 8]]),
    text(90, 210, 'alone, a pixel means nothing', { anchor: 'middle', size: 11, colour: palette.muted }),
    text(300, 18, 'combinations of pixels', { anchor: 'middle', size: 13, weight: 'bold' }),
    catImage(220, 30, cell, []),
  ];
  const regions = [
    { name: 'ear', x: 0, y: 0, w: 4, h: 4, colour: palette.purple },
    { name: 'eye', x: 2, y: 4, w: 10, h: 4, colour: palette.green },
    { name: 'fur', x: 1, y: 11, w: 12, h: 5, colour: palette.orange },
  ];
  regions.forEach((region, i) => {
    const rx = 220 + region.x * cell;
    const ry = 30 + region.y * cell;
    parts.push(`<rect x="${rx}" y="${ry}" width="${region.w * cell}" height="${region.h * cell}" fill="none" stroke="${region.colour}" stroke-width="2.5" stroke-dasharray="5 3"/>`);
    const ny = 60 + i * 55;
    parts.push(`<circle cx="450" cy="${ny}" r="18" fill="#ffffff" stroke="${region.colour}" stroke-width="2"/>`);
    parts.push(text(450, ny, region.name, { anchor: 'middle', baseline: 'middle', size: 11 }));
    parts.push(arrow(rx + region.w * cell, ry + (region.h * cell) / 2, 430, ny, region.colour));
    parts.push(arrow(468, ny, 526, 115, palette.muted));
  });
  parts.push(`<circle cx="550" cy="115" r="22" fill="#ffffff" stroke="${palette.nodeStroke}" stroke-width="2"/>`);
  parts.push(text(550, 115, 'cat', { anchor: 'middle', baseline: 'middle', size: 13, weight: 'bold' }));
  parts.push(text(450, 210, 'detectors (hidden nodes)', { anchor: 'middle', size: 11, colour: palette.muted }));
  return describedDocument(
    590,
    225,
    'No single pixel says cat; combinations of pixels do',
    'A small drawn cat (not a photo) with four highlighted single pixels that by themselves mean nothing, next to the same drawing with regions marked as ear, eye and fur detectors feeding a cat output.',
    parts.join('\n'),
  );
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-06/streetlight-sequence': streetlightSequence,
  'chapter-06/lights-to-matrix': lightsToMatrix,
  'chapter-06/brightness-matrices': brightnessMatrices,
  'chapter-06/what-we-know': whatWeKnow,
  'chapter-06/sgd-error': sgdError,
  'chapter-06/trained-weights': trainedWeights,
  'chapter-06/pressure-tables': pressureTables,
  'chapter-06/stacked-networks': stackedNetworks,
  'chapter-06/backprop-attribution': backpropAttribution,
  'chapter-06/linear-collapse': linearCollapse,
  'chapter-06/sometimes-correlation': sometimesCorrelation,
  'chapter-06/forward-pass': forwardPass,
  'chapter-06/one-backprop-iteration': oneBackpropIteration,
  'chapter-06/deep-network-error': deepNetworkError,
  'chapter-06/cat-features': catFeatures,
};
