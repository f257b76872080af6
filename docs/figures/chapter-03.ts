/**
 * Figures of chapter 3 (forward propagation). The network diagrams print the values that the
 * reference solutions compute for the book's first game, so a change in the code shows up here.
 */
import { py2str } from '../../kernels/format';
import { neuralNetwork, scaleVector, stackedNetwork, vectMatMul, weightedSum, type Matrix } from '../../solutions/chapter-03/forward';
import {
  game,
  gameWeights,
  hiddenToPrediction,
  hurtWinSadWeights,
  inputToHidden,
  numberOfToes,
  similarityVectors,
  singleWeight,
  winWeights,
} from '../../solutions/chapter-03/games';
import { dot } from '../../solutions/chapter-03/vector-math';
import type { FigureGenerator } from './index';
import { inkOn, overWhite } from './svg';

const FONT = 'font-family="sans-serif" font-size="12"';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function svg(width: number, height: number, body: string[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>\n` +
    `<rect width="${width}" height="${height}" fill="#fff"/>\n${body.join('\n')}\n</svg>\n`
  );
}

function text(x: number, y: number, content: string, anchor = 'middle', extra = ''): string {
  return `<text x="${x}" y="${y}" text-anchor="${anchor}" ${extra}>${escape(content)}</text>`;
}

function node(x: number, y: number, label: string, value: string | undefined): string {
  const parts = [`<circle cx="${x}" cy="${y}" r="22" fill="#e8f0fe" stroke="#3367d6"/>`, text(x, y + 4, value ?? '')];
  parts.push(text(x, y - 28, label));
  return parts.join('\n');
}

function edge(x1: number, y1: number, x2: number, y2: number, weight: number | undefined, stroke = '#777'): string {
  const width = stroke === '#777' ? '' : ' stroke-width="2"';
  const line = `<line x1="${x1 + 22}" y1="${y1}" x2="${x2 - 22}" y2="${y2}" stroke="${stroke}"${width} marker-end="url(#arrow)"/>`;
  if (weight === undefined) return line;
  const t = 0.3;
  return `${line}\n${text(x1 + 22 + t * (x2 - x1 - 44), y1 + t * (y2 - y1) - 4, py2str(weight), 'middle', 'fill="#a33"')}`;
}

const ARROW =
  '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#777"/></marker></defs>';

interface Layer {
  labels: readonly string[];
  values?: readonly number[];
}

/** Which edges of a drawing stand out (coloured and labelled with their weight); the others are pale. */
type Highlight = (column: number, from: number, to: number) => boolean;

/**
 * A fully connected network drawn left to right: `layers[i]` are the nodes of column i, and
 * `weights[i]` (one row per node of column i + 1) label the edges between columns i and i + 1.
 * With `highlight`, only the chosen edges are drawn strong and labelled.
 */
function network(
  layers: readonly Layer[],
  weights: readonly Matrix[],
  xOffset = 0,
  title = '',
  highlight?: Highlight,
): { body: string[]; width: number; height: number } {
  const columnGap = 170;
  const rowGap = 70;
  // With a title, the nodes start lower, so the title never runs into the top nodes' labels.
  const top = title ? 70 : 50;
  const rows = Math.max(...layers.map((layer) => layer.labels.length));
  const height = rows * rowGap + top;
  const position = (column: number, row: number, count: number): [number, number] => [
    xOffset + 50 + column * columnGap,
    top + (rows - count) * (rowGap / 2) + row * rowGap,
  ];
  const body: string[] = [];
  if (title) body.push(text(xOffset + 50 + ((layers.length - 1) * columnGap) / 2, 14, title, 'middle', 'font-weight="bold"'));
  weights.forEach((matrix, column) => {
    matrix.forEach((row, to) => {
      row.forEach((weight, from) => {
        const [x1, y1] = position(column, from, layers[column].labels.length);
        const [x2, y2] = position(column + 1, to, layers[column + 1].labels.length);
        if (highlight) {
          const strong = highlight(column, from, to);
          body.push(edge(x1, y1, x2, y2, strong ? weight : undefined, strong ? '#0b5cad' : '#d0d7de'));
        } else {
          body.push(edge(x1, y1, x2, y2, matrix.length * row.length > 3 ? undefined : weight));
        }
      });
    });
  });
  layers.forEach((layer, column) => {
    layer.labels.forEach((label, row) => {
      const [x, y] = position(column, row, layer.labels.length);
      body.push(node(x, y, label, layer.values === undefined ? undefined : py2str(Number(layer.values[row].toPrecision(4)))));
    });
  });
  return { body, width: 100 + (layers.length - 1) * columnGap, height };
}

function matrixTable(x: number, y: number, title: string, matrix: Matrix, rowLabels: readonly string[]): string[] {
  const out = [text(x, y, title, 'start', 'font-weight="bold"')];
  matrix.forEach((row, i) => {
    out.push(text(x, y + 18 * (i + 1), `${rowLabels[i]}: [${row.map(py2str).join(', ')}]`, 'start', 'font-family="monospace"'));
  });
  return out;
}

const input = game(0);
const inputLabels = ['toes', 'win rec.', 'fans'];
const outputLabels = ['hurt?', 'win?', 'sad?'];

function predictCompareLearn(): string {
  const prediction = weightedSum(input, winWeights);
  const boxes = [
    ['data', `# toes ${py2str(numberOfToes[0])}`],
    ['model', 'weights'],
    ['prediction', `${Math.round(prediction * 100)}% win`],
  ];
  const body = [ARROW];
  boxes.forEach(([title, content], i) => {
    const x = 20 + i * 180;
    body.push(`<rect x="${x}" y="20" width="130" height="60" rx="6" fill="#f3f3f3" stroke="#555"/>`);
    body.push(text(x + 65, 44, title, 'middle', 'font-weight="bold"'));
    body.push(text(x + 65, 64, content));
    if (i < boxes.length - 1) body.push(`<line x1="${x + 130}" y1="50" x2="${x + 180}" y2="50" stroke="#777" marker-end="url(#arrow)"/>`);
  });
  return svg(530, 100, body);
}

