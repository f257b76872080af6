/// <reference lib="dom" />
/**
 * Chapter 10's live demo (lab/demo-conv.js): a 3 x 3 kernel scanning an MNIST digit. The window
 * moves one pixel at a time, row after row, over the 28 x 28 digit, and each position fills one
 * cell of the 26 x 26 output map. The numbers come from the reference `im2col` and `convForward`
 * of Exercises 10.2 and 10.3 (the digit's 676 patches times the kernel), so the map is exactly
 * what the chapter's layer computes. Digits: the first ten test images (lab/mnist-digits.bin).
 */
import { NDArray } from '../../../kernels';
import { convForward, im2col } from '../../../solutions/chapter-10/convolution';
import { decodeSubset, SUBSET_PIXELS } from './mnist-subset';
import { htmlElement } from './demo-svg';

const SIZE = 28;
const K = 3;
const OUT = SIZE - K + 1;
const CELL = 8;
const SPEEDS = [5, 20, 60, 200, 676] as const;

/** Hand-made kernels like the book's illustration (horizontal, vertical, rising diagonal). */
export const DEMO_KERNELS: Readonly<Record<string, readonly number[]>> = {
  'horizontal lines': [-1, -1, -1, 2, 2, 2, -1, -1, -1],
  'vertical lines': [-1, 2, -1, -1, 2, -1, -1, 2, -1],
  'rising diagonals': [-1, -1, 2, -1, 2, -1, 2, -1, -1],
  blur: [1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
};

/** The digit's 26 x 26 output map for one kernel: patches (10.2) times the kernel (10.3). */
export function outputMap(digit: Float64Array, kernel: readonly number[]): Float64Array {
  const images = new NDArray(digit, [1, SIZE, SIZE]);
  const patches = im2col(images, K, K);
  return convForward(patches, new NDArray(Float64Array.from(kernel), [K * K, 1]), 1).data;
}

function colour(value: number, scale: number): string {
  // Positive outputs in the accent orange, negative in blue, zero transparent: the map reads on either theme.
  const t = Math.max(-1, Math.min(1, value / scale));
  // A computed zero still shows as filled, faintly, so the scan is visible over the blank margin.
  if (Math.abs(t) < 0.02) return 'rgba(128, 128, 128, 0.15)';
  return t >= 0 ? `rgba(230, 120, 20, ${t.toFixed(3)})` : `rgba(40, 110, 220, ${(-t).toFixed(3)})`;
}

/** Puts the demo into `container`; `here` is the lab folder's address. */
export function mount(container: HTMLElement, here: URL): void {
  const figure = htmlElement('figure', { class: 'lab-demo lab-demo-conv', 'data-position': '0' });
  const controls = htmlElement('div', { class: 'lab-demo-controls' });
  const stepButton = htmlElement('button', { type: 'button', class: 'lab-demo-step' }, 'Step');
  const rowButton = htmlElement('button', { type: 'button', class: 'lab-demo-row' }, 'One row');
  const playButton = htmlElement('button', { type: 'button', class: 'lab-demo-play' }, 'Play');
  const resetButton = htmlElement('button', { type: 'button', class: 'lab-demo-reset' }, 'Reset');
  const kernelSelect = htmlElement('select', { 'aria-label': 'kernel' });
  for (const name of Object.keys(DEMO_KERNELS)) kernelSelect.append(htmlElement('option', { value: name }, name));
  const digitSelect = htmlElement('select', { 'aria-label': 'digit' });
  const speed = htmlElement('input', { type: 'range', min: '0', max: String(SPEEDS.length - 1), step: '1', value: '1', 'aria-label': 'positions per second' });
  const speedLabel = htmlElement('label', {}, 'speed ');
  speedLabel.append(speed);
  controls.append(stepButton, rowButton, playButton, resetButton, kernelSelect, digitSelect, speedLabel);
  const layout = htmlElement('div', { class: 'lab-demo-columns lab-conv' });
  const imageCanvas = htmlElement('canvas', { width: String(SIZE * CELL), height: String(SIZE * CELL), role: 'img', 'aria-label': 'the digit and the kernel window' });
  const mapCanvas = htmlElement('canvas', { width: String(OUT * CELL), height: String(OUT * CELL), role: 'img', 'aria-label': 'the output map' });
  const kernelTable = htmlElement('table', { class: 'lab-demo-table lab-kernel' });
  const imageBox = htmlElement('div', { class: 'lab-conv-panel' });
  imageBox.append(htmlElement('p', {}, 'input 28 × 28'), imageCanvas);
  const kernelBox = htmlElement('div', { class: 'lab-conv-panel' });
  kernelBox.append(htmlElement('p', {}, 'kernel 3 × 3'), kernelTable);
  const mapBox = htmlElement('div', { class: 'lab-conv-panel' });
  mapBox.append(htmlElement('p', {}, 'output map 26 × 26'), mapCanvas);
  layout.append(imageBox, kernelBox, mapBox);
  const readout = htmlElement('p', { class: 'lab-demo-readout', 'aria-live': 'polite' });
  const caption = htmlElement('figcaption');
  caption.textContent =
    'The window (outlined) covers 9 pixels; their weighted sum with the kernel is one cell of the output map (orange positive, blue negative). 26 positions per row, 26 rows: 676 cells. The map is the digit’s patches (im2col, Exercise 10.2) times the kernel (convForward, Exercise 10.3), computed with the reference solutions.';
  figure.append(controls, layout, readout, caption);
  container.append(figure);

  let digits: { pixels: Uint8Array; labels: Uint8Array } | null = null;
  let digit: Float64Array = new Float64Array(SIZE * SIZE);
  let map: Float64Array = new Float64Array(OUT * OUT);
  let position = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const kernel = (): readonly number[] => DEMO_KERNELS[kernelSelect.value];
  const recompute = (): void => {
    if (digits !== null) {
      const index = Number(digitSelect.value);
      digit = Float64Array.from(digits.pixels.subarray(index * SUBSET_PIXELS, (index + 1) * SUBSET_PIXELS), (byte) => byte / 255);
    }
    map = outputMap(digit, kernel());
  };

  const draw = (): void => {
    const scale = Math.max(1e-9, ...Array.from(map, Math.abs));
    const image = imageCanvas.getContext('2d');
    const out = mapCanvas.getContext('2d');
    if (image === null || out === null) return;
    image.clearRect(0, 0, imageCanvas.width, imageCanvas.height);
    for (let i = 0; i < SIZE * SIZE; i++) {
      const grey = Math.round(255 * (1 - digit[i]));
      image.fillStyle = `rgb(${grey}, ${grey}, ${grey})`;
      image.fillRect((i % SIZE) * CELL, Math.floor(i / SIZE) * CELL, CELL, CELL);
    }
    out.clearRect(0, 0, mapCanvas.width, mapCanvas.height);
    for (let i = 0; i < position; i++) {
      out.fillStyle = colour(map[i], scale);
      out.fillRect((i % OUT) * CELL, Math.floor(i / OUT) * CELL, CELL, CELL);
    }
    const current = Math.min(position, OUT * OUT) - 1;
    kernelTable.innerHTML = `<tbody>${[0, 1, 2].map((r) => `<tr>${[0, 1, 2].map((c) => `<td>${Number(kernel()[r * K + c].toFixed(2))}</td>`).join('')}</tr>`).join('')}</tbody>`;
    if (current >= 0) {
      const row = Math.floor(current / OUT);
      const col = current % OUT;
      image.strokeStyle = '#e67814';
      image.lineWidth = 2;
      image.strokeRect(col * CELL + 1, row * CELL + 1, K * CELL - 2, K * CELL - 2);
      out.strokeStyle = '#e67814';
      out.lineWidth = 2;
      out.strokeRect(col * CELL + 1, row * CELL + 1, CELL - 2, CELL - 2);
      const patch = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => digit[(row + i) * SIZE + col + j]));
      readout.textContent = `Position ${current + 1} of ${OUT * OUT} (row ${row}, column ${col}): the window's pixels (${patch.map((p) => p.toFixed(2)).join(', ')}) times the kernel, summed: ${map[current].toFixed(3)}.`;
    } else {
      readout.textContent = 'Press Step: the window starts at the top-left corner.';
    }
    figure.dataset.position = String(position);
    figure.dataset.filled = String(position);
    figure.dataset.lastOutput = current >= 0 ? map[current].toFixed(6) : '';
  };

  const stop = (): void => {
    clearInterval(timer);
    timer = undefined;
    playButton.textContent = 'Play';
  };
  const advance = (count: number): void => {
    position = Math.min(OUT * OUT, position + count);
    draw();
    if (position >= OUT * OUT) stop();
  };
  const play = (): void => {
    stop();
    if (position >= OUT * OUT) position = 0;
    playButton.textContent = 'Pause';
    const perSecond = SPEEDS[Number(speed.value)];
    // At most 60 frames a second; faster speeds move several positions per frame.
    const frame = Math.max(1000 / 60, 1000 / perSecond);
    timer = setInterval(() => advance(Math.max(1, Math.round((perSecond * frame) / 1000))), frame);
  };

  stepButton.addEventListener('click', () => {
    stop();
    advance(1);
  });
  rowButton.addEventListener('click', () => {
    stop();
    advance(OUT - (position % OUT) || OUT);
  });
  playButton.addEventListener('click', () => (timer === undefined ? play() : stop()));
  speed.addEventListener('input', () => {
    if (timer !== undefined) play();
  });
  resetButton.addEventListener('click', () => {
    stop();
    position = 0;
    draw();
  });
  kernelSelect.addEventListener('change', () => {
    recompute();
    draw();
  });
  digitSelect.addEventListener('change', () => {
    recompute();
    draw();
  });

  fetch(new URL('mnist-digits.bin', here))
    .then(async (response) => {
      if (!response.ok) throw new Error(`cannot load mnist-digits.bin (${response.status})`);
      const { test } = decodeSubset(new Uint8Array(await response.arrayBuffer()));
      digits = test;
      for (let i = 0; i < test.count; i++) digitSelect.append(htmlElement('option', { value: String(i) }, `test image ${i}: a ${test.labels[i]}`));
      recompute();
      draw();
      figure.dataset.ready = 'true';
    })
    .catch((error: unknown) => {
      readout.textContent = `The digits could not load: ${(error as Error).message}`;
    });
  recompute();
  draw();
}
