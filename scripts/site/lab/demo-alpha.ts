/// <reference lib="dom" />
/**
 * Chapter 4's live demo (lab/demo-alpha.js, loaded by lab/page.js on that page only): the book's
 * "breaking gradient descent" run (weight 0.5, input 2, goal 0.8) stepped with the reference
 * `gdStep`, with an alpha slider. Each step multiplies the miss by `1 - alpha * input²`, so the
 * run converges for alpha below 0.5 and diverges above it; the plot shows the error per step.
 */
import { gdStep } from '../../../solutions/chapter-04/gradient-descent';

const WEIGHT = 0.5;
const INPUT = 2;
const GOAL = 0.8;
const STEPS = 20;
const SVG = 'http://www.w3.org/2000/svg';

function svgElement(tag: string, attributes: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** The error after each of STEPS steps, from the reference gdStep. */
export function errorsFor(alpha: number): number[] {
  const errors: number[] = [];
  let weight = WEIGHT;
  for (let step = 0; step < STEPS; step += 1) {
    const result = gdStep(weight, INPUT, GOAL, alpha);
    errors.push(result.error);
    weight = result.newWeight;
  }
  return errors;
}

/** Puts the demo into `container`. */
export function mount(container: HTMLElement): void {
  const figure = document.createElement('figure');
  figure.className = 'lab-demo';
  const label = document.createElement('label');
  const slider = document.createElement('input');
  Object.assign(slider, { type: 'range', min: '0.01', max: '0.7', step: '0.01', value: '0.1' });
  slider.setAttribute('aria-label', 'alpha');
  const readout = document.createElement('output');
  label.append('alpha ', slider, ' ', readout);
  const width = 560;
  const height = 220;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'lab-demo-plot' });
  const caption = document.createElement('figcaption');
  figure.append(label, svg, caption);
  container.append(figure);
  const left = 56;
  const bottom = height - 30;
  const top = 12;
  const low = -8;
  const high = 4;
  const y = (error: number): number => {
    const log = Math.min(high, Math.max(low, Math.log10(Math.max(error, 1e-12))));
    return bottom - ((log - low) / (high - low)) * (bottom - top);
  };
  const x = (step: number): number => left + (step / (STEPS - 1)) * (width - left - 12);
  const draw = (): void => {
    const alpha = Number(slider.value);
    const errors = errorsFor(alpha);
    const factor = 1 - alpha * INPUT * INPUT;
    readout.textContent = alpha.toFixed(2);
    svg.replaceChildren();
    for (const power of [-8, -4, 0, 4]) {
      svg.append(svgElement('line', { x1: left, x2: width - 12, y1: y(10 ** power), y2: y(10 ** power), class: 'grid' }));
      const text = svgElement('text', { x: left - 6, y: y(10 ** power) + 4, 'text-anchor': 'end' });
      text.textContent = `1e${power}`;
      svg.append(text);
    }
    const axis = svgElement('text', { x: (left + width) / 2, y: height - 6, 'text-anchor': 'middle' });
    axis.textContent = `step (1 to ${STEPS}); error on a log scale`;
    svg.append(axis);
    const points = errors.map((error, step) => `${x(step).toFixed(1)},${y(error).toFixed(1)}`).join(' ');
    svg.append(svgElement('polyline', { points, class: Math.abs(factor) < 1 ? 'converges' : 'diverges' }));
    for (const [step, error] of errors.entries()) svg.append(svgElement('circle', { cx: x(step), cy: y(error), r: 3, class: Math.abs(factor) < 1 ? 'converges' : 'diverges' }));
    const verdict = Math.abs(factor) < 1 ? 'converges' : 'diverges';
    svg.setAttribute('aria-label', `Error per step for alpha ${alpha.toFixed(2)}: it ${verdict}`);
    caption.textContent = `Input ${INPUT}, goal ${GOAL}, starting weight ${WEIGHT}. Every step multiplies the miss by 1 − alpha × input² = ${factor.toFixed(2)}: the run ${verdict}${Math.abs(factor) < 1 ? '' : ' (the error after 20 steps is ' + errors[STEPS - 1].toExponential(1) + ')'}. Steps computed by the reference gdStep (Exercise 4.5).`;
    figure.dataset.verdict = verdict;
  };
  slider.addEventListener('input', draw);
  draw();
}
