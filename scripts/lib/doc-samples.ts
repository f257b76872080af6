/**
 * The sample outputs in docs/tools.md that a script produces (`npm run docs:samples`): each is a
 * short session of real commands run in a fresh fixture course (scripts/lib/fixture-course),
 * with what changes from run to run (times, dates, the temporary folder) replaced by fixed text,
 * so the samples are deterministic and a test can tell when the docs drift from the tools.
 *
 * In docs/tools.md a generated sample sits between `<!-- sample: NAME -->` and
 * `<!-- /sample -->`; everything else in the file is written by hand.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeFixtureCourse } from './fixture-course.fixtures';
import { findChapter, loadCourse } from './course';
import { resetChapter } from './reset';

/** One command of a session: what the docs show, what runs, and optionally when to press Ctrl-C. */
interface Step {
  /** The command as a learner types it, e.g. `npm run reset -- chapter-07`. */
  readonly shown: string;
  /** The script under scripts/ and its arguments. */
  readonly script: string;
  readonly args: readonly string[];
  /** Press Ctrl-C once this text has been printed. */
  readonly interruptAfter?: string;
  /** Show `$ echo $?` and the status after the output. */
  readonly showStatus?: boolean;
  /** Change the course before the command runs (e.g. "the learner answers 7.1"). */
  readonly before?: (root: string) => void;
}

interface Sample {
  readonly name: string;
  readonly steps: readonly Step[];
}

/** A fixture chapter program that trains six slow iterations and can be interrupted and resumed. */
const RESUMABLE_PROGRAM = `import { RandomState, type NDArray } from '../../kernels';
import type { ProgramContext } from '../../kernels/program';
import { openLoop } from '../../kernels/resumable';

export async function run(context: ProgramContext): Promise<void> {
  const random = new RandomState(1);
  const weights = random.random([2, 2]) as NDArray;
  const total = 6;
  const loop = openLoop(context, { name: 'chapter-07', iterations: total, arrays: [weights], randoms: [random], state: () => null });
  try {
    for (let j = loop.start; j < total; j++) {
      weights.data[0] += random.nextDouble();
      loop.context.log(\`I:\${j} w:\${weights.data[0].toFixed(4)}\`);
      // A slow pass, as a real one is (the Ctrl-C of the sample arrives during it).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
      await loop.completed(j);
    }
  } finally {
    loop.close();
  }
}
`;

const answer71 = (root: string): void => {
  const file = path.join(root, 'chapters/chapter-07/demo.ts');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/throw new NotImplementedError\([^)]*'7\.1'[^)]*\);/, 'return x + x;'));
};

const wrong73 = (root: string): void => {
  const file = path.join(root, 'chapters/chapter-07/demo.ts');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/throw new NotImplementedError\([^)]*'7\.3'[^)]*\);/, 'return 3 + x;'));
};

export const SAMPLES: readonly Sample[] = [
  {
    name: 'chapter-test',
    steps: [
      { shown: 'npm test chapter-07', script: 'course-test', args: ['chapter-07'] },
      { shown: 'npm test chapter-07 -- -t 7.1', script: 'course-test', args: ['chapter-07', '-t', '7.1'], before: answer71, showStatus: true },
      { shown: 'npm test chapter-07 -- -t 7.3', script: 'course-test', args: ['chapter-07', '-t', '7.3'], before: wrong73, showStatus: true },
    ],
  },
  {
    name: 'progress',
    steps: [
      { shown: 'npm run progress', script: 'progress', args: [] },
      { shown: 'npm run progress -- --run', script: 'progress', args: ['--run'] },
      { shown: 'npm test chapter-07 -- -t 7.1', script: 'course-test', args: ['chapter-07', '-t', '7.1'], before: answer71 },
      { shown: 'npm run progress', script: 'progress', args: [] },
    ],
  },
  {
    name: 'reset',
    steps: [
      { shown: 'npm run reset -- chapter-07 --task 7.1', script: 'reset', args: ['chapter-07', '--task', '7.1'], before: answer71 },
      { shown: 'npm run reset -- chapter-07', script: 'reset', args: ['chapter-07'], before: answer71 },
      { shown: 'npm run reset -- chapter-07', script: 'reset', args: ['chapter-07'] },
      { shown: 'npm run reset -- chapter-07 --undo', script: 'reset', args: ['chapter-07', '--undo'] },
      { shown: 'npm run reset', script: 'reset', args: [], showStatus: true },
    ],
  },
  {
    name: 'chapter-resume',
    steps: [
      { shown: 'npm run chapter -- 07 --solution', script: 'chapter', args: ['07', '--solution', '--no-progress'], interruptAfter: 'I:2 ' },
      { shown: 'npm run chapter -- 07 --solution --resume', script: 'chapter', args: ['07', '--solution', '--no-progress', '--resume'] },
    ],
  },
  {
    name: 'usage-errors',
    steps: [
      { shown: 'npm test chapter-07 -- --bogus', script: 'course-test', args: ['chapter-07', '--bogus'], showStatus: true },
    ],
  },
];