function oneWeightSteps(): string {
  const x = numberOfToes[0];
  const prediction = neuralNetwork(x, singleWeight);
  const steps: Array<[string, string | undefined, string | undefined]> = [
    ['1. empty network', undefined, undefined],
    ['2. insert the input', py2str(x), undefined],
    [`3. ${py2str(x)} × ${py2str(singleWeight)}`, py2str(x), '?'],
    ['4. the prediction', py2str(x), py2str(Number(prediction.toPrecision(12)))],
  ];
  const body = [ARROW];
  steps.forEach(([title, inValue, outValue], i) => {
    const left = 10 + i * 200;
    body.push(text(left + 90, 16, title, 'middle', 'font-weight="bold"'));
    body.push(node(left + 30, 80, 'input', inValue));
    body.push(edge(left + 30, 80, left + 150, 80, singleWeight));
    body.push(node(left + 150, 80, 'win?', outValue));
  });
  return svg(810, 120, body);
}

function volumeKnob(): string {
  const temperature = -10;
  const weight = -8.9;
  const coats = neuralNetwork(temperature, weight);
  const body = [ARROW];
  body.push(`<circle cx="200" cy="60" r="28" fill="#f3f3f3" stroke="#555"/>`);
  body.push(`<line x1="200" y1="60" x2="218" y2="40" stroke="#a33" stroke-width="3"/>`);
  body.push(text(200, 110, `weight ${py2str(weight)}`));
  body.push(node(60, 60, 'temperature °C', py2str(temperature)));
  body.push(`<line x1="78" y1="60" x2="170" y2="60" stroke="#777" marker-end="url(#arrow)"/>`);
  body.push(`<line x1="230" y1="60" x2="322" y2="60" stroke="#777" marker-end="url(#arrow)"/>`);
  body.push(node(340, 60, 'chance of coats %', py2str(Number(coats.toPrecision(12)))));
  return svg(420, 130, body);
}

function threeInputs(): string {
  const prediction = weightedSum(input, winWeights);
  const { body, width, height } = network(
    [{ labels: inputLabels, values: input }, { labels: ['win?'], values: [prediction] }],
    [[winWeights]],
  );
  return svg(width + 20, height, [ARROW, ...body]);
}

