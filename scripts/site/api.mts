/**
 * The API reference: typedoc over the toolkit (kernels/) and the exercise stubs
 * (chapters/chapter-NN/*.ts, without tests, fixtures and programs), plus a map from
 * "module.symbol" to the page URL of each documented symbol, so that the chapter pages can
 * link every exercise to its signature and an unknown name fails the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Application, KindRouter, ReflectionKind, type Comment, type DeclarationReflection, type ProjectReflection } from 'typedoc';
import { repoRoot, type Course } from './paths.mjs';

/** A typedoc module name ("chapters/chapter-03/forward", "kernels") to its symbols' URLs. */
export type ApiMap = Map<string, string>;

/** Entry points: the toolkit's barrels and every stub file of the chapters whose stubs exist. */
export function apiEntryPoints(course: Course): string[] {
  const entries = ['kernels/index.ts', 'kernels/testing/index.ts', 'kernels/datasets/index.ts'].filter((file) =>
    fs.existsSync(path.join(repoRoot, file)),
  );
  for (const chapter of course.chapters) {
    const dir = path.join(repoRoot, 'chapters', chapter.id);
    if (!fs.existsSync(dir)) continue;
    const program = chapter.program ?? 'program.ts';
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name.endsWith('.fixtures.ts')) continue;
      if (name === program || name.endsWith('.d.ts')) continue;
      entries.push(`chapters/${chapter.id}/${name}`);
    }
  }
  return entries;
}

/** The module name typedoc gives an entry point file: its path without extension or "/index". */
export function moduleName(file: string): string {
  return file.replace(/\.ts$/, '').replace(/\/index$/, '');
}

/** One documented symbol, for the site's search. */
export interface ApiSymbol {
  readonly name: string;
  /** The module it belongs to ("kernels", "chapters/chapter-03/forward"). */
  readonly module: string;
  /** "Function", "Class", "Interface"... */
  readonly kind: string;
  readonly url: string;
  /** The first paragraph of its doc comment, as plain text. */
  readonly summary: string;
}

export interface ApiResult {
  /** "chapters/chapter-03/forward.neuralNetwork" → "api/functions/....html" (relative to the site root). */
  readonly urls: ApiMap;
  readonly symbols: readonly ApiSymbol[];
  readonly seconds: number;
}

/** Runs typedoc into `outDir` (the site's api/ folder) and returns the symbol → URL map. */
export async function buildApi(course: Course, outDir: string): Promise<ApiResult> {
  const started = performance.now();
  const entryPoints = apiEntryPoints(course);
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entryPoints.map((file) => path.join(repoRoot, file)),
    entryPointStrategy: 'resolve',
    tsconfig: path.join(repoRoot, 'scripts', 'site', 'tsconfig.api.json'),
    // Chapters are written while the site is built: a stub with a type error must not stop it.
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    name: `${course.title}: API`,
    readme: 'none',
    router: 'kind',
    githubPages: false,
    hideGenerator: true,
    disableSources: true,
    navigationLinks: { Course: '../index.html' },
    // Comments mention NumPy calls such as np.add.at: they are code, not web addresses.
    markdownItOptions: { linkify: false },
    logLevel: 'Warn',
    validation: { notExported: false, invalidLink: false, notDocumented: false },
    treatWarningsAsErrors: false,
    plugin: [],
  });
  const project = await app.convert();
  if (!project) throw new Error('api: typedoc could not convert the sources (see the messages above)');
  const urls = symbolUrls(app, project);
  const symbols = apiSymbols(app, project);
  await app.generateDocs(project, outDir);
  return { urls, symbols, seconds: (performance.now() - started) / 1000 };
}

function symbolUrls(app: Application, project: ProjectReflection): ApiMap {
  const router = new KindRouter(app);
  router.buildPages(project);
  const urls: ApiMap = new Map();
  const modules = project.getChildrenByKind(ReflectionKind.Module);
  // With a single entry point typedoc puts the symbols on the project itself.
  const scopes: Array<{ name: string; children: readonly DeclarationReflection[] }> =
    modules.length > 0 ? modules.map((m) => ({ name: m.name, children: m.children ?? [] })) : [{ name: '', children: project.children ?? [] }];
  for (const module of modules) {
    if (router.hasUrl(module)) urls.set(module.name, `api/${router.getFullUrl(module)}`);
  }
  for (const scope of scopes) {
    for (const child of scope.children) {
      if (!router.hasUrl(child)) continue;
      urls.set(`${scope.name}.${child.name}`, `api/${router.getFullUrl(child)}`);
      for (const member of child.children ?? []) {
        if (router.hasUrl(member)) urls.set(`${scope.name}.${child.name}.${member.name}`, `api/${router.getFullUrl(member)}`);
      }
    }
  }
  return urls;
}

function commentText(comment: Comment | undefined): string {
  if (!comment) return '';
  return comment.summary
    .map((part) => part.text)
    .join('')
    .split(/\n\s*\n/)[0]
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every exported symbol with a page, with its summary, so the course search reaches the API. */
function apiSymbols(app: Application, project: ProjectReflection): ApiSymbol[] {
  const router = new KindRouter(app);
  router.buildPages(project);
  const modules = project.getChildrenByKind(ReflectionKind.Module);
  const symbols: ApiSymbol[] = [];
  for (const module of modules) {
    for (const child of module.children ?? []) {
      if (!router.hasUrl(child)) continue;
      const comment = child.comment ?? child.signatures?.[0]?.comment;
      symbols.push({
        name: child.name,
        module: module.name,
        kind: ReflectionKind.singularString(child.kind),
        url: `api/${router.getFullUrl(child)}`,
        summary: commentText(comment),
      });
    }
  }
  return symbols;
}
