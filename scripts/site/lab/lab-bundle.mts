/**
 * The site's in-browser exercises, built with the site (`npm run docs`): every `*.test.ts` file of
 * every chapter with exercises is bundled as it is (esbuild, no copy) into `lab/<chapter>/<file>.js`,
 * with the learner's modules left open: an import of a chapter's own file (`./forward`) becomes
 * `__courseLab.learner('forward.ts')`, which the worker fills with the code in the editor. The
 * modules the stubs import (kernels, earlier chapters' solutions) are bundled too and handed to
 * the learner's code through `__courseLab.provide`. A test file that needs node (the MNIST files
 * on disk) or jest features the browser runner lacks is listed with the reason, to run locally.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import type { Chapter } from '../paths.mjs';
import { writeMnistSubset } from './mnist-subset-build.mjs';

/** One test file of a chapter, as the browser sees it. */
export interface LabTestFile {
  /** "forward.test.ts". */
  readonly file: string;
  /** The bundle, relative to the site root; null when the file runs only locally. */
  readonly bundle: string | null;
  /** The task ids its describe titles name. */
  readonly tasks: readonly string[];
  /** Why it runs only locally, or null. */
  readonly localOnly: string | null;
  /** Node modules its imports reach (stand-ins that throw NeedsYourMachine when a test calls them). */
  readonly nodeModules?: readonly string[];
  /** Bundle size in bytes (0 when there is none). */
  readonly bytes: number;
  /** Data sets its tests read from disk (they run only locally), e.g. ["MNIST"]. */
  readonly datasets?: readonly string[];
}

/** lab/<chapter>.json: what the page and the worker need to run a chapter's tests. */
export interface LabManifest {
  readonly chapter: Chapter;
  /** The stub of every learner file of the chapter, by file name. */
  readonly stubs: Readonly<Record<string, string>>;
  readonly tests: readonly LabTestFile[];
}

/** Node modules the kernels use that have a browser stand-in; any other node module means "local only". */
const BROWSER_STAND_INS: Record<string, string> = {
  os: 'export const availableParallelism = () => 1; export const cpus = () => [{}]; export default { availableParallelism, cpus };',
  worker_threads: [
    'export const isMainThread = true; export const workerData = undefined; export const parentPort = null;',
    "export class Worker { constructor() { throw new Error('kernels: threads are not available in the browser'); } }",
    'export default { isMainThread, workerData, parentPort, Worker };',
  ].join('\n'),
  path: [
    "const join = (...parts) => parts.filter(Boolean).join('/').replace(/\\/+/g, '/');",
    "export const sep = '/'; export { join }; export const resolve = join; export const relative = (a, b) => b;",
    "export const dirname = (p) => p.replace(/\\/[^/]*$/, ''); export const basename = (p) => p.replace(/^.*\\//, '');",
    "export const extname = (p) => (/\\.[^./]*$/.exec(p) || [''])[0];",
    // DatasetError (kernels/datasets) shows paths relative to the repository, so a dataset read in the browser fails with its own message.
    "export const isAbsolute = (p) => p.startsWith('/');",
    'export default { sep, join, resolve, relative, dirname, basename, extname, isAbsolute };',
  ].join('\n'),
};

const NODE_MODULE = /^(node:)?(assert|buffer|child_process|crypto|events|fs|fs\/promises|http|https|net|os|path|readline|stream|url|util|v8|vm|worker_threads|zlib)$/;

/**
 * A node module the browser lacks: every export of the real module (read here, at build time)
 * becomes a function that throws a NeedsYourMachine error when called, so modules that only
 * import it still load, and a test that really reads a file says why it cannot run here.
 */
function nodeStandIn(name: string): string {
  const real = createRequire(import.meta.url)(`node:${name}`) as Record<string, unknown>;
  const names = Object.keys(real).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default');
  return [
    `const fail = (what) => function () { const error = new Error('node:${name} ' + what + ' is not available in the browser: this test needs your machine'); error.name = 'NeedsYourMachine'; throw error; };`,
    ...names.map((key) => `export const ${key} = fail(${JSON.stringify(key)});`),
    `export default { ${names.join(', ')} };`,
  ].join('\n');
}

