/// <reference lib="dom" />
/**
 * Chapter 8's live demo (lab/demo-mnist.js): the 784-40-10 network learning MNIST twice, without
 * and with dropout, each in its own worker (lab/demo-mnist-worker.js) so the page stays
 * responsive. The test accuracy of both runs is plotted after every pass over the 1,000 training
 * images, with the training accuracy dashed beside it: without dropout the two curves part (the
 * network memorises its training images), with dropout they stay together. The MNIST subset
 * (lab/mnist-subset.bin, about 2.4 MB) is downloaded only when the learner presses Start.
 */
import type { EpochPoint } from './mnist-training';
import type { TrainingRequest, TrainingResponse } from './demo-mnist-protocol';
import { htmlElement, percent, svgElement } from './demo-svg';

/** Passes each run makes before it stops by itself (about a minute on a laptop). */
export const DEMO_PASSES = 100;

interface Run {
  readonly name: 'plain' | 'dropout';
  readonly label: string;
  worker: Worker | null;
  points: EpochPoint[];
}

const WIDTH = 560;
const HEIGHT = 260;
const LEFT = 44;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = HEIGHT - 34;
const x = (epoch: number): number => LEFT + (epoch / DEMO_PASSES) * (WIDTH - LEFT - RIGHT);
const y = (accuracy: number): number => BOTTOM - accuracy * (BOTTOM - TOP);

