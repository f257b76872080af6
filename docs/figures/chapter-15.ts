/**
 * Figures of chapter 15. The parties diagram shows real values computed with the chapter's
 * solutions: Bob's one-email update (the leak) and a ciphertext of one of its weights under the
 * fixed test key, encrypted with a fixed random factor so the figure is the same on every build.
 * The accuracy curves come from a recorded run (`npm run chapter -- 15 --solution`, which
 * takes minutes because of the encryption).
 */
import { NDArray } from '../../kernels';
import { encodeFixedPoint } from '../../solutions/chapter-15/fixed-point';
import { TEST_PRIMES, keyPairFromPrimes } from '../../solutions/chapter-15/keys';
import { leakedWords } from '../../solutions/chapter-15/leak';
import { trainLocal } from '../../solutions/chapter-15/spam-model';
import { accuracyChart } from './curves';
import type { FigureGenerator } from './index';
import { recordedSeries } from './recorded';
import { arrow, box, palette, rect, svgDocument, text } from './svg';

const VOCABULARY = ['<unk>', 'computer', 'free', 'is', 'meeting', 'money', 'my', 'password', 'pizza'];
const BOBS_EMAIL = ['my', 'computer', 'password', 'is', 'pizza'];

/** Bob's one-email update from zero weights, the words it gives away, and one weight's ciphertext. */
function bobsUpdate(): { words: string[]; weight: number; cipher: string } {
  const sent = NDArray.zeros([VOCABULARY.length, 1]);
  const row = BOBS_EMAIL.map((word) => VOCABULARY.indexOf(word));
  const { weights } = trainLocal(sent, [row], [0], { batchSize: 1 });
  const words = leakedWords(sent, weights, VOCABULARY);
  const weight = weights.data[VOCABULARY.indexOf('pizza')];
  const { publicKey } = keyPairFromPrimes(TEST_PRIMES.p, TEST_PRIMES.q);
  const cipher = publicKey.encrypt(encodeFixedPoint(weight, publicKey.n), 123456789n).toString(16);
  return { words, weight, cipher: `0x${cipher.slice(0, 10)}…` };
}

/** One panel: the owner above, the three users below, and what travels between them. */
function panel(x0: number, encrypted: boolean, update: ReturnType<typeof bobsUpdate>): string {
  const width = 440;
  const parts = [rect(x0, 0, width, 420, encrypted ? '#e6f4ea' : '#fff1e5', 'none', 8)];
  parts.push(text(x0 + width / 2, 24, encrypted ? 'with secure aggregation' : 'plain federated learning', { size: 15, anchor: 'middle', weight: 'bold' }));
  parts.push(box(x0 + 140, 44, 160, 52, ['model owner', encrypted ? 'holds the private key' : 'sees every model'], { bold: true, size: 13 }));
  const users = ['Bob', 'Alice', 'Sue'];
  const userX = users.map((_, k) => x0 + 20 + k * 145);
  users.forEach((name, k) => parts.push(box(userX[k], 220, 110, 52, [name, 'own emails'], { bold: true, size: 13, fill: '#ffffff' })));
  const red = palette.red;
  const green = palette.green;
  if (!encrypted) {
    users.forEach((_, k) => {
      parts.push(arrow(userX[k] + 30, 216, x0 + 180 + k * 20, 100, red, 1.8));
      parts.push(arrow(x0 + 190 + k * 20, 100, userX[k] + 80, 216, palette.muted, 1.2));
    });
    parts.push(text(x0 + 20, 310, 'out: the model; back: each trained', { size: 12, colour: palette.muted }));
    parts.push(text(x0 + 20, 326, 'model, readable. Bob\'s changed rows:', { size: 12, colour: palette.muted }));
    parts.push(text(x0 + 20, 346, update.words.join(', '), { size: 13, colour: red, weight: 'bold' }));
    parts.push(text(x0 + 20, 364, `(pizza: ${update.weight.toFixed(4)})`, { size: 12, colour: red }));
  } else {
    users.forEach((_, k) => parts.push(arrow(x0 + 190 + k * 20, 100, userX[k] + 55, 216, palette.muted, 1.2)));
    parts.push(arrow(userX[0] + 110, 246, userX[1], 246, green, 1.8));
    parts.push(arrow(userX[1] + 110, 246, userX[2], 246, green, 1.8));
    parts.push(arrow(userX[2] + 70, 216, x0 + 290, 96, green, 2.2));
    parts.push(text(x0 + 20, 310, 'out: public key and model', { size: 12, colour: palette.muted }));
    parts.push(text(x0 + 20, 326, 'between users: ciphertexts only, e.g. pizza =', { size: 12, colour: palette.muted }));
    parts.push(text(x0 + 20, 346, update.cipher, { size: 13, colour: green, weight: 'bold' }));
    parts.push(text(x0 + 20, 364, 'back: only E(Bob + Alice + Sue)', { size: 12, colour: palette.muted }));
    parts.push(text(x0 + 20, 380, 'the owner decrypts the sum, divides by 3', { size: 12, colour: palette.muted }));
    parts.push(text(x0 + 225, 290, 'E(Bob) · E(Alice) · E(Sue)', { size: 12, colour: green, anchor: 'middle' }));
  }
  return parts.join('');
}

function parties(): string {
  const update = bobsUpdate();
  const body = panel(10, false, update) + panel(470, true, update);
  return svgDocument(920, 430, 'Who sees what in plain and in encrypted federated learning', body);
}

function accuracyPerRound(): string {
  const run = 'chapter-15';
  const chart = accuracyChart({
    curves: [
      { label: 'central (per pass)', points: recordedSeries(run, 'central-test-accuracy'), colour: palette.blue, markers: true },
      { label: 'federated', points: recordedSeries(run, 'federated-test-accuracy'), colour: palette.orange, markers: true },
      { label: 'encrypted aggregation', points: recordedSeries(run, 'encrypted-test-accuracy'), colour: palette.green, markers: true, dash: '6 4' },
    ],
    xDomain: [1, 3],
    xLabel: 'pass or round',
    yLabel: 'test accuracy',
    legend: 'bottom-right',
  });
  return svgDocument(chart.width, chart.height, 'Test accuracy per round: central, federated and encrypted federated', chart.body);
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-15/parties': parties,
  'chapter-15/accuracy-per-round': accuracyPerRound,
};