/** The learner files of a chapter folder: its .ts files that are neither tests nor fixtures. */
export function learnerFiles(chapterDir: string): string[] {
  return fs
    .readdirSync(chapterDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.fixtures.ts') && !name.endsWith('.d.ts'))
    .sort();
}

/** The chapter's test files, as jest's chapters project finds them (`*.test.ts`). */
export function testFiles(chapterDir: string): string[] {
  return fs.readdirSync(chapterDir).filter((name) => name.endsWith('.test.ts')).sort();
}

/** Task ids named by `describe('task N.M ...')` titles in a test file. */
export function tasksOfTestFile(source: string): string[] {
  return [...new Set([...source.matchAll(/describe\(\s*['"`]task (\d+\.\d+)(?=[\s'"`])/g)].map((match) => match[1]))];
}

/**
 * The loaders of kernels/datasets that read files from disk, by the data set they read. A test
 * file that calls one has tests the browser cannot run: the page says so before the learner
 * runs them, and the worker reports "could not run" with the local command when they do.
 */
const DATASET_LOADERS: Record<string, RegExp> = {
  MNIST: /\b(mnistForBook|loadMnist|loadMnistRaw|readMnistSplit)\s*\(/,
};

/** The data sets a test file's source reads through the kernels' loaders. */
export function datasetsOfTestFile(source: string): string[] {
  return Object.entries(DATASET_LOADERS)
    .filter(([, loader]) => loader.test(source))
    .map(([name]) => name);
}

/** The module specifiers a learner file imports at run time (type-only imports left out). */
export function runtimeImports(source: string): string[] {
  const specs = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm), ...source.matchAll(/^import\s+'([^']+)'/gm)].map((match) => match[1]);
  return [...new Set(specs)].filter((spec) => !spec.startsWith('./'));
}

/** The esbuild plugin: learner modules stay open, node modules get stand-ins or mark the file local-only. */
function labPlugin(chapterDir: string, learner: ReadonlySet<string>, needsNode: Set<string>): esbuild.Plugin {
  return {
    name: 'course-lab',
    setup(build) {
      build.onResolve({ filter: NODE_MODULE }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'lab-node' }));
      build.onLoad({ filter: /.*/, namespace: 'lab-node' }, (args) => {
        const standIn = BROWSER_STAND_INS[args.path];
        if (standIn !== undefined) return { contents: standIn, loader: 'js' };
        needsNode.add(args.path);
        return { contents: nodeStandIn(args.path), loader: 'js' };
      });
      build.onResolve({ filter: /^\.\/[^/]+$/ }, (args) => {
        if (path.resolve(args.resolveDir) !== path.resolve(chapterDir)) return undefined;
        const file = `${args.path.slice(2).replace(/\.ts$/, '')}.ts`;
        return learner.has(file) ? { path: file, namespace: 'lab-learner' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'lab-learner' }, (args) => ({
        contents: `module.exports = globalThis.__courseLab.learner(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

/** `course-lab:provider`: the module that hands the stubs' imports to the learner's code. */
function providerPlugin(chapterDir: string, contents: string): esbuild.Plugin {
  return {
    name: 'course-lab-provider',
    setup(build) {
      build.onResolve({ filter: /^course-lab:provider$/ }, () => ({ path: 'provider', namespace: 'lab-provider' }));
      build.onLoad({ filter: /.*/, namespace: 'lab-provider' }, () => ({ contents, resolveDir: chapterDir, loader: 'js' }));
    },
  };
}

export interface BundleOptions {
  /** The repository (or a copy of it) whose chapters/ are bundled. */
  readonly root: string;
  readonly chapter: Chapter;
  /** The site folder; bundles go to <siteDir>/lab/<chapter>/. */
  readonly siteDir: string;
  readonly minify?: boolean;
}

/** Bundles every test file of one chapter and writes lab/<chapter>.json; returns the manifest. */
export async function bundleChapter(options: BundleOptions): Promise<LabManifest> {
  const { root, chapter, siteDir } = options;
  const chapterDir = path.join(root, 'chapters', chapter.id);
  const learner = learnerFiles(chapterDir);
  const learnerSet = new Set(learner);
  const stubs = Object.fromEntries(learner.map((file) => [file, fs.readFileSync(path.join(chapterDir, file), 'utf8')]));
  const provided = [...new Set(learner.flatMap((file) => runtimeImports(stubs[file])))].sort();
  const provider = provided
    .map((spec, i) => `import * as m${i} from ${JSON.stringify(spec)};\nglobalThis.__courseLab.provide(${JSON.stringify(spec)}, m${i});`)
    .join('\n');
  const outDir = path.join(siteDir, 'lab', chapter.id);
  fs.mkdirSync(outDir, { recursive: true });
  const tests: LabTestFile[] = [];
  for (const file of testFiles(chapterDir)) {
    const source = fs.readFileSync(path.join(chapterDir, file), 'utf8');
    const tasks = tasksOfTestFile(source);
    const unsupported = /\b(beforeAll|beforeEach|afterAll|afterEach|jest\.\w+|(?:describe|it|test)\.(?:each|only|skip|todo|concurrent))\b/.exec(source);
    if (unsupported) {
      tests.push({ file, bundle: null, tasks, localOnly: `it uses ${unsupported[1]}, which the browser runner does not provide`, bytes: 0 });
      continue;
    }
    const needsNode = new Set<string>();
    const outfile = path.join(outDir, file.replace(/\.ts$/, '.js'));
    await esbuild.build({
      // The provider is a module of its own, so it has run before the test file's imports reach the learner's code.
      stdin: { contents: `import 'course-lab:provider';\nimport ${JSON.stringify(`./${file}`)};\n`, resolveDir: chapterDir, sourcefile: `lab-entry-${file}`, loader: 'ts' },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: options.minify ?? true,
      // The course's tools compare error class names (NotImplementedError), so minifying keeps them.
      keepNames: true,
      legalComments: 'none',
      outfile,
      define: { __dirname: '"/"', __filename: '"/index.js"' },
      plugins: [labPlugin(chapterDir, learnerSet, needsNode), providerPlugin(chapterDir, provider)],
      logLevel: 'silent',
    });
    const nodeModules = [...needsNode].sort().map((name) => `node:${name}`);
    const datasets = datasetsOfTestFile(source);
    tests.push({ file, bundle: `lab/${chapter.id}/${file.replace(/\.ts$/, '.js')}`, tasks, localOnly: null, nodeModules, bytes: fs.statSync(outfile).size, datasets });
  }
  const manifest: LabManifest = { chapter, stubs, tests };
  fs.writeFileSync(path.join(siteDir, 'lab', `${chapter.id}.json`), JSON.stringify(manifest));
  return manifest;
}

/** Script bundles of the lab itself: the page script, the lazily loaded editor, the test worker. */
export async function bundleLabScripts(root: string, siteDir: string): Promise<Record<string, number>> {
  const outDir = path.join(siteDir, 'lab');
  fs.mkdirSync(outDir, { recursive: true });
  const here = path.join(root, 'scripts', 'site', 'lab');
  const entries: Array<{ name: string; format: esbuild.Format }> = [
    { name: 'page', format: 'esm' },
    { name: 'editor', format: 'esm' },
    { name: 'worker', format: 'iife' },
    { name: 'demo-alpha', format: 'esm' },
    { name: 'demo-streetlights', format: 'esm' },
    { name: 'demo-mnist', format: 'esm' },
    { name: 'demo-mnist-worker', format: 'iife' },
    { name: 'demo-conv', format: 'esm' },
  ];
  const sizes: Record<string, number> = {};
  for (const entry of entries) {
    const outfile = path.join(outDir, `${entry.name}.js`);
    await esbuild.build({
      entryPoints: [path.join(here, `${entry.name}.ts`)],
      bundle: true,
      format: entry.format,
      platform: 'browser',
      target: 'es2022',
      minify: true,
      keepNames: true,
      legalComments: 'none',
      outfile,
      define: {
        __dirname: '"/"',
        __filename: '"/index.js"',
        'process.env.NODE_ENV': '"production"',
        // The kernels read a few settings from process.env (GDL_THREADS, ...): none is set in a
        // browser. The test worker sets its own process.env (FC_SEED) before the tests load.
        ...(entry.name.startsWith('demo-') ? { 'process.env': '{}' } : {}),
      },
      plugins: [labPlugin(here, new Set(), new Set())],
      logLevel: 'silent',
    });
    sizes[`${entry.name}.js`] = fs.statSync(outfile).size;
  }
  return sizes;
}

/** Builds the whole lab into <siteDir>/lab/; returns the chapters that have it and the sizes (scripts and data). */
export async function buildLab(root: string, siteDir: string, chapters: readonly Chapter[]): Promise<{ chapters: LabManifest[]; scripts: Record<string, number> }> {
  const scripts = { ...(await bundleLabScripts(root, siteDir)), ...writeMnistSubset(siteDir) };
  const manifests: LabManifest[] = [];
  for (const chapter of chapters) {
    if (chapter.tasks.length === 0 || !fs.existsSync(path.join(root, 'chapters', chapter.id))) continue;
    manifests.push(await bundleChapter({ root, chapter, siteDir }));
  }
  return { chapters: manifests, scripts };
}

/**
 * The worker's own Content-Security-Policy. A worker does not inherit the page's <meta> policy:
 * it gets the policy sent with worker.js. It may run the site's scripts, the learner's code as
 * blob: modules (the TypeScript sucrase stripped in the worker; no eval) and WebAssembly (the
 * kernels' matmul), and fetch only from the site.
 */
export const workerContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self' blob: 'wasm-unsafe-eval'",
  "connect-src 'self'",
].join('; ');

/**
 * The policy of chapter 8's training worker: the site's scripts, WebAssembly (the matrix product
 * of the test passes) and fetching the MNIST subset from the site; no blob: code, since it runs
 * no learner code.
 */
export const trainingWorkerContentSecurityPolicy = ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'"].join('; ');

/**
 * _headers (the format of Netlify and Cloudflare Pages; `npm run docs:serve` and the browser
 * tests read it too): sends the worker its policy. Hosts that ignore the file serve the worker
 * with none, which only loosens what the worker may do.
 */
export function writeLabHeaders(siteDir: string): void {
  fs.writeFileSync(
    path.join(siteDir, '_headers'),
    `/lab/worker.js\n  Content-Security-Policy: ${workerContentSecurityPolicy}\n/lab/demo-mnist-worker.js\n  Content-Security-Policy: ${trainingWorkerContentSecurityPolicy}\n`,
  );
}