function dotProductLogic(): string {
  const entries = Object.entries(similarityVectors);
  const body: string[] = [];
  entries.forEach(([name, vector], row) => {
    body.push(text(20, 34 + row * 28, name, 'middle', 'font-weight="bold"'));
    vector.forEach((value, column) => {
      // Data colours, opaque so they look the same on a dark page; the digit's ink contrasts with its cell.
      const shade = value > 0 ? overWhite('#2166ac', value) : value < 0 ? overWhite('#b2182b', -value) : '#fefefe';
      body.push(`<rect x="${36 + column * 30}" y="${16 + row * 28}" width="28" height="24" fill="${shade}" stroke="#555"/>`);
      body.push(text(50 + column * 30, 33 + row * 28, py2str(value), 'middle', `fill="${inkOn(shade)}"`));
    });
  });
  const pairs: Array<[keyof typeof similarityVectors, keyof typeof similarityVectors]> = [
    ['a', 'b'], ['b', 'c'], ['b', 'd'], ['c', 'c'], ['d', 'd'], ['c', 'e'], ['e', 'e'],
  ];
  pairs.forEach(([left, right], i) => {
    const score = dot(similarityVectors[left], similarityVectors[right]);
    body.push(text(200, 30 + i * 20, `dot(${left}, ${right}) = ${py2str(score)}`, 'start', 'font-family="monospace"'));
  });
  return svg(360, 170, body);
}

function oneInputThreeOutputs(): string {
  const prediction = scaleVector(input[1], hurtWinSadWeights);
  const { body, width, height } = network(
    [{ labels: ['win rec.'], values: [input[1]] }, { labels: outputLabels, values: prediction }],
    [hurtWinSadWeights.map((weight) => [weight])],
  );
  return svg(width + 20, height, [ARROW, ...body]);
}

function threeByThree(): string {
  const prediction = vectMatMul(input, gameWeights);
  const layers = [{ labels: inputLabels, values: input }, { labels: outputLabels, values: prediction }];
  // The same nine weights, read two ways: by the input they leave (toes) and by the output they
  // enter (win?). gameWeights has one row per output, so row 1 is win?'s and column 0 is toes'.
  const left = network(layers, [gameWeights], 0, 'the 3 weights leaving toes', (_c, from) => from === 0);
  const right = network(layers, [gameWeights], 330, 'the 3 weights entering win?', (_c, _from, to) => to === 1);
  const tables = matrixTable(20, left.height + 10, 'weights (one row per output)', gameWeights, outputLabels);
  return svg(680, left.height + 80, [ARROW, ...left.body, ...right.body, ...tables]);
}

function stacked(): string {
  const hidden = vectMatMul(input, inputToHidden);
  const prediction = stackedNetwork(input, [inputToHidden, hiddenToPrediction]);
  const { body, width, height } = network(
    [
      { labels: inputLabels, values: input },
      { labels: ['hid[0]', 'hid[1]', 'hid[2]'], values: hidden },
      { labels: outputLabels, values: prediction },
    ],
    [inputToHidden, hiddenToPrediction],
  );
  const tables = [
    ...matrixTable(20, height + 10, 'inputToHidden', inputToHidden, ['hid[0]', 'hid[1]', 'hid[2]']),
    ...matrixTable(260, height + 10, 'hiddenToPrediction', hiddenToPrediction, outputLabels),
  ];
  return svg(Math.max(width + 20, 520), height + 90, [ARROW, ...body, ...tables]);
}

function matmulShapes(): string {
  const unit = 22;
  const rectangle = (x: number, rows: number, columns: number, label: string, fill: string): string[] => [
    `<rect x="${x}" y="${30}" width="${columns * unit}" height="${rows * unit}" fill="${fill}" stroke="#555"/>`,
    text(x + (columns * unit) / 2, 20, label),
  ];
  const [a, b, c] = [2, 4, 3];
  const body = [
    ...rectangle(20, a, b, `(${a} × ${b})`, '#e8f0fe'),
    text(20 + b * unit + 20, 30 + unit, '·'),
    ...rectangle(20 + b * unit + 40, b, c, `(${b} × ${c})`, '#fdecea'),
    text(20 + b * unit + 40 + c * unit + 20, 30 + unit, '='),
    ...rectangle(20 + b * unit + 40 + c * unit + 40, a, c, `(${a} × ${c})`, '#e6f4ea'),
    text(20, 30 + b * unit + 24, `inner sizes ${b} and ${b} match and cancel`, 'start'),
  ];
  return svg(360, 150, body);
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-03/predict-compare-learn': predictCompareLearn,
  'chapter-03/one-weight-steps': oneWeightSteps,
  'chapter-03/volume-knob': volumeKnob,
  'chapter-03/three-inputs': threeInputs,
  'chapter-03/dot-product-logic': dotProductLogic,
  'chapter-03/one-input-three-outputs': oneInputThreeOutputs,
  'chapter-03/three-by-three': threeByThree,
  'chapter-03/stacked-network': stacked,
  'chapter-03/matmul-shapes': matmulShapes,
};
