/** Figures of chapter 4, computed with the chapter's solutions. */
import { errorCurve, gdStep, gdTrain } from '../../solutions/chapter-04/gradient-descent';
import { errorAt, hotColdStep } from '../../solutions/chapter-04/hot-cold';
import type { FigureGenerator } from './index';
import { arrow, circle, formatNumber as f, grid, line, lineChart, network, palette, place, px, rect, svgDocument, text } from './svg';

const range = (from: number, to: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));

function parabola(input: number, goal: number, from: number, to: number): Array<readonly [number, number]> {
  const ws = range(from, to, 121);
  const errors = errorCurve(input, goal, ws);
  return ws.map((w, i) => [w, errors[i]] as const);
}

function tangent(x: (v: number) => number, y: (v: number) => number, w: number, input: number, goal: number, half: number): string {
  const step = gdStep(w, input, goal);
  const slope = 2 * step.weightDelta;
  return line(x(w - half), y(step.error - half * slope), x(w + half), y(step.error + half * slope), palette.orange, 2, '6 4');
}

function archerMiss(): string {
  const parts: string[] = [];
  [60, 45, 30, 15].forEach((r, i) => parts.push(circle(120, 110, r, i % 2 === 0 ? '#ffffff' : palette.fill, palette.nodeStroke, 1.5)));
  parts.push(circle(120, 110, 4, palette.red));
  for (const [dy, label] of [[-30, '1 inch above'], [30, '1 inch below']] as const) {
    parts.push(arrow(260, 110 + dy, 126, 110 + dy, palette.text, 2));
    parts.push(text(270, 110 + dy, label, { baseline: 'middle', size: 13 }));
  }
  parts.push(text(20, 200, 'both misses are 1 inch: the error is a size, not a direction', { size: 13, colour: palette.muted }));
  return svgDocument(420, 215, 'Two arrows missing the centre by one inch each', parts.join(''));
}

function hotColdPanels(): string {
  const input = 8.5;
  const goal = 1;
  const weight = 0.1;
  const amount = 0.01;
  const chosen = hotColdStep(weight, input, goal, amount);
  const panel = (title: string, w: number | null, note: string): { width: number; height: number; body: string } => {
    const part = network({ width: 230, height: 130, radius: 18, title, layers: [[{ value: '8.5' }], [{ value: w === null ? '' : f(input * w) }]], edges: [{ from: [0, 0], to: [1, 0], label: w === null ? '' : f(w) }] });
    return { width: 230, height: 160, body: part.body + text(115, 150, note, { anchor: 'middle', size: 12, colour: palette.muted }) };
  };
  const panels = [
    panel('1. the network', null, 'input 8.5, goal 1'),
    panel('2. predict', weight, `error ${f(errorAt(weight, input, goal), 4)}`),
    panel('3. try up', weight + amount, `error ${f(errorAt(weight + amount, input, goal), 4)}`),
    panel('4. try down', weight - amount, `error ${f(errorAt(weight - amount, input, goal), 4)}`),
    panel('5. keep the better', chosen, `new weight ${f(chosen)}`),
  ];
  const all = grid(panels, 3, 10);
  return svgDocument(all.width + 20, all.height + 20, 'One step of hot and cold learning', place(all, 10, 10));
}

function threeEffects(): string {
  const card = (title: string, input: number): { width: number; height: number; body: string } => {
    const step = gdStep(0.5, input, 0.8);
    const part = network({ width: 240, height: 120, radius: 18, layers: [[{ value: f(input) }], [{ value: f(step.prediction) }]], edges: [{ from: [0, 0], to: [1, 0], label: 'w 0.5' }] });
    const body =
      rect(0, 0, 240, 190, '#ffffff', palette.grid, 8) +
      text(120, 22, title, { anchor: 'middle', size: 14, weight: 'bold' }) +
      place(part, 0, 28) +
      text(120, 162, `weight delta = ${f(step.delta)} × ${f(input)} = ${f(step.weightDelta)}`, { anchor: 'middle', size: 12 });
    return { width: 240, height: 190, body };
  };
  const all = grid([card('stopping', 0), card('negative reversal', -1), card('scaling', 4)], 3, 14);
  return svgDocument(all.width + 20, all.height + 20, 'Stopping, negative reversal and scaling', place(all, 10, 10));
}

function errorVsWeight(): string {
  const input = 0.5;
  const goal = 0.8;
  const w = 0.5;
  const step = gdStep(w, input, goal);
  const chart = lineChart({
    width: 600,
    height: 360,
    xLabel: 'weight',
    yLabel: 'error',
    xDomain: [-1, 4],
    series: [{ points: parabola(input, goal, -1, 4), colour: palette.blue }],
    overlay: (x, y) =>
      tangent(x, y, w, input, goal, 0.8) +
      `<circle cx="${px(x(goal / input))}" cy="${px(y(0))}" r="9" fill="none" stroke="${palette.green}" stroke-width="2" stroke-dasharray="4 3"/>` +
      circle(x(w), y(step.error), 6, palette.text) +
      text(x(w) + 10, y(step.error) - 10, `w = ${f(w)}, slope ${f(2 * step.weightDelta)}`, { size: 12 }) +
      text(x(goal / input), y(0) - 16, `goal: w = ${f(goal / input)}`, { size: 12, anchor: 'middle', colour: palette.green }),
  });
  return svgDocument(chart.width, chart.height, 'The error of one weight is a parabola', chart.body);
}

