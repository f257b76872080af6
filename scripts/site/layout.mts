/**
 * The HTML around every course page: head with the Content-Security-Policy (only the site's
 * own scripts, styles, fonts and images), a top bar with search and the theme switch, a sidebar
 * with the chapter list and guides, the article, an optional on-page table of contents,
 * previous / next links and a footer with the build's date and commit.
 */
import type { Course } from './paths.mjs';
import type { TocEntry } from './markdown.mjs';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // KaTeX and shiki write style attributes; no inline <style> or script is used by the site.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // The exercises' test worker and the training demos (lab/worker.js) come from the site itself.
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A hand-written page under docs/ that the sidebar lists. */
export interface GuidePage {
  readonly slug: string;
  readonly title: string;
}

export interface PageLink {
  readonly href: string;
  readonly title: string;
}

export interface PageOptions {
  readonly title: string;
  /** The page's own file name ("chapter-03.html"), to mark it in the sidebar. */
  readonly href: string;
  readonly body: string;
  readonly toc?: readonly TocEntry[];
  readonly previous?: PageLink | null;
  readonly next?: PageLink | null;
  readonly kind: 'home' | 'chapter' | 'guide' | 'print';
  /** The page's source in the repository (for the footer's edit and report links). */
  readonly source?: string;
  /** Load the in-browser exercises (lab/page.js): chapter pages with tasks. */
  readonly lab?: boolean;
}

/** When and from what the site was built. */
export interface BuildStamp {
  /** YYYY-MM-DD. */
  readonly date: string;
  /** The short commit hash, or null outside a git checkout. */
  readonly commit: string | null;
  /** The repository's web address (package.json "repository"), or null. */
  readonly repository: string | null;
}

export interface SiteContext {
  readonly course: Course;
  /** Chapter ids that have a page. */
  readonly chapterPages: ReadonlySet<string>;
  readonly guides: readonly GuidePage[];
  readonly stamp: BuildStamp;
}

function sidebar(site: SiteContext, current: string): string {
  const chapterItems = site.course.chapters
    .map((chapter) => {
      const label = `<span class="num">${chapter.number}</span> ${escapeHtml(shortTitle(chapter.title))}`;
      if (!site.chapterPages.has(chapter.id)) return `<li class="planned" title="not written yet">${label}</li>`;
      const href = `${chapter.id}.html`;
      const currentAttr = href === current ? ' aria-current="page"' : '';
      return `<li><a href="${href}"${currentAttr}>${label}</a></li>`;
    })
    .join('\n');
  const guideItems = site.guides
    .map((guide) => {
      const href = `${guide.slug}.html`;
      const currentAttr = href === current ? ' aria-current="page"' : '';
      return `<li><a href="${href}"${currentAttr}>${escapeHtml(guide.title)}</a></li>`;
    })
    .join('\n');
  return `<nav class="sidebar" id="sidebar" aria-label="Course">
<p class="sidebar-heading">Chapters</p>
<ol class="chapter-list">
${chapterItems}
</ol>
<p class="sidebar-heading">Guides</p>
<ul class="guide-list">
${guideItems}
<li><a href="api/index.html">API reference</a></li>
<li><a href="print.html"${current === 'print.html' ? ' aria-current="page"' : ''}>The whole course on one page</a></li>
</ul>
</nav>`;
}

/** "Introduction to neural prediction" from "Introduction to neural prediction: forward propagation". */
export function shortTitle(title: string): string {
  const colon = title.indexOf(':');
  return colon > 0 ? title.slice(colon + 1).trim().replace(/^./, (c) => c.toUpperCase()) : title;
}

function tocBlock(toc: readonly TocEntry[]): string {
  const items = toc
    .filter((entry) => entry.level >= 2)
    .map((entry) => `<li class="toc-${entry.level}"><a href="#${escapeHtml(entry.id)}">${escapeHtml(entry.title)}</a></li>`)
    .join('\n');
  return items === '' ? '' : `<nav class="toc" aria-label="On this page"><p class="toc-heading">On this page</p><ul>\n${items}\n</ul></nav>`;
}

function pager(previous: PageLink | null | undefined, next: PageLink | null | undefined): string {
  if (!previous && !next) return '';
  const prev = previous
    ? `<a class="prev" href="${previous.href}" rel="prev"><span>Previous</span>${escapeHtml(previous.title)}</a>`
    : '<span></span>';
  const nxt = next ? `<a class="next" href="${next.href}" rel="next"><span>Next</span>${escapeHtml(next.title)}</a>` : '<span></span>';
  return `<nav class="pager" aria-label="Previous and next">${prev}${nxt}</nav>`;
}

function footer(site: SiteContext, source: string | undefined): string {
  const { date, commit, repository } = site.stamp;
  const built = `Built on <time datetime="${date}">${date}</time>${commit ? ` from commit <code>${escapeHtml(commit)}</code>` : ''}.`;
  let links = '';
  if (source && repository) {
    const title = encodeURIComponent(`Problem on ${source}`);
    links = ` <a href="${escapeHtml(repository)}/edit/main/${escapeHtml(source)}" rel="noopener">Edit this page</a> · <a href="${escapeHtml(repository)}/issues/new?title=${title}" rel="noopener">Report a problem</a>`;
  } else if (source) {
    links = ` Source: <code>${escapeHtml(source)}</code> in the course repository; to report a problem, name this file and what you saw.`;
  }
  return `<footer class="site-footer">
<p>${built}${links}</p>
<p class="shortcuts">Keys: <kbd>/</kbd> search, <kbd>←</kbd> <kbd>→</kbd> previous and next page, <kbd>t</kbd> theme.</p>
</footer>`;
}

export function page(site: SiteContext, options: PageOptions): string {
  const toc = options.toc ? tocBlock(options.toc) : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<title>${escapeHtml(options.title)} · ${escapeHtml(site.course.title)}</title>
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/site.css">
<link rel="stylesheet" href="assets/code.css">
<link rel="stylesheet" href="assets/figures.css">
<script src="assets/theme.js"></script>
<script src="assets/site.js" defer></script>
${options.lab ? '<script type="module" src="lab/page.js"></script>\n' : ''}</head>
<body class="page-${options.kind}">
<header class="topbar">
<button id="menu-button" class="menu-button" type="button" aria-expanded="false" aria-controls="sidebar">Menu</button>
<a class="brand" href="index.html">${escapeHtml(site.course.title)}</a>
<div class="search" role="search">
<input id="search-input" type="search" placeholder="Search the course" aria-label="Search the course" autocomplete="off">
<ol id="search-results" class="search-results" hidden></ol>
</div>
<button id="theme-button" class="theme-button" type="button" title="Theme: follows the system (t)" aria-label="Theme: follows the system">◐</button>
</header>
<div class="layout${toc ? ' has-toc' : ''}">
${sidebar(site, options.href)}
<main class="content" id="main">
<article class="prose">
${options.body}
</article>
${pager(options.previous, options.next)}
${footer(site, options.source)}
</main>
${toc}
</div>
</body>
</html>
`;
}
