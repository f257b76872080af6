/**
 * Figures on the site: which generators exist (found through the course manifest), and how a
 * generated SVG is placed in a page.
 *
 * Registration: for every chapter listed in chapters/course.json, the build loads
 * docs/figures/<chapter-id>.ts when it exists and takes its exported `figures` (a record from
 * id "chapter-NN/name" to a generator). A new chapter adds figures by adding that one file; no
 * central list is edited.
 *
 * Placement: figures are inlined into the page (not <img>), so the site's stylesheet can paint
 * them in the reader's theme, their text uses the page's fonts, and their size is known before
 * anything loads. Each one also keeps a standalone file under figures/ to open full size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, type Course } from './paths.mjs';

export type FigureGenerator = () => string;

/** The smallest text a figure may show on screen, in CSS pixels (phones included). */
export const minimumScreenText = 11;

/** The figure module of a chapter, relative to the repository root. */
export const figureModuleFile = (chapterId: string): string => `docs/figures/${chapterId}.ts`;

function isGeneratorRecord(value: unknown): value is Record<string, FigureGenerator> {
  return typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'function');
}

/** Loads the figure modules of the manifest's chapters into one id → generator map. */
export async function loadFigureRegistry(course: Course): Promise<Map<string, FigureGenerator>> {
  const registry = new Map<string, FigureGenerator>();
  for (const chapter of course.chapters) {
    const file = figureModuleFile(chapter.id);
    const absolute = path.join(repoRoot, file);
    if (!fs.existsSync(absolute)) continue;
    const loaded = (await import(pathToFileURL(absolute).href)) as { figures?: unknown; default?: { figures?: unknown } };
    const figures = loaded.figures ?? loaded.default?.figures;
    if (!isGeneratorRecord(figures)) throw new Error(`${file}: export \`figures\`, a record from "${chapter.id}/name" to a function that returns an SVG document`);
    for (const [id, generate] of Object.entries(figures)) {
      if (!id.startsWith(`${chapter.id}/`)) throw new Error(`${file}: figure id "${id}" must start with "${chapter.id}/"`);
      registry.set(id, generate);
    }
  }
  return registry;
}

export interface InlineFigure {
  /** The <svg> element, ids made unique in the page. */
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** The smallest font-size of its text, in the figure's own units. */
  readonly smallestText: number;
}

/** The natural size of an SVG document (its viewBox, else its width and height). */
export function svgSize(svg: string): { width: number; height: number } {
  const viewBox = /<svg\b[^>]*\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (viewBox) return { width: Number(viewBox[1]), height: Number(viewBox[2]) };
  const width = /<svg\b[^>]*\bwidth="([\d.]+)"/.exec(svg);
  const height = /<svg\b[^>]*\bheight="([\d.]+)"/.exec(svg);
  if (width && height) return { width: Number(width[1]), height: Number(height[1]) };
  throw new Error('the SVG has neither a viewBox nor a width and height');
}

/** The smallest font-size set on the root or on a <text> element (13, the helpers' default, when none is). */
export function smallestFontSize(svg: string): number {
  const root = /<svg\b[^>]*\bfont-size="([\d.]+)"/.exec(svg);
  const base = root ? Number(root[1]) : 16;
  let smallest = Infinity;
  for (const match of svg.matchAll(/<text\b([^>]*)>/g)) {
    const size = /\bfont-size="([\d.]+)"/.exec(match[1]);
    smallest = Math.min(smallest, size ? Number(size[1]) : base);
  }
  return Number.isFinite(smallest) ? smallest : base;
}

/** Prepares a generated SVG document for inlining: no prolog, unique ids, an accessible name. */
export function inlineFigure(svg: string, id: string, alt: string): InlineFigure {
  const { width, height } = svgSize(svg);
  const prefix = `fig-${id.replace(/[^\w-]/g, '-')}-`;
  const escapedAlt = alt.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const body = svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/\bid="([^"]+)"/g, `id="${prefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
    .replace(/\bhref="#([^"]+)"/g, `href="#${prefix}$1"`)
    .replace(/<svg\b/, `<svg class="fig" role="img" aria-label="${escapedAlt}" focusable="false"`)
    .trim();
  return { svg: body, width, height, smallestText: smallestFontSize(svg) };
}

/**
 * The narrowest width the figure may be drawn at so that its smallest text stays readable:
 * below it the figure scrolls sideways inside its frame (with a visible cue) instead of shrinking.
 */
export function minimumFigureWidth(figure: InlineFigure): number {
  return Math.ceil((figure.width * minimumScreenText) / figure.smallestText);
}
