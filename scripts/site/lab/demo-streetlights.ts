/// <reference lib="dom" />
/**
 * Chapter 6's live demo (lab/demo-streetlights.js): the streetlight network (three weights, one
 * per lamp, starting at 0.5, 0.48, -0.7, alpha 0.1) learning walk / stop by stochastic gradient
 * descent, one example per click. Each step is the reference `stochasticEpoch` run on one row,
 * so its prediction, error and new weights are the exercise's. The table shows the six
 * patterns with the current one marked, the weights as bars, and the summed error of every
 * finished pass on a log scale (the book prints 2.6561231104 for the first, 0.000533736773285
 * for the fortieth).
 */
import { NDArray, sliceRows } from '../../../kernels';
import { START_WEIGHTS, stochasticEpoch, streetlightData } from '../../../solutions/chapter-06/streetlights';
import { htmlElement, svgElement } from './demo-svg';

const ALPHA = 0.1;
/** Passes plotted (the book's run is 40). */
export const STREETLIGHT_PASSES = 40;
/** Examples per second at each speed of the play slider. */
const SPEEDS = [1, 2, 5, 10, 30, 60] as const;

/** The state of the run: weights, position in the data, and the history of errors. */
export class StreetlightRun {
  readonly data = streetlightData();
  weights = new NDArray(Float64Array.from(START_WEIGHTS), [START_WEIGHTS.length]);
  /** Examples seen so far; the next is row `steps % 6`. */
  steps = 0;
  /** Summed error of each finished pass. */
  readonly passErrors: number[] = [];
  private passError = 0;
  last: { row: number; prediction: number; goal: number; error: number; before: number[] } | null = null;

  get rows(): number {
    return this.data.lights.shape[0];
  }

  /** One example: predict, measure, update (the reference stochasticEpoch on one row). */
  step(): void {
    const row = this.steps % this.rows;
    const before = Array.from(this.weights.data);
    const epoch = stochasticEpoch(this.weights, sliceRows(this.data.lights, row, row + 1), sliceRows(this.data.walkVsStop, row, row + 1), ALPHA);
    this.weights = epoch.weights;
    this.last = { row, prediction: epoch.predictions[0], goal: this.data.walkVsStop.data[row], error: epoch.error, before };
    this.passError += epoch.error;
    this.steps += 1;
    if (this.steps % this.rows === 0) {
      this.passErrors.push(this.passError);
      this.passError = 0;
    }
  }
}

const fixed = (value: number, digits = 4): string => (Object.is(value, -0) ? 0 : value).toFixed(digits);