/** Puts the demo into `container`; `here` is the lab folder's address. */
export function mount(container: HTMLElement, here: URL): void {
  const figure = htmlElement('figure', { class: 'lab-demo lab-demo-mnist', 'data-state': 'idle' });
  const controls = htmlElement('div', { class: 'lab-demo-controls' });
  const start = htmlElement('button', { type: 'button', class: 'lab-demo-start' }, 'Start training');
  const reset = htmlElement('button', { type: 'button', class: 'lab-demo-reset' }, 'Reset');
  const status = htmlElement('span', { class: 'lab-demo-status', 'aria-live': 'polite' }, 'Press Start: it downloads 2.4 MB of MNIST (about 0.5 MB compressed) and trains in the background.');
  controls.append(start, reset, status);
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'lab-demo-plot', 'aria-label': 'Accuracy per pass, without and with dropout' });
  const table = htmlElement('table', { class: 'lab-demo-table' });
  const caption = htmlElement('figcaption');
  caption.textContent =
    'The 784-40-10 network of this chapter, trained one image at a time (alpha 0.005, the same starting weights) on the book’s 1,000 training images, with the reference solutions of the exercises and the course’s kernels. Solid: accuracy on 2,000 test images (every fifth of the official 10,000) after each pass; dashed: accuracy on the training images during the pass. Without dropout the training accuracy climbs to 100% while the test accuracy peaks within the first 20 passes and then slowly falls: the network memorises its training images. With dropout the training accuracy stays close to the test accuracy and the test accuracy holds. (The book’s own run overfits harder, because of its relu2deriv; see the Errata.)';
  figure.append(controls, svg, table, caption);
  container.append(figure);

  const runs: Run[] = [
    { name: 'plain', label: 'without dropout', worker: null, points: [] },
    { name: 'dropout', label: 'with dropout', worker: null, points: [] },
  ];
  let backend = '';
  let state: 'idle' | 'loading' | 'running' | 'paused' | 'finished' | 'error' = 'idle';
  const setState = (next: typeof state, message?: string): void => {
    state = next;
    figure.dataset.state = next;
    start.textContent = next === 'running' || next === 'loading' ? 'Pause' : next === 'paused' ? 'Continue' : next === 'finished' ? 'Finished' : 'Start training';
    start.disabled = next === 'finished' || next === 'error';
    if (message !== undefined) status.textContent = message;
  };

  const draw = (): void => {
    svg.replaceChildren();
    for (const accuracy of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
      svg.append(svgElement('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(accuracy), y2: y(accuracy), class: 'grid' }));
      svg.append(svgElement('text', { x: LEFT - 6, y: y(accuracy) + 4, 'text-anchor': 'end' }, `${accuracy * 100}%`));
    }
    for (const epoch of [0, 25, 50, 75, 100]) svg.append(svgElement('text', { x: x(epoch), y: BOTTOM + 16, 'text-anchor': 'middle' }, String(epoch)));
    svg.append(svgElement('text', { x: (LEFT + WIDTH) / 2, y: HEIGHT - 4, 'text-anchor': 'middle' }, 'passes over the 1,000 training images'));
    for (const run of runs) {
      const trained = run.points.filter((point) => point.epoch > 0);
      const line = (values: Array<[number, number]>, kind: string): void => {
        if (values.length > 1) svg.append(svgElement('polyline', { points: values.map(([e, a]) => `${x(e).toFixed(1)},${y(a).toFixed(1)}`).join(' '), class: `${run.name} ${kind}` }));
      };
      line(run.points.map((point) => [point.epoch, point.test]), 'test');
      line(trained.map((point) => [point.epoch, point.train]), 'train');
    }
    const legend = [
      ['plain test', 'test, without dropout'],
      ['dropout test', 'test, with dropout'],
      ['plain train', 'training, without'],
      ['dropout train', 'training, with'],
    ];
    legend.forEach(([kind, text], i) => {
      const lx = LEFT + 160 + (i % 2) * 190;
      const ly = BOTTOM - 50 + Math.floor(i / 2) * 18;
      svg.append(svgElement('line', { x1: lx, x2: lx + 24, y1: ly - 4, y2: ly - 4, class: kind }));
      svg.append(svgElement('text', { x: lx + 30, y: ly }, text));
    });
    const rows = runs.map((run) => {
      const last = run.points.at(-1);
      const best = run.points.reduce((top, point) => Math.max(top, point.test), 0);
      const cells = last === undefined ? ['–', '–', '–', '–'] : [String(last.epoch), last.epoch > 0 ? percent(last.train) : '–', percent(last.test), percent(best)];
      return `<tr data-run="${run.name}"><th scope="row">${run.label}</th>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
    });
    table.innerHTML = `<thead><tr><th scope="col">network</th><th scope="col">passes</th><th scope="col">training accuracy</th><th scope="col">test accuracy</th><th scope="col">best test</th></tr></thead><tbody>${rows.join('')}</tbody>`;
    const passes = Math.min(...runs.map((run) => run.points.at(-1)?.epoch ?? 0));
    figure.dataset.passes = String(passes);
    for (const run of runs) figure.dataset[`test${run.name === 'plain' ? 'Plain' : 'Dropout'}`] = String(run.points.at(-1)?.test ?? '');
  };

  const stopAll = (): void => {
    for (const run of runs) {
      run.worker?.terminate();
      run.worker = null;
    }
  };
  const send = (request: TrainingRequest): void => runs.forEach((run) => run.worker?.postMessage(request));

  const launch = (): void => {
    setState('loading', 'Loading the MNIST subset…');
    let ready = 0;
    const started = performance.now();
    for (const run of runs) {
      const worker = new Worker(new URL('demo-mnist-worker.js', here));
      run.worker = worker;
      worker.onmessage = (event: MessageEvent<TrainingResponse>) => {
        const message = event.data;
        if (message.type === 'error') {
          stopAll();
          setState('error', `The training stopped: ${message.message}`);
          return;
        }
        if (message.type === 'ready') {
          backend = message.backend;
          figure.dataset.backend = backend;
          run.points = [message.point];
          ready += 1;
          if (ready === runs.length && state === 'loading') {
            setState('running');
            send({ type: 'run' });
          }
        } else {
          run.points.push(message.point);
          if (message.point.epoch >= DEMO_PASSES) worker.postMessage({ type: 'pause' } satisfies TrainingRequest);
        }
        draw();
        const passes = Number(figure.dataset.passes);
        if (passes >= DEMO_PASSES) setState('finished');
        // A worker finishes the pass it was in when Pause came, so the count can still move.
        if (state === 'paused') status.textContent = `Paused after pass ${passes} (test passes on the ${backend} matrix product). Continue picks up where it stopped.`;
        if (state === 'running' || state === 'finished') {
          const seconds = ((performance.now() - started) / 1000).toFixed(0);
          status.textContent = `${state === 'finished' ? 'Finished' : 'Training'}: pass ${passes} of ${DEMO_PASSES}, ${seconds} s (test passes on the ${backend} matrix product).`;
        }
      };
      worker.onerror = (event) => {
        stopAll();
        setState('error', `The training worker failed: ${event.message}`);
      };
      worker.postMessage({ type: 'start', dropout: run.name === 'dropout', subsetUrl: new URL('mnist-subset.bin', here).href } satisfies TrainingRequest);
    }
  };

  start.addEventListener('click', () => {
    if (state === 'idle') launch();
    else if (state === 'running' || state === 'loading') {
      send({ type: 'pause' });
      setState('paused', `Paused after pass ${figure.dataset.passes ?? 0} (test passes on the ${backend || 'TypeScript'} matrix product). Continue picks up where it stopped.`);
    } else if (state === 'paused') {
      setState('running');
      send({ type: 'run' });
    }
  });
  reset.addEventListener('click', () => {
    stopAll();
    for (const run of runs) run.points = [];
    setState('idle', 'Reset: Start trains both networks again from the same starting weights.');
    draw();
  });
  draw();
}
