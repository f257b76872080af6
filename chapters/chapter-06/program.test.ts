import { consoleContext } from '../../kernels/program';
import { run } from './program';

describe('chapter 6 program', () => {
  test("the chapter program ends with the book's six errors", () => {
    const lines: string[] = [];
    const context = { ...consoleContext(), log: (line: string) => lines.push(line) };
    run(context);
    expect(lines.slice(-6)).toEqual([
      'Error:0.634231159844',
      'Error:0.358384076763',
      'Error:0.0830183113303',
      'Error:0.0064670549571',
      'Error:0.000329266900075',
      'Error:1.50556226651e-05',
    ]);
    expect(lines).toContain('Error:8.30767497366e-06 Prediction:-0.00288230376152');
    expect(lines).toContain('Error:0.000533736773285');
  });
});