/** Puts the demo into `container`. */
export function mount(container: HTMLElement): void {
  const figure = htmlElement('figure', { class: 'lab-demo lab-demo-streetlights' });
  const controls = htmlElement('div', { class: 'lab-demo-controls' });
  const stepButton = htmlElement('button', { type: 'button', class: 'lab-demo-step' }, 'Step');
  const passButton = htmlElement('button', { type: 'button', class: 'lab-demo-pass' }, 'One pass');
  const playButton = htmlElement('button', { type: 'button', class: 'lab-demo-play' }, 'Play');
  const resetButton = htmlElement('button', { type: 'button', class: 'lab-demo-reset' }, 'Reset');
  const speedLabel = htmlElement('label', {}, 'speed ');
  const speed = htmlElement('input', { type: 'range', min: '0', max: String(SPEEDS.length - 1), step: '1', value: '2', 'aria-label': 'examples per second' });
  const speedOut = htmlElement('output');
  speedLabel.append(speed, ' ', speedOut);
  controls.append(stepButton, passButton, playButton, resetButton, speedLabel);
  const layout = htmlElement('div', { class: 'lab-demo-columns' });
  const table = htmlElement('table', { class: 'lab-demo-table lab-streetlights' });
  const side = htmlElement('div', { class: 'lab-demo-side' });
  const weightsBox = htmlElement('div', { class: 'lab-weights' });
  const readout = htmlElement('p', { class: 'lab-demo-readout', 'aria-live': 'polite' });
  side.append(weightsBox, readout);
  layout.append(table, side);
  const width = 560;
  const height = 180;
  const plot = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'lab-demo-plot', 'aria-label': 'Summed error of each pass' });
  const caption = htmlElement('figcaption');
  caption.textContent =
    'Each step predicts walk (1) or stop (0) for one light pattern as lamps · weights, adds (goal − prediction)² to the pass’s error and moves each weight by alpha × lamp × (goal − prediction), with alpha 0.1 (the reference stochasticEpoch of Exercise 6.1 on one row). The middle lamp’s weight grows towards 1 and the others shrink towards 0: the middle lamp alone decides.';
  figure.append(controls, layout, plot, caption);
  container.append(figure);

  let run = new StreetlightRun();
  let timer: ReturnType<typeof setInterval> | undefined;
  const lampNames = ['left', 'middle', 'right'];

  const draw = (): void => {
    const { lights, walkVsStop } = run.data;
    const current = run.last?.row ?? -1;
    const header = `<thead><tr><th scope="col">#</th>${lampNames.map((name) => `<th scope="col">${name}</th>`).join('')}<th scope="col">goal</th></tr></thead>`;
    const body = Array.from({ length: run.rows }, (_, row) => {
      const lamps = lampNames.map((_, lamp) => `<td><span class="lamp" data-on="${lights.data[row * 3 + lamp]}" aria-label="${lights.data[row * 3 + lamp] ? 'on' : 'off'}"></span></td>`).join('');
      return `<tr${row === current ? ' class="current"' : ''}><th scope="row">${row + 1}</th>${lamps}<td>${walkVsStop.data[row] ? 'walk' : 'stop'}</td></tr>`;
    });
    table.innerHTML = `${header}<tbody>${body.join('')}</tbody>`;
    weightsBox.replaceChildren(
      ...lampNames.map((name, lamp) => {
        const value = run.weights.data[lamp];
        const row = htmlElement('div', { class: 'lab-weight', 'data-lamp': name });
        const bar = htmlElement('span', { class: `bar ${value < 0 ? 'negative' : 'positive'}` });
        bar.style.width = `${Math.min(100, Math.abs(value) * 100)}%`;
        const track = htmlElement('span', { class: 'track' });
        track.append(bar);
        row.append(htmlElement('span', { class: 'name' }, `weight ${name}`), track, htmlElement('span', { class: 'value' }, fixed(value)));
        return row;
      }),
    );
    const last = run.last;
    const pass = Math.floor(run.steps / run.rows);
    readout.textContent =
      last === null
        ? 'Press Step: the network predicts pattern 1, measures its error and moves its weights.'
        : `Step ${run.steps} (pass ${pass + (run.steps % run.rows === 0 ? 0 : 1)}, pattern ${last.row + 1}): prediction ${fixed(last.prediction)}, goal ${last.goal}, error ${last.error.toPrecision(4)}.` +
          (run.passErrors.length > 0 ? ` Error of pass ${run.passErrors.length}: ${run.passErrors[run.passErrors.length - 1].toPrecision(6)}.` : '');
    figure.dataset.steps = String(run.steps);
    figure.dataset.weights = Array.from(run.weights.data, (value) => fixed(value, 6)).join(' ');
    figure.dataset.passes = String(run.passErrors.length);
    drawPlot();
  };

  const drawPlot = (): void => {
    const left = 52;
    const right = 12;
    const top = 10;
    const bottom = height - 30;
    const low = -5;
    const high = 1;
    const x = (pass: number): number => left + ((pass - 1) / (STREETLIGHT_PASSES - 1)) * (width - left - right);
    const y = (error: number): number => bottom - ((Math.min(high, Math.max(low, Math.log10(Math.max(error, 1e-12)))) - low) / (high - low)) * (bottom - top);
    plot.replaceChildren();
    for (let power = low; power <= high; power += 1) {
      plot.append(svgElement('line', { x1: left, x2: width - right, y1: y(10 ** power), y2: y(10 ** power), class: 'grid' }));
      plot.append(svgElement('text', { x: left - 6, y: y(10 ** power) + 4, 'text-anchor': 'end' }, `1e${power}`));
    }
    plot.append(svgElement('text', { x: (left + width) / 2, y: height - 6, 'text-anchor': 'middle' }, `pass (1 to ${STREETLIGHT_PASSES}); summed error of the pass, log scale`));
    const shown = run.passErrors.slice(0, STREETLIGHT_PASSES);
    if (shown.length > 1) plot.append(svgElement('polyline', { points: shown.map((error, i) => `${x(i + 1).toFixed(1)},${y(error).toFixed(1)}`).join(' '), class: 'converges' }));
    shown.forEach((error, i) => plot.append(svgElement('circle', { cx: x(i + 1), cy: y(error), r: 3, class: 'converges' })));
  };

  const stop = (): void => {
    clearInterval(timer);
    timer = undefined;
    playButton.textContent = 'Play';
  };
  const play = (): void => {
    stop();
    playButton.textContent = 'Pause';
    timer = setInterval(() => {
      run.step();
      draw();
      if (run.passErrors.length >= STREETLIGHT_PASSES) stop();
    }, 1000 / SPEEDS[Number(speed.value)]);
  };
  const showSpeed = (): void => {
    speedOut.textContent = `${SPEEDS[Number(speed.value)]} steps/s`;
  };

  stepButton.addEventListener('click', () => {
    stop();
    run.step();
    draw();
  });
  passButton.addEventListener('click', () => {
    stop();
    do run.step();
    while (run.steps % run.rows !== 0);
    draw();
  });
  playButton.addEventListener('click', () => (timer === undefined ? play() : stop()));
  speed.addEventListener('input', () => {
    showSpeed();
    if (timer !== undefined) play();
  });
  resetButton.addEventListener('click', () => {
    stop();
    run = new StreetlightRun();
    draw();
  });
  showSpeed();
  draw();
}
