/**
 * The markdown pipeline of the site: markdown-it (no raw HTML) with KaTeX at build time, shiki
 * highlighting, heading anchors (every "Exercise N.M" heading gets the id "exercise-N-M"),
 * GitHub-style callouts, ```figure fences and link rewriting from repository paths to site URLs.
 *
 * Anything a reader would see as broken fails the build with the file and line: an unknown
 * figure id, a link to a file that does not exist, an exercise without an API entry, bad math.
 */
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import anchor from 'markdown-it-anchor';
import alerts from 'markdown-it-github-alerts';
import { katex } from '@mdit/plugin-katex';
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { minimumFigureWidth, type InlineFigure } from './figures.mjs';
import { repoRoot } from './paths.mjs';

/** One heading of the on-page table of contents. */
export interface TocEntry {
  readonly level: number;
  readonly id: string;
  readonly title: string;
}

/** A figure the page uses: written to the site as figures/<id>.svg. */
export interface FigureUse {
  readonly id: string;
  readonly caption: string;
  readonly alt: string;
}

/** What the renderer needs to know about the page being rendered, and what it reports back. */
export interface RenderEnv {
  /** The source file, relative to the repository root (for messages and link resolution). */
  readonly file: string;
  /** Maps a repository path (plus #hash) to a site URL, or returns null when it has none. */
  readonly resolveLink: (repoPath: string, hash: string) => string | null;
  /** The API URL for an exercise heading ("3.1", "neuralNetwork"), or null to add no link. */
  readonly exerciseApi: (taskId: string, name: string, line: number) => string | null;
  /** Generates a figure: its standalone file's site URL and the SVG to inline; throws for an unknown id. */
  readonly figure: (use: FigureUse, line: number) => { url: string; figure: InlineFigure };
  /** The URL of an `api:module.symbol` link, or throws for an unknown name. */
  readonly apiLink: (name: string, line: number) => string;
  toc: TocEntry[];
  hasMath: boolean;
  hasCode: boolean;
}

/** A build error that names the file and line it comes from. */
export class SiteError extends Error {
  constructor(file: string, line: number | null, message: string) {
    super(`${file}${line === null ? '' : `:${line}`}: ${message}`);
    this.name = 'SiteError';
  }
}

/** GitHub-like slugs, except that "Exercise 3.1: ..." becomes "exercise-3-1". */
export function slugify(text: string): string {
  const exercise = /^Exercise\s+(\d+)\.(\d+)\b/i.exec(text.trim());
  if (exercise) return `exercise-${exercise[1]}-${exercise[2]}`;
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s+/g, '-');
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const languages: Record<string, string> = {
  ts: 'typescript',
  typescript: 'typescript',
  json: 'json',
  bash: 'bash',
  sh: 'bash',
  shell: 'bash',
};

async function createShiki(): Promise<HighlighterCore> {
  return createHighlighterCore({
    themes: [import('shiki/themes/github-light.mjs'), import('shiki/themes/github-dark.mjs')],
    langs: [
      import('shiki/langs/typescript.mjs'),
      import('shiki/langs/json.mjs'),
      import('shiki/langs/bash.mjs'),
    ],
    engine: createJavaScriptRegexEngine(),
  });
}

/** Parses the "key: value" lines of a ```figure fence. */
function parseFigure(content: string, file: string, line: number): FigureUse {
  const fields = new Map<string, string>();
  for (const raw of content.split('\n')) {
    if (raw.trim() === '') continue;
    const match = /^\s*(\w+)\s*:\s*(.*)$/.exec(raw);
    if (!match) throw new SiteError(file, line, `figure: cannot read the line "${raw}" (expected "key: value")`);
    fields.set(match[1], match[2].trim());
  }
  for (const key of ['id', 'caption', 'alt']) {
    if (!fields.get(key)) throw new SiteError(file, line, `figure: the "${key}" line is missing`);
  }
  return { id: fields.get('id')!, caption: fields.get('caption')!, alt: fields.get('alt')! };
}

let tocCollector: TocEntry[] = [];

export interface Renderer {
  render(source: string, env: RenderEnv): string;
  /** The stylesheet of the code colours used so far (one class per colour pair, both themes). */
  codeCss(): string;
  /** Renders one line of inline markdown (captions, titles). */
  renderInline(source: string, env: RenderEnv): string;
}

