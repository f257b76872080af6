/** Figures of chapter 13, computed with the chapter's solutions. */
import { RandomState, formatShape } from '../../kernels';
import { Tensor, topologicalOrder } from '../../solutions/chapter-13/tensor';
import { TOY_RUNS, TWO_BIT_DATA, TWO_BIT_TARGET } from '../../solutions/chapter-13/toys';
import type { FigureGenerator } from './index';
import { arrow, box, grid, lineChart, palette, seriesColours, svgDocument, text } from './svg';

/** The book's two-layer net (listing 13.6) as a real graph: loss = sum_0((p - t) * (p - t)). */
function twoLayerGraph(): { loss: Tensor; names: Map<Tensor, string> } {
  const rng = new RandomState(0);
  const data = new Tensor(TWO_BIT_DATA, { requiresGrad: true });
  const target = new Tensor(TWO_BIT_TARGET, { requiresGrad: true });
  const w0 = new Tensor(rng.rand(2, 3), { requiresGrad: true });
  const w1 = new Tensor(rng.rand(3, 1), { requiresGrad: true });
  const prediction = data.mm(w0).mm(w1);
  const loss = prediction.sub(target).mul(prediction.sub(target)).sum(0);
  const names = new Map<Tensor, string>([
    [data, 'data'],
    [target, 'target'],
    [w0, 'weights_0_1'],
    [w1, 'weights_1_2'],
    [prediction, 'prediction'],
    [loss, 'loss'],
  ]);
  return { loss, names };
}

/** Nodes placed in columns by their depth (longest path from a leaf), numbered in backward's order. */
function computationGraph(): string {
  const { loss, names } = twoLayerGraph();
  const order = topologicalOrder(loss);
  const depth = new Map<Tensor, number>();
  for (const t of order) depth.set(t, t.creators.length === 0 ? 0 : 1 + Math.max(...t.creators.map((c) => depth.get(c) ?? 0)));
  const columns: Tensor[][] = [];
  for (const t of order) (columns[depth.get(t) ?? 0] ??= []).push(t);
  const boxWidth = 118;
  const boxHeight = 54;
  const gapX = 34;
  const gapY = 22;
  const top = 40;
  const tallest = Math.max(...columns.map((c) => c.length));
  const height = top + tallest * (boxHeight + gapY) + 24;
  const position = new Map<Tensor, [number, number]>();
  columns.forEach((column, c) => {
    const offset = ((tallest - column.length) * (boxHeight + gapY)) / 2;
    column.forEach((t, r) => position.set(t, [20 + c * (boxWidth + gapX), top + offset + r * (boxHeight + gapY)]));
  });
  const parts: string[] = [];
  for (const t of order) {
    const [x, y] = position.get(t) as [number, number];
    for (const c of t.creators) {
      const [cx, cy] = position.get(c) as [number, number];
      parts.push(arrow(cx + boxWidth, cy + boxHeight / 2, x, y + boxHeight / 2, palette.muted, 1.2));
    }
  }
  order.forEach((t, i) => {
    const [x, y] = position.get(t) as [number, number];
    const visit = order.length - i;
    const label = names.get(t) ?? t.op ?? 'leaf';
    const fill = t.creators.length === 0 ? '#ffffff' : palette.fill;
    parts.push(box(x, y, boxWidth, boxHeight, [`${visit}. ${label}`, t.op && names.has(t) ? `${t.op} ${formatShape(t.data.shape)}` : formatShape(t.data.shape)], { fill, size: 12, bold: true }));
  });
  const width = 40 + columns.length * (boxWidth + gapX) - gapX;
  parts.push(text(20, 22, 'numbers: the order backward visits the nodes (loss first); arrows: creators → result', { size: 12, colour: palette.muted }));
  parts.push(text(20, height - 14, 'prediction feeds both subtractions, so its gradient is the sum of two arrivals before mm runs', { size: 12, colour: palette.muted }));
  return svgDocument(width, height, "The book's two-layer net as a computation graph, numbered in backward's order", parts.join(''));
}

/** The ten losses of each toy run, the book's engine against the corrected one. */
function toyLosses(): string {
  const charts = TOY_RUNS.map((toy) => {
    const book = toy(true);
    const fixed = toy(false);
    return lineChart({
      width: 300,
      height: 220,
      title: book.key,
      xLabel: 'iteration',
      series: [
        { label: 'book (--faithful)', points: book.losses.map((v, i) => [i, v] as const), colour: palette.orange, markers: true },
        { label: 'corrected', points: fixed.losses.map((v, i) => [i, v] as const), colour: seriesColours[0], dash: '6 4' },
      ],
    });
  });
  const all = grid(charts, 3, 12);
  return svgDocument(all.width + 20, all.height + 20, 'The losses of the five toy runs, book and corrected', `<g transform="translate(10 10)">${all.body}</g>`);
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-13/computation-graph': computationGraph,
  'chapter-13/toy-losses': toyLosses,
};