/** A fixture course with the tools, the resumable program and a fresh learner checkout. */
function sampleCourse(): string {
  const root = makeFixtureCourse({ withTools: true });
  fs.writeFileSync(path.join(root, 'solutions/chapter-07/program.ts'), RESUMABLE_PROGRAM);
  const manifest = path.join(root, 'chapters/chapter-07/chapter.json');
  fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, 'utf8')), program: 'program.ts' }));
  resetChapter(findChapter(loadCourse(root), '07'), root);
  fs.rmSync(path.join(root, '.backups'), { recursive: true, force: true });
  return root;
}

/** What varies between runs, replaced by fixed text. */
export function normalise(text: string, root: string): string {
  return text
    .split(root).join('.')
    .replace(/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(-\d+)?/g, '2026-12-01T12-00-00')
    .replace(/ran in [\d.]+ m?s/g, 'ran in 0.1 s');
}

function runStep(root: string, step: Step): Promise<{ output: string; status: number | null }> {
  return new Promise((resolve) => {
    // One pipe for stdout and stderr keeps their order; node --import tsx is what npm runs.
    const command = [process.execPath, '--import', 'tsx', `scripts/${step.script}.ts`, ...step.args].map((part) => `'${part}'`).join(' ');
    const child = spawn('sh', ['-c', `exec ${command} 2>&1`], {
      cwd: root,
      detached: true,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', COURSE_TARGET: '' },
    });
    let output = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (step.interruptAfter !== undefined && !interrupted && output.includes(step.interruptAfter)) {
        interrupted = true;
        process.kill(-child.pid!, 'SIGINT');
      }
    });
    child.on('close', (status) => resolve({ output, status }));
  });
}

/** Runs one sample's session and returns its text block (without the fences). */
async function renderSample(sample: Sample): Promise<string> {
  const root = sampleCourse();
  try {
    const lines: string[] = [];
    for (const step of sample.steps) {
      step.before?.(root);
      const { output, status } = await runStep(root, step);
      lines.push(`$ ${step.shown}`);
      const text = normalise(output, root).replace(/\n+$/, '');
      // A terminal echoes the Ctrl-C as ^C where the cursor is: at the start of the next line.
      if (text !== '') lines.push(...text.split('\n').map((line) => (step.interruptAfter !== undefined && line.startsWith('stopped after') ? `^C${line}` : line)));
      if (step.showStatus) lines.push('$ echo $?', String(status));
    }
    return lines.join('\n');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Every sample, by name, freshly produced. */
export async function renderSamples(): Promise<Map<string, string>> {
  const rendered = await Promise.all(SAMPLES.map(async (sample) => [sample.name, await renderSample(sample)] as const));
  return new Map(rendered);
}

const BLOCK = /<!-- sample: ([\w-]+) -->\n```text\n([\s\S]*?)```\n<!-- \/sample -->/g;

/** The generated blocks of a docs file, by name. */
export function samplesIn(markdown: string): Map<string, string> {
  return new Map([...markdown.matchAll(BLOCK)].map((match) => [match[1], match[2].replace(/\n$/, '')]));
}

/** The docs file with every generated block replaced by its fresh text. */
export function withSamples(markdown: string, samples: ReadonlyMap<string, string>): string {
  return markdown.replace(BLOCK, (whole, name: string) => {
    const text = samples.get(name);
    return text === undefined ? whole : `<!-- sample: ${name} -->\n\`\`\`text\n${text}\n\`\`\`\n<!-- /sample -->`;
  });
}
