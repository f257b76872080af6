import fc from 'fast-check';
import { generateStub, joinSegments, parseRegions, regionBodies, replaceTaskBodies, type StubTask } from './regions';

const SOLUTION = [
  "import { helper } from '../../kernels';",
  '',
  '/** Exercise 7.1 */',
  'export function double(x: number): number {',
  '  // #region solution 7.1',
  '  return helper(2 * x);',
  '  // #endregion',
  '}',
  '',
  'export class Layer {',
  '  forward(x: number): number {',
  '    // #region solution 7.2',
  '    const y = x + 1;',
  '    return y;',
  '    // #endregion',
  '  }',
  '}',
  '',
].join('\n');

const TASKS = new Map<string, StubTask>([
  ['7.1', { id: '7.1', name: 'double', readme: 'chapters/chapter-07/README.md#exercise-7-1' }],
  ['7.2', { id: '7.2', name: 'Layer.forward', readme: 'chapters/chapter-07/README.md#exercise-7-2' }],
]);

describe('parseRegions', () => {
  test('finds each region with its task id, indentation and body', () => {
    const regions = parseRegions(SOLUTION, 'demo.ts').filter((segment) => segment.kind === 'region');
    expect(regions.map((region) => region.kind === 'region' && [region.taskId, region.indent, region.body.length, region.line])).toEqual([
      ['7.1', '  ', 1, 5],
      ['7.2', '    ', 2, 12],
    ]);
  });

  test('join is the inverse of parse for any text built from shared lines and regions', () => {
    const line = fc.stringMatching(/^[a-z (){};=]{0,12}$/);
    const region = fc.record({ id: fc.constantFrom('1.1', '2.3'), body: fc.array(line, { maxLength: 3 }) });
    const piece = fc.oneof(line.map((text) => [text]), region.map(({ id, body }) => [`  // #region solution ${id}`, ...body, '  // #endregion']));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.flat().join('\n');
        expect(joinSegments(parseRegions(text, 'x.ts'))).toBe(text);
      }),
    );
  });

  test.each([
    ['an unclosed region', '// #region solution 1.1\nx', /x\.ts:1: region 1\.1 is never closed/],
    ['a stray end marker', 'x\n// #endregion', /x\.ts:2: "\/\/ #endregion" without a matching/],
    ['nested regions', '// #region solution 1.1\n// #region solution 1.2\n// #endregion', /x\.ts:2: regions cannot be nested/],
  ])('rejects %s with the file and line', (_name, text, message) => {
    expect(() => parseRegions(text, 'x.ts')).toThrow(message);
  });
});

describe('generateStub', () => {
  const stub = generateStub(SOLUTION, 'solutions/chapter-07/demo.ts', TASKS);

  test('replaces every region body with a NotImplementedError naming task, function and README section', () => {
    expect(stub).toContain("  // #region solution 7.1\n  throw new NotImplementedError('7.1', 'double', 'chapters/chapter-07/README.md#exercise-7-1');\n  // #endregion");
    expect(stub).toContain("    throw new NotImplementedError('7.2', 'Layer.forward',");
    expect(stub).not.toContain('2 * x');
    expect(stub).not.toContain('const y');
  });

  test('keeps everything outside regions verbatim and adds the import after the existing ones', () => {
    const lines = stub.split('\n');
    expect(lines[0]).toBe("import { helper } from '../../kernels';");
    expect(lines[1]).toBe("import { NotImplementedError } from '../../kernels/not-implemented';");
    expect(stub).toContain('export class Layer {\n  forward(x: number): number {');
  });

  test('puts the import below a file header comment when the file has no imports', () => {
    const text = '/**\n * Header.\n */\n\nexport function f(): number {\n  // #region solution 7.1\n  return 1;\n  // #endregion\n}\n';
    const lines = generateStub(text, 'solutions/chapter-07/demo.ts', TASKS).split('\n');
    expect(lines.slice(0, 6)).toEqual(['/**', ' * Header.', ' */', '', "import { NotImplementedError } from '../../kernels/not-implemented';", '']);
  });

  test('leaves a file without regions untouched', () => {
    const text = "import { run } from './x';\nrun();\n";
    expect(generateStub(text, 'solutions/chapter-07/program.ts', TASKS)).toBe(text);
  });

  test('rejects a region whose task is not in the manifest', () => {
    const text = 'function f() {\n  // #region solution 7.9\n  return 1;\n  // #endregion\n}';
    expect(() => generateStub(text, 'solutions/chapter-07/demo.ts', TASKS)).toThrow(/demo\.ts:2: region 7\.9 is not a task of this file/);
  });
});

describe('replaceTaskBodies', () => {
  test('restores one task and leaves the others as they were', () => {
    const learner = SOLUTION.replace('return helper(2 * x);', 'return 42; // my attempt');
    const stubBodies = regionBodies(parseRegions(generateStub(SOLUTION, 'solutions/chapter-07/demo.ts', TASKS), 'stub'));
    const restored = replaceTaskBodies(learner, 'demo.ts', '7.1', stubBodies.get('7.1') ?? []);
    expect(restored).not.toContain('my attempt');
    expect(restored).toContain("throw new NotImplementedError('7.1'");
    expect(restored).toContain('const y = x + 1;');
  });

  test('refuses when the learner file lost a region', () => {
    const learner = SOLUTION.replace('  // #region solution 7.1\n', '').replace('  return helper(2 * x);\n  // #endregion\n', '');
    expect(() => replaceTaskBodies(learner, 'demo.ts', '7.1', [['x']])).toThrow(/expected 1 region\(s\) of task 7\.1, found 0/);
  });
});
