/**
 * npx tsx scripts/site/figure-data.ts [NN ...] [--from-runs]
 *
 * Refreshes docs/figures/data/: for every recorded run the figures need (docs/figures/recorded.ts),
 * runs the chapter's reference program (`npm run chapter -- NN --solution [--faithful]`), reads
 * the record it leaves in .course/runs/ and writes the extract the figure generators read: only
 * the series they use, values rounded to 6 significant digits, with the chapter, the faithful
 * flag, the seed, the Node version and the date. Commit the changed extracts.
 *
 * With chapter numbers, only those chapters. With --from-runs the programs are not run: the
 * records already in .course/runs/ are used (they must come from --solution runs).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type RecordedRun, type RecordedRunSpec, dataDirectory, recordCommand, recordedRuns } from '../../docs/figures/recorded';
import { defineTool, tool } from '../lib/cli';
import { UsageError, findChapter, loadCourse, repoRoot } from '../lib/course';
import { type RunRecord, runRecordPath } from '../lib/runs';

const USAGE = `usage: npx tsx scripts/site/figure-data.ts [<chapter> ...] [--from-runs]
  <chapter>    only the runs of these chapters (default: every run the figures need: ${[...new Set(recordedRuns.map((spec) => spec.chapter))].join(', ')})
  --from-runs  use the records already in .course/runs/ instead of running the programs`;

/** Keeps what the figures need of a run record, checking it is the run the spec asks for. */
export function extractRun(record: RunRecord, spec: RecordedRunSpec): RecordedRun {
  const expected = `chapter-${String(spec.chapter).padStart(2, '0')}`;
  if (record.chapter !== expected || record.faithful !== spec.faithful) {
    throw new Error(`${spec.file}: the record is of ${record.chapter}${record.faithful ? ' --faithful' : ''}, not ${expected}${spec.faithful ? ' --faithful' : ''}`);
  }
  if (record.source !== 'solution') {
    throw new Error(`${spec.file}: the record is of the learner's code; figures use the reference (${recordCommand(spec)})`);
  }
  const series: Record<string, Array<[number, number]>> = {};
  for (const name of spec.series) {
    const points = record.series[name];
    if (points === undefined || points.length === 0) {
      throw new Error(`${spec.file}: the program recorded no series "${name}" (it has: ${Object.keys(record.series).join(', ') || 'none'})`);
    }
    series[name] = points.map(([step, value]) => [step, Number(value.toPrecision(6))]);
  }
  return {
    chapter: record.chapter,
    faithful: record.faithful,
    seed: record.seed,
    node: record.node,
    date: record.startedAt.slice(0, 10),
    command: recordCommand(spec) + (record.seed === null ? '' : ` --seed ${record.seed}`),
    series,
  };
}

/** The extract as JSON: the fields one a line, each series on one line, so a refresh diffs by series. */
export function formatExtract(run: RecordedRun): string {
  const { series, ...fields } = run;
  const head = Object.entries(fields).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  const lines = Object.entries(series).map(([name, points]) => `    ${JSON.stringify(name)}: ${JSON.stringify(points)}`);
  return `{\n${head.join(',\n')},\n  "series": {\n${lines.join(',\n')}\n  }\n}\n`;
}

const figureDataTool = tool({
  usage: USAGE,
  positionals: true,
  options: { 'from-runs': { type: 'boolean', default: false } },
  main({ values, positionals }) {
    const course = loadCourse();
    const wanted = new Set(positionals.map((text) => findChapter(course, text).number));
    const specs = recordedRuns.filter((spec) => wanted.size === 0 || wanted.has(spec.chapter));
    if (specs.length === 0) throw new UsageError(`no figure needs a recorded run of chapter ${positionals.join(', ')}\n${USAGE}`);
    fs.mkdirSync(dataDirectory, { recursive: true });
    for (const spec of specs) {
      const chapter = findChapter(course, String(spec.chapter));
      if (!values['from-runs']) {
        const command = recordCommand(spec);
        console.error(`figure-data: ${command}`);
        const [program, ...args] = `${command} --no-progress`.split(' ');
        const result = spawnSync(program, args, { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
        if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status ?? result.signal})`);
      }
      const recordFile = runRecordPath(chapter, spec.faithful);
      const location = path.join(repoRoot, recordFile);
      if (!fs.existsSync(location)) throw new UsageError(`${recordFile} is missing: run ${recordCommand(spec)} first, or leave out --from-runs`);
      const record = JSON.parse(fs.readFileSync(location, 'utf8')) as RunRecord;
      const extract = extractRun(record, spec);
      const target = path.join(dataDirectory, `${spec.file}.json`);
      fs.writeFileSync(target, formatExtract(extract));
      console.error(`figure-data: ${path.relative(repoRoot, target)} (${spec.series.length} series, run of ${extract.date})`);
    }
    return 0;
  },
});

if (require.main === module) defineTool(figureDataTool);
