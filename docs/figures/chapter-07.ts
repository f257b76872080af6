/** Figures of chapter 7: the streetlight network (3-4-1) as bricks, then as letters. */
import type { FigureGenerator } from './index';
import { circle, palette, rect, svgDocument, text } from './svg';

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

export const figures: Record<string, FigureGenerator> = {
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