export async function createRenderer(): Promise<Renderer> {
  const shiki = await createShiki();
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

  md.use(katex, {
    throwOnError: false,
    // A formula KaTeX cannot typeset should fail the build, not show red text to learners.
    logger: (code: string, message: string) => (code === 'newLineInDisplayMode' ? 'ignore' : 'warn'),
  });
  md.use(alerts, { titles: { tip: 'Hint', warning: 'Warning', note: 'Note', important: 'Important', caution: 'Caution' } });
  md.use(anchor, {
    level: [2, 3, 4],
    slugify,
    tabIndex: false,
    permalink: anchor.permalink.linkInsideHeader({ symbol: '#', placement: 'after', class: 'anchor', ariaHidden: true }),
    callback: (token: Token, info: { slug: string; title: string }) => {
      const level = Number(token.tag.slice(1));
      if (level <= 3) tocCollector.push({ level, id: info.slug, title: info.title });
    },
  });

  // Stepped hints: a learner opens them one at a time. The README writes GitHub's collapsible
  // form, `<details>` / `<summary>Hint 1</summary>` / `</details>` each on a line of its own;
  // raw HTML stays off (html: false), so only these three exact lines become tags.
  md.block.ruler.before('paragraph', 'hint-details', (state, startLine, _endLine, silent) => {
    if (state.sCount[startLine] - state.blkIndent >= 4) return false;
    const line = state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]).trim();
    const open = /^<details>$/.test(line);
    const close = /^<\/details>$/.test(line);
    const summary = /^<summary>(.+)<\/summary>$/.exec(line);
    if (!open && !close && !summary) return false;
    if (silent) return true;
    const token = state.push('html_block', '', 0);
    token.map = [startLine, startLine + 1];
    token.content = open
      ? '<details class="hint">\n'
      : close
        ? '</details>\n'
        : `<summary>${md.renderInline(summary![1], state.env)}</summary>\n`;
    state.line = startLine + 1;
    return true;
  });

  // Exercise headings link to the API page of the function they ask for.
  md.core.ruler.push('exercise-api', (state) => {
    const env = state.env as RenderEnv;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i += 1) {
      const open = tokens[i];
      if (open.type !== 'heading_open') continue;
      const inline = tokens[i + 1];
      const text = (inline.children ?? [])
        .filter((child) => child.type === 'text' || child.type === 'code_inline')
        .map((child) => child.content)
        .join('');
      const match = /^Exercise\s+(\d+\.\d+)\s*:\s*([\w.$]+)/.exec(text.trim());
      if (!match) continue;
      const line = (open.map?.[0] ?? 0) + 1;
      const url = env.exerciseApi(match[1], match[2], line);
      if (url === null) continue;
      const linkOpen = new state.Token('link_open', 'a', 1);
      linkOpen.attrSet('href', url);
      linkOpen.attrSet('class', 'api-link');
      linkOpen.attrSet('title', `API: ${match[2]}`);
      linkOpen.meta = { siteUrl: true };
      const label = new state.Token('text', '', 0);
      label.content = 'API';
      const linkClose = new state.Token('link_close', 'a', -1);
      inline.children = [...(inline.children ?? []), linkOpen, label, linkClose];
    }
  });

  // Links: repository paths become site URLs; api:name links become API URLs.
  md.core.ruler.push('site-links', (state) => {
    const env = state.env as RenderEnv;
    let line = 1;
    for (const block of state.tokens) {
      if (block.map) line = block.map[0] + 1;
      for (const token of block.children ?? []) {
        if (token.type !== 'link_open' || token.meta?.siteUrl === true) continue;
        const href = token.attrGet('href') ?? '';
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(href) || href.startsWith('mailto:')) {
          token.attrSet('rel', 'noopener');
          continue;
        }
        if (href.startsWith('api:')) {
          token.attrSet('href', env.apiLink(href.slice(4), line));
          continue;
        }
        if (href.startsWith('#') || href === '') continue;
        const [target, hash = ''] = href.split('#', 2);
        const repoPath = path.posix.normalize(path.posix.join(path.posix.dirname(env.file), decodeURIComponent(target)));
        // A chapter that is not written yet may be linked: the link becomes plain text until it exists.
        // docs/errata.md is the generated errata page.
        const futureChapter = /^chapters\/chapter-\d+\/README\.md$/.test(repoPath) || repoPath === 'docs/errata.md';
        if (repoPath.startsWith('..') || (!futureChapter && !fs.existsSync(path.join(repoRoot, repoPath)))) {
          throw new SiteError(env.file, line, `link to "${href}": no such file in the repository (${repoPath})`);
        }
        const url = env.resolveLink(repoPath, hash);
        if (url === null) {
          token.attrSet('href', '');
          token.attrSet('data-repo-path', repoPath);
        } else {
          token.attrSet('href', url);
        }
      }
    }
  });

  const defaultLinkOpen = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    // A repository file without a page: show its path instead of a dead link.
    const repoPath = token.attrGet('data-repo-path');
    if (repoPath !== null) return `<span class="repo-path" title="${escapeHtml(repoPath)} in the repository">`;
    return defaultLinkOpen ? defaultLinkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  const defaultLinkClose = md.renderer.rules.link_close;
  md.renderer.rules.link_close = (tokens, idx, options, env, self) => {
    let depth = 0;
    for (let i = idx - 1; i >= 0; i -= 1) {
      if (tokens[i].type === 'link_close') depth += 1;
      if (tokens[i].type === 'link_open') {
        if (depth === 0) {
          if (tokens[i].attrGet('data-repo-path') !== null) return '</span>';
          break;
        }
        depth -= 1;
      }
    }
    return defaultLinkClose ? defaultLinkClose(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };

  // Wide tables scroll inside a frame (site.js adds the scroll cue) instead of widening the page.
  md.renderer.rules.table_open = () => '<div class="table-scroll"><table>\n';
  md.renderer.rules.table_close = () => '</table>\n</div>\n';

  // Code colours: shiki writes both themes' colours into a style attribute on every token; the
  // same few pairs repeat thousands of times, so each pair becomes a class in one stylesheet.
  const codeClasses = new Map<string, string>();
  const classify = (html: string): string =>
    html
      .replace(/<pre class="([^"]*)" style="[^"]*"/, '<pre class="$1"')
      .replace(/<span style="([^"]*)">/g, (_whole, style: string) => {
        let name = codeClasses.get(style);
        if (name === undefined) {
          name = `c${codeClasses.size}`;
          codeClasses.set(style, name);
        }
        return `<span class="${name}">`;
      });

  md.renderer.rules.fence = (tokens, idx, _options, envArg) => {
    const env = envArg as RenderEnv;
    const token = tokens[idx];
    const line = (token.map?.[0] ?? 0) + 1;
    const info = token.info.trim().split(/\s+/);
    const lang = info[0] ?? '';
    if (lang === 'figure') {
      const use = parseFigure(token.content, env.file, line);
      const { url, figure } = env.figure(use, line);
      const caption = md.renderInline(use.caption, env);
      // The figure is drawn at its natural width when there is room, narrower down to the width
      // that keeps its smallest text readable, and scrolls sideways in its frame below that.
      const size = `--fig-width:${figure.width}px;--fig-min-width:${minimumFigureWidth(figure)}px`;
      return `<figure class="figure" id="figure-${escapeHtml(use.id.replace(/[^\w-]/g, '-'))}"><div class="figure-frame" style="${size}"><a class="figure-open" href="${escapeHtml(url)}" title="Open full size" aria-label="${escapeHtml(use.alt)} (open full size)">${figure.svg}</a></div><figcaption>${caption}</figcaption></figure>\n`;
    }
    const language = languages[lang];
    if (language) {
      env.hasCode = true;
      const html = classify(
        shiki.codeToHtml(token.content.replace(/\n$/, ''), { lang: language, themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false }),
      );
      // Blocks marked "run" are executed by the course's checks, so what they print is what you get.
      const label = info.includes('run') ? '<span class="code-label" title="The course runs this example in its checks, so it stays correct">tested example</span>' : '';
      return `<div class="code-block">${label}${html}</div>\n`;
    }
    const kind = lang === 'text' && info.includes('output') ? 'output' : 'plain';
    return `<div class="code-block"><pre class="${kind}"><code>${escapeHtml(token.content)}</code></pre></div>\n`;
  };

  const check = (html: string, env: RenderEnv): string => {
    if (html.includes('class="katex')) env.hasMath = true;
    const error = /<span class="katex-error"[^>]*title="([^"]*)"/.exec(html);
    if (error) throw new SiteError(env.file, null, `math that KaTeX cannot typeset: ${error[1]}`);
    return html;
  };

  return {
    render(source, env) {
      tocCollector = [];
      const html = md.render(source, env);
      env.toc = tocCollector;
      return check(html, env);
    },
    codeCss() {
      const rules = [...codeClasses].map(([style, name]) => `.shiki .${name}{${style}}`);
      return [
        '.shiki span{color:var(--shiki-light);font-style:var(--shiki-light-font-style);font-weight:var(--shiki-light-font-weight)}',
        ':root[data-theme="dark"] .shiki span{color:var(--shiki-dark);font-style:var(--shiki-dark-font-style);font-weight:var(--shiki-dark-font-weight)}',
        '@media (prefers-color-scheme: dark){:root:not([data-theme="light"]):not([data-theme="dark"]) .shiki span{color:var(--shiki-dark);font-style:var(--shiki-dark-font-style);font-weight:var(--shiki-dark-font-weight)}}',
        ...rules,
      ].join('\n');
    },
    renderInline(source, env) {
      return check(md.renderInline(source, env), env);
    },
  };
}
