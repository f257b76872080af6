/**
 * `npm run data` (scripts/lib/data-cli.ts) against a local server: usage errors exit 2, a
 * download that fails exits 1 with one line. The downloader itself is tested in
 * kernels/datasets/download.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BABI_TASK1_FILES, SHIPPED_BABI_DIR } from '../../kernels/datasets/babi-files';
import { runDataCommand } from './data-cli';
import { useLocalServer } from '../../kernels/datasets/local-server.fixtures';

const local = useLocalServer('data-cli-');

/** The real task files the course ships, which is what the book's repository serves. */
function serveBabi(): void {
  for (const file of BABI_TASK1_FILES) local.routes.set(`/${file.name}`, { body: fs.readFileSync(path.join(SHIPPED_BABI_DIR, file.name)) });
}

describe('npm run data (runDataCommand)', () => {
  function capture(): { io: { out: (l: string) => void; err: (l: string) => void; progress: boolean }; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l) => out.push(l), err: (l) => err.push(l), progress: false }, out, err };
  }

  it('exits 2 on an unknown name and lists the valid ones', async () => {
    const { io, err } = capture();
    expect(await runDataCommand(['nope'], io)).toBe(2);
    expect(err.join('\n')).toContain('valid names are imdb, babi, shakespeare, enron');
  });

  it('prints usage and exits 2 on a bad argument or no name', async () => {
    for (const [argv, problem] of [[['--bogus'], 'unknown option --bogus'], [[], 'data: name at least one dataset'], [['--base-url'], '--base-url needs a value']] as const) {
      const { io, err } = capture();
      expect(await runDataCommand(argv, io)).toBe(2);
      expect(err.join('\n')).toContain(problem);
      expect(err.join('\n')).toContain('usage: npm run data');
    }
  });

  it('--help and --list print the usage with every dataset and exit 0', async () => {
    for (const argv of [['--help'], ['--list']]) {
      const { io, out } = capture();
      expect(await runDataCommand(argv, io)).toBe(0);
      expect(out.join('\n')).toMatch(/usage: npm run data[\s\S]*babi/);
    }
  });

  it('downloads with --base-url and --data-dir, and exits 1 with one line on failure', async () => {
    serveBabi();
    const ok = capture();
    expect(await runDataCommand(['babi', '--base-url', local.baseUrl, '--data-dir', local.dataDir], ok.io)).toBe(0);
    expect(ok.out.join('\n')).toContain('matches the registry');
    local.routes.clear();
    const bad = capture();
    expect(await runDataCommand(['enron', '--base-url', local.baseUrl, '--data-dir', local.dataDir], bad.io)).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toContain('run npm run data -- enron --force');
  });
});
