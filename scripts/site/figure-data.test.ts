import fs from 'node:fs';
import { figures as chapter08 } from '../../docs/figures/chapter-08';
import { figures as chapter09 } from '../../docs/figures/chapter-09';
import { figures as chapter10 } from '../../docs/figures/chapter-10';
import { figures as chapter14 } from '../../docs/figures/chapter-14';
import { dataDirectory, recordCommand, recordedRun, recordedRuns, recordedSeries } from '../../docs/figures/recorded';
import type { RunRecord } from '../lib/runs';
import { extractRun, formatExtract } from './figure-data';

const fromRecordedRuns = { ...chapter08, ...chapter09, ...chapter10, ...chapter14 };

describe('docs/figures/data: the committed extracts of recorded runs', () => {
  it('holds one extract per recorded run the figures need, and nothing else', () => {
    const files = fs.readdirSync(dataDirectory).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual(recordedRuns.map((spec) => `${spec.file}.json`).sort());
  });

  describe.each(recordedRuns.map((spec) => [spec.file, spec] as const))('%s', (file, spec) => {
    it('says which run it is: chapter, faithful flag, seed, Node version, date, command', () => {
      const run = recordedRun(file);
      expect(run.chapter).toBe(`chapter-${String(spec.chapter).padStart(2, '0')}`);
      expect(run.faithful).toBe(spec.faithful);
      expect(run.seed === null || Number.isInteger(run.seed)).toBe(true);
      expect(run.node).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(run.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(run.command.startsWith(recordCommand(spec))).toBe(true);
      expect(Object.keys(run).sort()).toEqual(['chapter', 'command', 'date', 'faithful', 'node', 'seed', 'series']);
    });

    it('has every series its figures read, and only those, as finite [step, value] pairs', () => {
      const run = recordedRun(file);
      expect(Object.keys(run.series).sort()).toEqual([...spec.series].sort());
      for (const name of spec.series) {
        const points = recordedSeries(file, name);
        expect(points.length).toBeGreaterThan(0);
        for (const [step, value] of points) {
          expect(Number.isInteger(step)).toBe(true);
          expect(Number.isFinite(value)).toBe(true);
        }
      }
    });
  });
});

describe('figures drawn from recorded runs', () => {
  it.each(Object.keys(fromRecordedRuns))('%s draws the same SVG on every call', (id) => {
    const first = fromRecordedRuns[id]();
    expect(first.startsWith('<svg')).toBe(true);
    expect(first).not.toMatch(/NaN|undefined|Infinity/);
    expect(fromRecordedRuns[id]()).toBe(first);
  });

  it('refuses a series its run does not list', () => {
    expect(() => recordedSeries('chapter-08-faithful', 'plain/train-error')).toThrow(/"plain\/train-error" of "chapter-08-faithful" is not listed/);
  });
});

describe('extractRun', () => {
  const spec = recordedRuns.find((candidate) => candidate.file === 'chapter-09-faithful')!;
  const record: RunRecord = {
    chapter: 'chapter-09',
    program: 'solutions/chapter-09/program.ts',
    source: 'solution',
    faithful: true,
    seed: null,
    startedAt: '2024-05-06T07:08:09.000Z',
    wallTimeMs: 1234,
    node: 'v20.1.0',
    series: { 'train-accuracy': [[0, 0.1234567891]], 'test-accuracy': [[0, 0.5]], 'train-loss': [[0, 2]] },
    log: ['I:0'],
  };

  it('keeps the listed series rounded to 6 digits, the date and the command, and no paths or logs', () => {
    const extract = extractRun(record, spec);
    expect(extract).toEqual({
      chapter: 'chapter-09',
      faithful: true,
      seed: null,
      node: 'v20.1.0',
      date: '2024-05-06',
      command: 'npm run chapter -- 09 --solution --faithful',
      series: { 'train-accuracy': [[0, 0.123457]], 'test-accuracy': [[0, 0.5]] },
    });
    expect(JSON.parse(formatExtract(extract))).toEqual(extract);
  });

  it("puts a run's own options after --solution", () => {
    expect(recordCommand({ chapter: 14, faithful: false, args: '--iterations 8' })).toBe('npm run chapter -- 14 --solution --iterations 8');
    expect(recordCommand({ chapter: 9, faithful: true })).toBe('npm run chapter -- 09 --solution --faithful');
  });

  it('names the seed in the command when the run had one', () => {
    expect(extractRun({ ...record, seed: 7 }, spec).command).toBe('npm run chapter -- 09 --solution --faithful --seed 7');
  });

  it('rejects a learner run, another run, or a missing series', () => {
    expect(() => extractRun({ ...record, source: 'learner' }, spec)).toThrow(/learner's code/);
    expect(() => extractRun({ ...record, faithful: false }, spec)).toThrow(/not chapter-09 --faithful/);
    expect(() => extractRun({ ...record, series: { 'train-accuracy': [[0, 1]] } }, spec)).toThrow(/no series "test-accuracy"/);
  });
});
