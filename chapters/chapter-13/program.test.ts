import { loadBabiTask1 } from '../../kernels/datasets';
import { padBabiLines, trainBabiRnn } from './babi';
import { numpyArray1 } from './program';
import { TOY_RUNS } from './toys';

/** The book's printed losses (section R of the digest: exact with seed 0). */
const BOOK = {
  autograd: '[0.58128304] [0.48988149] [0.41375111] [0.34489412] [0.28210124] [0.2254484] [0.17538853] [0.1324231] [0.09682769] [0.06849361]',
  sequential: '[2.33428272] [0.06743796] [0.0521849] [0.04079507] [0.03184365] [0.02479336] [0.01925443] [0.01491699] [0.01153118] [0.00889602]',
  nonlinear: '[1.06372865] [0.75148144] [0.57384259] [0.39574294] [0.2482279] [0.15515294] [0.10423398] [0.07571169] [0.05837623] [0.04700013]',
  embedding: '[0.98874126] [0.6658868] [0.45639889] [0.31608168] [0.2260925] [0.16877423] [0.13120515] [0.10555487] [0.08731868] [0.07387834]',
  'cross-entropy': [
    1.3885032434928422, 0.9558181509266037, 0.6823083585795604, 0.5095259967493119, 0.39574491472895856,
    0.31752527285348264, 0.2617222861964216, 0.22061283923954234, 0.18946427334830068, 0.16527389263866668,
  ],
};

describe('chapter 13 program', () => {
  test('--faithful prints the book\'s four MSE runs to every printed digit', () => {
    const [autograd, sequential, nonlinear, embedding] = TOY_RUNS.slice(0, 4).map((toy) => toy(true).losses.map(numpyArray1).join(' '));
    expect({ autograd, sequential, nonlinear, embedding }).toEqual({
      autograd: BOOK.autograd,
      sequential: BOOK.sequential,
      nonlinear: BOOK.nonlinear,
      embedding: BOOK.embedding,
    });
  });

  test('--faithful prints the book\'s cross-entropy run: first and last to all 17 digits, every value to 15 significant digits', () => {
    const losses = TOY_RUNS[4](true).losses;
    expect(String(losses[0])).toBe('1.3885032434928422');
    expect(String(losses[9])).toBe('0.16527389263866668');
    losses.forEach((loss, i) => expect(Math.abs(loss - BOOK['cross-entropy'][i])).toBeLessThanOrEqual(1e-15 * loss));
  });

  test('the corrected runs learn too: every toy loss falls over its ten iterations', () => {
    for (const toy of TOY_RUNS) {
      const { losses, key } = toy(false);
      expect({ key, fell: losses[9] < losses[0] / 2 }).toEqual({ key, fell: true });
    }
  });

  test('bAbI: 1000 lines padded to 6 tokens over the book\'s 83-token vocabulary; the untrained loss is about log(83) / 10', () => {
    const data = padBabiLines(loadBabiTask1().text);
    expect(data.vocab.length).toBe(83);
    expect(data.rows.length).toBe(1000);
    expect(data.rows.every((row) => row.length === 6)).toBe(true);
    expect(data.rows[0].map((i) => data.vocab[i])).toEqual(['-', 'mary', 'moved', 'to', 'the', 'bathroom.']);
    const run = trainBabiRnn(data, { faithful: false, iterations: 1 });
    expect(run.log[0].loss).toBeGreaterThan(0.4);
    expect(run.log[0].loss).toBeLessThan(0.5);
    expect(run.context).toBe('- mary moved to the');
    expect(run.truth).toBe('bathroom.');
  });
});
