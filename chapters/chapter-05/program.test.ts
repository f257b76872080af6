import { consoleContext } from '../../kernels/program';
import { pyList, pyRepr, run } from './program';

describe('chapter 5 program', () => {
  test("the chapter program prints the book's listings 5.3 and 5.4 and trains on MNIST, with lists printed like Python", () => {
    const lines: string[] = [];
    run({ ...consoleContext(), log: (line: string) => lines.push(line) });
    expect(lines.slice(1, 8)).toEqual([
      'Iteration:1',
      'Pred:0.86',
      'Error:0.0196',
      'Delta:-0.14',
      'Weights:[0.1, 0.2, -0.1]',
      'Weight_Deltas:',
      '[-1.189999999999999, -0.09099999999999994, -0.16799999999999987]',
    ]);
    expect(lines).toContain('Pred:0.990617722813');
    expect(lines).toContain('Pred:0.97274178125');
    expect(lines).toContain('Weights:[0.293825, 0.25655, 0.868475]');
    expect(lines).toContain('Iteration:5 Error:0.374951777595 Correct:0.879');
    // The program's formatting helpers (not exercises), checked here rather than in a test of
    // their own that would run the whole program a second time.
    expect([pyRepr(1), pyRepr(1e-5), pyRepr(-2.5e-7), pyRepr(0.1 + 0.2), pyList([0.5, 2])]).toEqual([
      '1.0',
      '1e-05',
      '-2.5e-07',
      '0.30000000000000004',
      '[0.5, 2.0]',
    ]);
  });
});
