/**
 * Ctrl-C and --resume for long chapter programs: end to end through `npm run chapter` on a
 * fixture course (a resumable program, Ctrl-C sent to the whole process group as a terminal
 * does), and on the real chapter 9 program and a chapter 8 experiment in a short run, whose resumed runs must end
 * bit-identical to uninterrupted ones.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NDArray, RandomState, sliceRows } from '../kernels';
import { loadCheckpoint } from '../kernels/checkpoint';
import { consoleContext, interruptedInfo, type ChapterProgram, type ProgramOptions } from '../kernels/program';
import { makeFixtureCourse } from './lib/fixture-course.fixtures';
import type { RunRecord } from './lib/runs';
import { type ChapterData, loadChapterData, runExperiment } from '../solutions/chapter-08/program';
import { run as chapter09 } from '../solutions/chapter-09/program';

const PROGRAM = `import { RandomState } from '../../kernels';
import type { ProgramContext } from '../../kernels/program';
import { openLoop } from '../../kernels/resumable';

export async function run(context: ProgramContext): Promise<void> {
  const random = new RandomState(1);
  const weights = random.random([2, 2]) as import('../../kernels').NDArray;
  const total = context.options.iterations ?? 40;
  const loop = openLoop(context, { name: 'chapter-07', iterations: total, arrays: [weights], randoms: [random], state: () => null });
  const bar = context.progress('training', total);
  try {
    for (let j = loop.start; j < total; j++) {
      weights.data[0] += random.nextDouble();
      // A slow synchronous iteration, as a real one is.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
      loop.context.log(\`I:\${j} w:\${weights.data[0]}\`);
      bar.update(j + 1);
      await loop.completed(j);
    }
  } finally {
    loop.close();
    bar.stop();
  }
}
`;


function setUpCourse(): string {
  const root = makeFixtureCourse({ withTools: true });
  fs.writeFileSync(path.join(root, 'solutions/chapter-07/program.ts'), PROGRAM);
  const manifest = path.join(root, 'chapters/chapter-07/chapter.json');
  fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, 'utf8')), program: 'program.ts' }));
  return root;
}

/** Runs `npm run chapter` in the fixture course and presses Ctrl-C once `stopAfter` is printed. */
function runChapter(root: string, args: string[], stopAfter?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // As `npm run chapter` runs it: node with tsx's loader, no tsx parent process (which would
    // SIGKILL a child that does not answer a Ctrl-C within 60 ms).
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chapter.ts', '07', '--solution', '--no-progress', ...args], {
      cwd: root,
      detached: true,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', COURSE_TARGET: '' },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stopAfter !== undefined && !sent && stdout.includes(stopAfter)) {
        sent = true;
        // A terminal's Ctrl-C signals the whole foreground process group.
        process.kill(-child.pid!, 'SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run chapter: Ctrl-C and --resume', () => {
  let root: string;
  beforeAll(() => {
    root = setUpCourse();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps what was printed, says how far the run got, and --resume finishes it as an uninterrupted run would', async () => {
    const stopped = await runChapter(root, [], 'I:2 ');
    expect(stopped.code).toBe(130);
    const printed = stopped.stdout.trim().split('\n');
    const done = printed.length;
    expect(printed.every((line, j) => line.startsWith(`I:${j} w:`))).toBe(true);
    expect(stopped.stderr.trim()).toBe(
      `stopped after ${done} of 40 iterations; checkpoint saved to ${path.join('.course', 'checkpoints', 'chapter-07.ckpt')}; ` +
        'resume with npm run chapter -- 07 --solution --resume',
    );
    expect(fs.existsSync(path.join(root, '.course/runs/chapter-07.json'))).toBe(false);

    const resumed = await runChapter(root, ['--resume']);
    expect(resumed.code).toBe(0);
    const lines = resumed.stdout.trim().split('\n');
    expect(lines.slice(0, done)).toEqual(printed);
    expect(lines[done]).toBe(`(resumed after iteration ${done} of 40 from ${path.join('.course', 'checkpoints', 'chapter-07.ckpt')})`);
    // What an uninterrupted run prints: the program's own arithmetic, replayed here.
    const random = new RandomState(1);
    let w = (random.random([2, 2]) as NDArray).data[0];
    const expected = Array.from({ length: 40 }, (_, j) => `I:${j} w:${(w += random.nextDouble())}`);
    expect(lines.filter((line) => !line.startsWith('(resumed'))).toEqual(expected);
    const record = JSON.parse(fs.readFileSync(path.join(root, '.course/runs/chapter-07.json'), 'utf8')) as RunRecord;
    expect(record.log).toEqual(lines);
  }, 60_000);
});

describe('chapters 8 and 9: a resumed run ends bit-identical to an uninterrupted one', () => {
  const cwd = process.cwd();
  let directory: string;
  beforeEach(() => {
    // Checkpoints go to .course/checkpoints under the working directory.
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'program-resume-'));
    process.chdir(directory);
  });
  afterEach(() => {
    process.chdir(cwd);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  /** Runs a program quietly; `stopAt` sends a Ctrl-C when that log line's prefix appears. */
  async function runProgram(program: ChapterProgram, options: ProgramOptions, stopAt?: string) {
    const lines: string[] = [];
    const base = consoleContext({ faithful: true, options });
    const context = {
      ...base,
      log(line: string) {
        lines.push(line);
        if (stopAt !== undefined && line.startsWith(stopAt)) process.emit('SIGINT');
      },
    };
    const interrupted = await Promise.resolve(program(context)).then(() => undefined, (error: unknown) => {
      const info = interruptedInfo(error);
      if (info === undefined) throw error;
      return info;
    });
    return { lines: lines.filter((line) => !line.startsWith('(') && !/^# \w+: [\d.]+ s/.test(line)), metrics: base.metrics, interrupted };
  }

  const checkpoints = (): Record<string, Buffer> =>
    Object.fromEntries(
      fs.readdirSync('.course/checkpoints').map((name) => {
        const saved = loadCheckpoint(path.join('.course/checkpoints', name))!;
        return [name, Buffer.concat([Buffer.from(JSON.stringify(saved.meta.randoms)), ...saved.arrays.map((a) => Buffer.from(a.data.buffer))])];
      }),
    );

  async function expectResumeIdentical(program: ChapterProgram, iterations: number, stopAt: string, done: number): Promise<void> {
    const whole = await runProgram(program, { resume: false, iterations });
    const wholeCheckpoints = checkpoints();
    fs.rmSync('.course', { recursive: true });

    const first = await runProgram(program, { resume: false, iterations }, stopAt);
    expect(first.interrupted).toMatchObject({ done, total: iterations });
    const resumed = await runProgram(program, { resume: true, iterations });
    expect(resumed.interrupted).toBeUndefined();
    expect(resumed.lines).toEqual(whole.lines);
    expect(resumed.metrics).toEqual(whole.metrics);
    expect(checkpoints()).toEqual(wholeCheckpoints);
  }

  it('chapter 9 (2 passes, stopped after the first)', async () => {
    await expectResumeIdentical(chapter09, 2, 'I:0 ', 1);
  }, 60_000);

  it('chapter 8 (an experiment with dropout on a slice of the data, 4 passes, stopped after the first check)', async () => {
    const full = loadChapterData();
    const small = (a: NDArray, n: number): NDArray => sliceRows(a, 0, n);
    const data: ChapterData = {
      images: small(full.images, 60),
      labels: small(full.labels, 60),
      validationImages: small(full.validationImages, 40),
      validationLabels: small(full.validationLabels, 40),
      testImages: small(full.testImages, 80),
      testLabels: small(full.testLabels, 80),
    };
    const experiment = { name: 'tiny', title: 'a tiny dropout run', hidden: 12, alpha: 0.005, iterations: 4, batchSize: 1, dropout: true, testLast: true };
    // Checks at I:0 and I:3 (testLast); the Ctrl-C during I:0 stops it after one pass.
    await expectResumeIdentical(async (context) => void (await runExperiment(context, data, experiment)), 4, 'I:0 ', 1);
  }, 60_000);
});