function stepsChart(input: number, goal: number, weights: readonly number[], from: number, to: number, width: number, height: number, title?: string, faint?: Array<readonly [number, number]>): { width: number; height: number; body: string } {
  const errors = errorCurve(input, goal, weights);
  return lineChart({
    width,
    height,
    title,
    xLabel: 'weight',
    yLabel: 'error',
    xDomain: [from, to],
    yDomain: [0, Math.max(...errors) * 1.1],
    series: [
      ...(faint ? [{ points: faint, colour: '#c9d1d9' }] : []),
      { points: parabola(input, goal, from, to), colour: palette.blue },
    ],
    overlay: (x, y) =>
      weights
        .slice(0, -1)
        .map((w, i) => arrow(x(w), y(errors[i]), x(weights[i + 1]), y(errors[i + 1]), palette.orange, 1.5))
        .join('') + weights.map((w, i) => circle(x(w), y(errors[i]), 5, palette.text) + text(x(w) + 8, y(errors[i]) - 8, String(i + 1), { size: 11 })).join(''),
  });
}

function stepsInput11(): string {
  const history = gdTrain({ weight: 0, input: 1.1, goalPred: 0.8, iterations: 4 });
  const weights = history.map((step) => step.weight);
  const panels = [1, 2, 3, 4].map((k) => stepsChart(1.1, 0.8, weights.slice(0, k + (k < 4 ? 1 : 0)), -0.2, 1.6, 320, 220, `step ${k}: w = ${f(weights[k - 1], 6)}`));
  const all = grid(panels, 2, 10);
  return svgDocument(all.width + 20, all.height + 20, 'Four gradient-descent steps with input 1.1', place(all, 10, 10));
}

function rods(): string {
  const parts = [
    rect(20, 30, 120, 140, palette.fill, palette.nodeStroke, 6),
    text(80, 185, 'the box', { anchor: 'middle', size: 12, colour: palette.muted }),
    rect(140, 62, 80, 14, palette.blue),
    text(230, 69, 'blue: 2 in', { baseline: 'middle', size: 13, colour: palette.blue }),
    rect(140, 122, 160, 14, palette.red),
    text(310, 129, 'red: 4 in', { baseline: 'middle', size: 13, colour: palette.red }),
    arrow(220, 48, 180, 48, palette.blue),
    text(320, 48, 'push blue in 1 inch …', { baseline: 'middle', size: 12 }),
    arrow(300, 152, 220, 152, palette.red),
    text(320, 152, '… red moves 2 inches: derivative 2', { baseline: 'middle', size: 12 }),
  ];
  return svgDocument(560, 200, 'The derivative as two linked rods', parts.join(''));
}

function slopeSides(): string {
  const input = 0.5;
  const goal = 0.8;
  const points = [0.4, 1.6, 2.8];
  const chart = lineChart({
    width: 600,
    height: 340,
    xLabel: 'weight',
    yLabel: 'error',
    xDomain: [-1, 4],
    series: [{ points: parabola(input, goal, -1, 4), colour: palette.blue }],
    overlay: (x, y) =>
      points
        .map((w) => {
          const step = gdStep(w, input, goal);
          return tangent(x, y, w, input, goal, 0.6) + circle(x(w), y(step.error), 5, palette.text) + text(x(w), y(step.error) + 22, `slope ${f(2 * step.weightDelta, 2)}`, { anchor: 'middle', size: 12 });
        })
        .join(''),
  });
  return svgDocument(chart.width, chart.height, 'The slope on both sides of the parabola', chart.body);
}

function divergence(): string {
  const history = gdTrain({ weight: 0.5, input: 2, goalPred: 0.8, alpha: 1, iterations: 4 });
  const weights = history.map((step) => step.weight);
  const chart = stepsChart(2, 0.8, weights, -3, 3, 620, 380, undefined, parabola(0.5, 0.8, -3, 3));
  return svgDocument(chart.width, chart.height, 'Divergence with input 2 and alpha 1', chart.body);
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-04/archer-miss': archerMiss,
  'chapter-04/hot-cold-panels': hotColdPanels,
  'chapter-04/three-effects': threeEffects,
  'chapter-04/error-vs-weight': errorVsWeight,
  'chapter-04/steps-input-1-1': stepsInput11,
  'chapter-04/rods': rods,
  'chapter-04/slope-sides': slopeSides,
  'chapter-04/divergence': divergence,
};
