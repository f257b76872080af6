/**
 * `npm run prose:check`: keeps the chapter prose honest.
 *
 * - Every ```ts block of a chapter README is a module that must type-check as if it were a file
 *   in solutions/chapter-NN/ (so `./forward` and `../../kernels` resolve). The blocks are written
 *   into a temporary folder that mirrors the repository (its other entries are symbolic links)
 *   and type-checked together in one TypeScript program; errors are reported at README:line.
 * - A block whose info string is `ts run` is also executed (all in one tsx process), and what
 *   it prints must equal the ```text output block that follows it.
 *
 * Ends with "N passed, N failed", counting blocks.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { loadCourse, repoRoot } from './paths.mjs';

export interface ProseBlock {
  /** README path relative to the repository root. */
  readonly readme: string;
  readonly chapterId: string;
  /** Line of the opening fence (1-based). */
  readonly line: number;
  readonly code: string;
  readonly run: boolean;
  /** The expected output of a `ts run` block, or null when no ```text output block follows. */
  readonly expected: string | null;
}

/** The ```ts blocks of a README, with the ```text output block after each `ts run` block. */
export function extractBlocks(readme: string, chapterId: string, source: string): ProseBlock[] {
  const lines = source.split('\n');
  const fences: Array<{ info: string; line: number; body: string }> = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const marker = open[2];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${marker[0]}{${marker.length},}\\s*$`).test(lines[j])) {
      body.push(lines[j]);
      j += 1;
    }
    fences.push({ info: open[3].trim(), line: i + 1, body: body.join('\n') });
    i = j;
  }
  const blocks: ProseBlock[] = [];
  fences.forEach((fence, k) => {
    const words = fence.info.split(/\s+/);
    if (words[0] !== 'ts' && words[0] !== 'typescript') return;
    const run = words.includes('run');
    const next = fences[k + 1];
    const expected = run && next && next.info.split(/\s+/)[0] === 'text' && next.info.split(/\s+/).includes('output') ? next.body : null;
    blocks.push({ readme, chapterId, line: fence.line, code: fence.body, run, expected });
  });
  return blocks;
}

/** A temporary copy of the repository layout whose entries link to the real ones. */
function mirror(chapterIds: readonly string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prose-check-'));
  for (const name of fs.readdirSync(repoRoot)) {
    if (name === 'solutions' || name.startsWith('.')) continue;
    fs.symlinkSync(path.join(repoRoot, name), path.join(root, name));
  }
  const solutions = path.join(root, 'solutions');
  fs.mkdirSync(solutions);
  const realSolutions = path.join(repoRoot, 'solutions');
  for (const name of fs.existsSync(realSolutions) ? fs.readdirSync(realSolutions) : []) {
    if (!chapterIds.includes(name)) fs.symlinkSync(path.join(realSolutions, name), path.join(solutions, name));
  }
  for (const id of chapterIds) {
    const dir = path.join(solutions, id);
    fs.mkdirSync(dir);
    const real = path.join(realSolutions, id);
    for (const name of fs.existsSync(real) ? fs.readdirSync(real) : []) fs.symlinkSync(path.join(real, name), path.join(dir, name));
  }
  return root;
}

interface BlockFile {
  readonly block: ProseBlock;
  readonly file: string;
  problems: string[];
}

function typeCheck(files: readonly BlockFile[]): void {
  const configFile = ts.readConfigFile(path.join(repoRoot, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, repoRoot);
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, rootDir: undefined, types: ['node'], noUnusedLocals: false };
  const program = ts.createProgram(
    files.map((entry) => entry.file),
    options,
  );
  const byFile = new Map(files.map((entry) => [fs.realpathSync(entry.file), entry]));
  const diagnostics = ts.getPreEmitDiagnostics(program);
  for (const diagnostic of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const source = diagnostic.file ? fs.realpathSync(diagnostic.file.fileName) : null;
    const entry = source ? byFile.get(source) : undefined;
    if (entry && diagnostic.file && diagnostic.start !== undefined) {
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      entry.problems.push(`${entry.block.readme}:${entry.block.line + 1 + line}: TS${diagnostic.code}: ${message}`);
    } else if (source === null || !source.includes('node_modules')) {
      // An error outside the blocks (in a solution they import) is reported against every block.
      const where = diagnostic.file ? path.relative(repoRoot, diagnostic.file.fileName) : 'tsconfig';
      for (const file of files) file.problems.push(`${file.block.readme}:${file.block.line}: error in ${where}: ${message}`);
    }
  }
}

const runnerSource = `
const files = JSON.parse(process.argv[2]);
const results = [];
const write = process.stdout.write.bind(process.stdout);
for (const file of files) {
  let output = '';
  const capture = (chunk) => { output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'); return true; };
  process.stdout.write = capture;
  let error = null;
  try {
    require(file);
  } catch (thrown) {
    error = thrown && thrown.stack ? String(thrown.stack) : String(thrown);
  } finally {
    process.stdout.write = write;
  }
  results.push({ file, output, error });
}
write(JSON.stringify(results));
`;

function runBlocks(root: string, files: readonly BlockFile[]): void {
  const toRun = files.filter((entry) => entry.block.run);
  if (toRun.length === 0) return;
  const runner = path.join(root, 'prose-runner.cjs');
  fs.writeFileSync(runner, runnerSource);
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsx, runner, JSON.stringify(toRun.map((entry) => entry.file))], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  let results: Array<{ file: string; output: string; error: string | null }>;
  try {
    results = JSON.parse(result.stdout) as typeof results;
  } catch {
    for (const entry of toRun) entry.problems.push(`${entry.block.readme}:${entry.block.line}: the runner failed: ${result.stderr || result.error?.message}`);
    return;
  }
  const normalise = (text: string): string =>
    text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim();
  for (const entry of toRun) {
    const outcome = results.find((candidate) => candidate.file === entry.file);
    const where = `${entry.block.readme}:${entry.block.line}`;
    if (!outcome) {
      entry.problems.push(`${where}: the block did not run`);
    } else if (outcome.error !== null) {
      entry.problems.push(`${where}: the block threw: ${outcome.error.split('\n').slice(0, 4).join('\n    ')}`);
    } else if (entry.block.expected === null) {
      entry.problems.push(`${where}: a \`ts run\` block must be followed by a \`text output\` block with what it prints`);
    } else if (normalise(outcome.output) !== normalise(entry.block.expected)) {
      entry.problems.push(`${where}: the output differs from the text output block\n  expected:\n    ${normalise(entry.block.expected).split('\n').join('\n    ')}\n  printed:\n    ${normalise(outcome.output).split('\n').join('\n    ')}`);
    }
  }
}

