import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { NDArray } from './ndarray';
import { consoleContext, interruptedInfo, type ProgramContext, type ProgramOptions } from './program';
import { RandomState } from './random';
import { checkpointFile, forgetCheckpoints, openLoop } from './resumable';

/**
 * A toy training loop with everything a real one has: weights changed in place, a generator,
 * accumulated state, log lines and recorded series (one of them NaN). `stopDuring` sends the
 * process a Ctrl-C (a SIGINT event) during that iteration.
 */
async function toyRun(context: ProgramContext, directory: string, stopDuring?: number): Promise<void> {
  const random = new RandomState(context.seed ?? 7);
  const weights = random.random([3, 4]) as NDArray;
  let state = { sum: 0 };
  const loop = openLoop(context, { name: 'toy', label: 'toy', iterations: 6, arrays: [weights], randoms: [random], state: () => state, directory });
  state = loop.restored ?? state;
  try {
    for (let j = loop.start; j < 6; j++) {
      const step = random.randn([3, 4]) as NDArray;
      for (let i = 0; i < weights.data.length; i++) weights.data[i] += 0.1 * step.data[i];
      state = { sum: state.sum + weights.data[0] };
      loop.context.log(`I:${j} w0:${weights.data[0]}`);
      loop.context.record('w0', j, weights.data[0]);
      loop.context.record('nan', j, NaN);
      if (j === stopDuring) process.emit('SIGINT');
      await loop.completed(j);
    }
  } finally {
    loop.close();
  }
  context.log(`sum ${state.sum}`);
}

function quietContext(options: Partial<ProgramOptions> = {}, seed?: number) {
  const context = consoleContext({ seed, options: { resume: false, ...options } });
  const lines: string[] = [];
  return { ...context, lines, log: (line: string) => void lines.push(line) };
}

describe('openLoop (kernels/resumable)', () => {
  let directory: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'resumable-'));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('stops at the end of the iteration Ctrl-C arrived in, and a resumed run ends bit-identical to an uninterrupted one', async () => {
    const whole = quietContext();
    await toyRun(whole, path.join(directory, 'whole'));

    const first = quietContext();
    const stopped = await toyRun(first, path.join(directory, 'split'), 2).then(
      () => undefined,
      (error: unknown) => interruptedInfo(error),
    );
    expect(stopped).toMatchObject({ done: 3, total: 6, label: 'toy' });
    expect(stopped?.message).toBe(`stopped after 3 of 6 iterations of toy; checkpoint saved to ${path.join(directory, 'split', 'toy.ckpt')}`);
    expect(first.lines).toEqual(whole.lines.slice(0, 3));
    expect(process.listeners('SIGINT')).toHaveLength(0);

    const resumed = quietContext({ resume: true });
    await toyRun(resumed, path.join(directory, 'split'));
    expect(resumed.lines.filter((line) => !line.startsWith('(toy: resumed after iteration 3 of 6'))).toEqual(whole.lines);
    expect(resumed.lines).toContain(`(toy: resumed after iteration 3 of 6 from ${path.join(directory, 'split', 'toy.ckpt')})`);
    expect(resumed.metrics).toEqual(whole.metrics);
    expect(resumed.metrics.nan[0][1]).toBeNaN();
    const a = loadCheckpoint(path.join(directory, 'whole', 'toy.ckpt'));
    const b = loadCheckpoint(path.join(directory, 'split', 'toy.ckpt'));
    expect(Buffer.from(b!.arrays[0].data.buffer)).toEqual(Buffer.from(a!.arrays[0].data.buffer));
    expect(b!.meta).toEqual(a!.meta);
  });

  it('resuming a finished run replays its log and trains nothing', async () => {
    const whole = quietContext();
    await toyRun(whole, directory);
    const again = quietContext({ resume: true });
    await toyRun(again, directory);
    expect(again.lines.filter((line) => !line.startsWith('(toy: resumed'))).toEqual(whole.lines);
    expect(again.metrics).toEqual(whole.metrics);
  });

  it('--resume without a checkpoint starts over; a checkpoint of another seed is refused, naming the file', async () => {
    const fresh = quietContext({ resume: true });
    await toyRun(fresh, directory);
    expect(fresh.lines[0]).toMatch(/^I:0 /);
    await expect(toyRun(quietContext({ resume: true }, 3), directory)).rejects.toThrow(
      `toy: ${path.join(directory, 'toy.ckpt')} is a checkpoint of another run (seed default, not 3); run without --resume to start over`,
    );
  });

  it('forgetCheckpoints removes one program\'s checkpoints of one kind only', () => {
    const file = (name: string, faithful: boolean): string => checkpointFile(name, faithful, directory);
    for (const [name, faithful] of [['chapter-08-plain', false], ['chapter-08-batch', false], ['chapter-08-plain', true], ['chapter-09', false]] as const) {
      saveCheckpoint(file(name, faithful), {}, []);
    }
    forgetCheckpoints('chapter-08-', false, directory);
    expect(fs.readdirSync(directory).sort()).toEqual(['chapter-08-plain-faithful.ckpt', 'chapter-09.ckpt']);
  });

  it('a damaged checkpoint names the file and the way out', () => {
    const file = path.join(directory, 'x.ckpt');
    saveCheckpoint(file, { a: 1 }, [NDArray.zeros([2, 2])]);
    fs.truncateSync(file, fs.statSync(file).size - 8);
    expect(() => loadCheckpoint(file)).toThrow(`loadCheckpoint: ${file} is truncated; delete it to start over (or run without --resume)`);
  });
});

describe('RandomState.getState / setState', () => {
  it('a restored generator draws exactly what the original draws next, the cached Gaussian included', () => {
    const original = new RandomState(5);
    original.random([700]);
    original.randn();
    const copy = new RandomState(0);
    copy.setState(JSON.parse(JSON.stringify(original.getState())));
    expect(copy.randn([5])).toEqual(original.randn([5]));
    expect(copy.random([700])).toEqual(original.random([700]));
  });

  it('refuses a state that is not MT19937', () => {
    expect(() => new RandomState(1).setState({ mt: [1, 2], index: 0, hasGauss: false, gauss: 0 })).toThrow('RandomState.setState');
  });
});
