/**
 * Figures of chapter 7: the streetlight network (3-4-1) as bricks, then as letters, and one
 * prediction through it in three steps, with chapter 6's seed-1 starting weights.
 */
import { RandomState, array, matmul, mul, sub } from '../../kernels';
import { forward } from '../../solutions/chapter-06/deep-network';
import type { FigureGenerator } from './index';
import { circle, formatNumber, line, palette, rect, svgDocument, text } from './svg';

interface Brick {
  readonly kind: 'vector' | 'matrix';
  readonly name: string;
  readonly letter: string;
  /** Vector: its length; matrix: [rows, columns]. */
  readonly size: number | readonly [number, number];
}

const bricks: readonly Brick[] = [
  { kind: 'vector', name: 'layer_0', letter: 'l0', size: 3 },
  { kind: 'matrix', name: 'weights_0_1', letter: 'W0', size: [3, 4] },
  { kind: 'vector', name: 'layer_1', letter: 'l1', size: 4 },
  { kind: 'matrix', name: 'weights_1_2', letter: 'W1', size: [4, 1] },
  { kind: 'vector', name: 'layer_2', letter: 'l2', size: 1 },
];

function drawBricks(useLetters: boolean): { width: number; body: string } {
  const cell = 22;
  const parts: string[] = [];
  let x = 20;
  for (const brick of bricks) {
    if (brick.kind === 'vector') {
      const count = brick.size as number;
      const top = 110 - (count * cell) / 2;
      for (let i = 0; i < count; i += 1) parts.push(circle(x + cell / 2, top + i * cell + cell / 2, cell / 2 - 2, palette.node, palette.nodeStroke, 2));
      parts.push(text(x + cell / 2, 190, useLetters ? brick.letter : brick.name, { anchor: 'middle', size: useLetters ? 16 : 12, weight: useLetters ? 'bold' : 'normal' }));
      x += cell + 34;
    } else {
      const [rows, cols] = brick.size as readonly [number, number];
      // Drawn with rows down the page, like the weight matrix that multiplies the row vector on its left.
      const top = 110 - (rows * cell) / 2;
      parts.push(rect(x, top, cols * cell, rows * cell, palette.fill, palette.nodeStroke, 3));
      parts.push(text(x + (cols * cell) / 2, top - 8, `${rows} × ${cols}`, { anchor: 'middle', size: 12, colour: palette.muted }));
      parts.push(text(x + (cols * cell) / 2, 190, useLetters ? brick.letter : brick.name, { anchor: 'middle', size: useLetters ? 16 : 12, weight: useLetters ? 'bold' : 'normal' }));
      x += cols * cell + 34;
    }
  }
  return { width: x, body: parts.join('') };
}

/** Chapter 6's network before training: seed 1, weights01 drawn first, uniform in [-1, 1). */
function seedOneNetwork(): { l0: number[]; sums: number[]; l1: number[]; l2: number } {
  const random = new RandomState(1);
  const weights01 = sub(mul(2, random.random([3, 4])), 1);
  const weights12 = sub(mul(2, random.random([4, 1])), 1);
  const l0 = array([[1, 0, 1]]);
  const pass = forward(l0, weights01, weights12);
  return {
    l0: Array.from(l0.data),
    sums: Array.from(matmul(l0, weights01).data),
    l1: Array.from(pass.layer1.data),
    l2: pass.layer2.data[0],
  };
}

/** Three panels: the lights enter, four weighted sums and relu, one more weighted sum. */
function predictionPanels(): string {
  const net = seedOneNetwork();
  const panelWidth = 200;
  const radius = 18;
  const rowY = { l2: 60, l1: 150, l0: 240 };
  const xs = (count: number, left: number) => Array.from({ length: count }, (_, i) => left + panelWidth / 2 + 8 + (i - (count - 1) / 2) * 44);
  const parts: string[] = [];
  const titles = ['1. the lights come in', '2. l1 = relu(l0 W0)', '3. l2 = l1 W1'];
  for (let panel = 0; panel < 3; panel += 1) {
    const left = panel * (panelWidth + 20);
    parts.push(rect(left, 0, panelWidth, 300, palette.node, palette.grid, 6));
    parts.push(text(left + panelWidth / 2, 22, titles[panel], { anchor: 'middle', size: 13, weight: 'bold' }));
    const x0 = xs(3, left);
    const x1 = xs(4, left);
    const x2 = xs(1, left);
    // Edges of the step this panel shows, drawn under the nodes.
    if (panel === 1) for (const a of x0) for (const b of x1) parts.push(line(a, rowY.l0 - radius, b, rowY.l1 + radius, palette.axis, 1));
    if (panel === 2) for (const a of x1) parts.push(line(a, rowY.l1 - radius, x2[0], rowY.l2 + radius, palette.axis, 1));
    const node = (x: number, y: number, value: string | null, off = false) => {
      parts.push(circle(x, y, radius, value === null ? palette.node : off ? palette.node : palette.fill, off ? palette.red : palette.nodeStroke, 2));
      if (value !== null) parts.push(text(x, y, value, { anchor: 'middle', baseline: 'middle', size: 11, colour: off ? palette.red : palette.text }));
    };
    x0.forEach((x, i) => node(x, rowY.l0, String(net.l0[i])));
    x1.forEach((x, i) => node(x, rowY.l1, panel >= 1 ? formatNumber(net.l1[i], 3) : null, panel >= 1 && net.l1[i] === 0));
    node(x2[0], rowY.l2, panel === 2 ? formatNumber(net.l2, 3) : null);
    parts.push(text(left + 8, rowY.l0 + 4, 'l0', { size: 12, italic: true, colour: palette.muted }));
    parts.push(text(left + 8, rowY.l1 + 4, 'l1', { size: 12, italic: true, colour: palette.muted }));
    parts.push(text(left + 8, rowY.l2 + 4, 'l2', { size: 12, italic: true, colour: palette.muted }));
    if (panel === 1) {
      x1.forEach((x, i) => parts.push(text(x, rowY.l1 - radius - 8, formatNumber(net.sums[i], 3), { anchor: 'middle', size: 11, colour: net.sums[i] > 0 ? palette.muted : palette.red })));
      parts.push(text(left + panelWidth / 2, 290, 'above l1: the sums before relu', { anchor: 'middle', size: 11, colour: palette.muted }));
    }
    if (panel === 0) parts.push(text(left + panelWidth / 2, 290, 'pattern [1, 0, 1], goal 1 (walk)', { anchor: 'middle', size: 11, colour: palette.muted }));
    if (panel === 2) parts.push(text(left + panelWidth / 2, 290, 'untrained: 0.392, not yet 1', { anchor: 'middle', size: 11, colour: palette.muted }));
  }
  return svgDocument(3 * panelWidth + 40, 300, 'One prediction of the 3-4-1 network in three steps', parts.join(''));
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-07/prediction': predictionPanels,
  'chapter-07/bricks': () => {
    const drawing = drawBricks(false);
    return svgDocument(drawing.width + 10, 210, 'The streetlight network as bricks', drawing.body);
  },
  'chapter-07/letters': () => {
    const drawing = drawBricks(true);
    const formula = text(drawing.width + 20, 110, 'l2 = relu(l0 W0) W1', { size: 18, weight: 'bold', baseline: 'middle', italic: true });
    return svgDocument(drawing.width + 230, 210, 'The streetlight network as letters', drawing.body + formula);
  },
};