export interface ProseReport {
  readonly passed: number;
  readonly failed: number;
  readonly problems: readonly string[];
}

export function checkProse(): ProseReport {
  const course = loadCourse();
  const blocks: ProseBlock[] = [];
  for (const chapter of course.chapters) {
    const readme = `chapters/${chapter.id}/README.md`;
    const file = path.join(repoRoot, readme);
    if (!fs.existsSync(file)) continue;
    blocks.push(...extractBlocks(readme, chapter.id, fs.readFileSync(file, 'utf8')));
  }
  if (blocks.length === 0) return { passed: 0, failed: 0, problems: [] };
  const chapterIds = [...new Set(blocks.map((block) => block.chapterId))];
  const root = mirror(chapterIds);
  try {
    const files: BlockFile[] = blocks.map((block) => {
      const file = path.join(root, 'solutions', block.chapterId, `prose-block-${block.line}.ts`);
      // "export {}" makes every block a module, so two blocks may use the same names.
      fs.writeFileSync(file, `${block.code}\nexport {};\n`);
      return { block, file, problems: [] };
    });
    typeCheck(files);
    runBlocks(root, files);
    const failed = files.filter((entry) => entry.problems.length > 0);
    return { passed: files.length - failed.length, failed: failed.length, problems: failed.flatMap((entry) => entry.problems) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  const started = performance.now();
  const report = checkProse();
  for (const problem of report.problems) console.error(problem);
  console.log(`prose: checked in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${report.passed} passed, ${report.failed} failed`);
  if (report.failed > 0) process.exitCode = 1;
}
