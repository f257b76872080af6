/// <reference lib="dom" />
/**
 * The built site (docs/site, from `npm run docs`) in a real browser: Debian's chromium driven by
 * playwright-core (no browser download). Every page loads without console errors or failed
 * requests within its weight budget, every internal link and anchor resolves, math and code are
 * rendered, pages and figures stay readable on a phone (no sideways page scroll, figure text of
 * at least 11 px) and in both themes (figure text contrast), the search reaches chapters and API
 * symbols with snippets from the keyboard, code has copy buttons and print hides the navigation.
 * Screenshots (desktop and phone, light and dark) go to docs/site-screenshots/ to be looked at.
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStaticServer } from '../scripts/site/static-server';

const siteDir = path.join(__dirname, 'site');
const screenshots = path.join(__dirname, 'site-screenshots');

interface PageResult {
  readonly url: string;
  readonly errors: string[];
  readonly links: string[];
  readonly ids: string[];
  readonly hasMath: boolean;
  readonly hasCode: boolean;
  /** Bytes received for the page and everything it loaded (bodies and headers, no cache). */
  readonly bytes: number;
}

/** What one page may weigh, transferred uncompressed with an empty cache. */
const pageBudget = 400 * 1024;
/** The smallest text a figure may show on screen, in CSS pixels (the build aims at 11). */
const smallestFigureText = 10.9;
/** The lowest contrast ratio of figure text against what is drawn behind it (WCAG's 3:1 for large text and graphics). */
const figureContrast = 3;

jest.setTimeout(30_000);

/** In the page: every figure text's contrast ratio against what is drawn behind its centre. */
const figureTextContrast = (): Array<{ id: string; text: string; ratio: number }> => {
  const rgb = (colour: string): number[] | null => {
    const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(colour);
    if (!match || (match[4] !== undefined && Number(match[4]) < 0.5)) return null;
    return [Number(match[1]), Number(match[2]), Number(match[3])];
  };
  const luminance = ([r, g, b]: number[]): number => {
    const channel = (c: number): number => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (a: number[], b: number[]): number => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const out: Array<{ id: string; text: string; ratio: number }> = [];
  for (const svg of document.querySelectorAll('.figure svg.fig')) {
    const frame = svg.closest('.figure-frame');
    const frameColour = frame ? rgb(getComputedStyle(frame).backgroundColor) : null;
    // Every element in drawing order; a shape is what it covers and the colour it fills it with.
    const drawn = [...svg.querySelectorAll('rect, circle, ellipse, polygon, path, image, text')].map((element) => ({
      element,
      area: element.getBoundingClientRect(),
      fill: element.tagName === 'text' || element.tagName === 'image' ? null : rgb(getComputedStyle(element).fill),
      alpha: parseFloat(getComputedStyle(element).fillOpacity) * parseFloat(getComputedStyle(element).opacity),
    }));
    drawn.forEach((entry, at) => {
      const text = entry.element;
      if (text.tagName !== 'text' || (text.textContent ?? '').trim() === '') return;
      const x = entry.area.left + entry.area.width / 2;
      const y = entry.area.top + entry.area.height / 2;
      // What is drawn behind the text's centre: the last filled shape before it that covers it.
      let behind = frameColour;
      for (let k = 0; k < at; k += 1) {
        const { element, area, fill, alpha } = drawn[k];
        if (element.tagName === 'text' || x < area.left || x > area.right || y < area.top || y > area.bottom || area.width * area.height === 0) continue;
        if (element.tagName === 'image') behind = null;
        else if (fill && behind) behind = behind.map((under, c) => under + (fill[c] - under) * alpha);
        else if (fill && alpha > 0.5) behind = fill;
      }
      const colour = rgb(getComputedStyle(text).fill);
      if (behind === null || colour === null) return;
      out.push({ id: svg.closest('figure')?.id ?? '?', text: (text.textContent ?? '').trim().slice(0, 30), ratio: contrast(colour, behind) });
    });
  }
  return out;
};

let server: Server;
let browser: Browser;
let base: string;
const results = new Map<string, PageResult>();

function sitePages(): string[] {
  const listed = JSON.parse(fs.readFileSync(path.join(siteDir, 'pages.json'), 'utf8')) as Array<{ href: string }>;
  const pages = listed.map((entry) => entry.href);
  pages.push('api/index.html', 'print.html');
  // One exercise's API page, reached from a chapter's "API" link.
  const chapter = pages.find((href) => /^chapter-\d+\.html$/.test(href) && fs.readFileSync(path.join(siteDir, href), 'utf8').includes('class="api-link"'));
  const href = chapter ? /href="(api\/[^"#]+)"[^>]*class="api-link"/.exec(fs.readFileSync(path.join(siteDir, chapter), 'utf8'))?.[1] : undefined;
  if (href) pages.push(href);
  return pages;
}

async function visit(page: Page, href: string): Promise<PageResult> {
  const errors: string[] = [];
  const onConsole = (message: { type(): string; text(): string }): void => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  };
  const onFailed = (request: { url(): string; failure(): { errorText: string } | null }): void => {
    errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  };
  const onResponse = (response: { url(): string; status(): number }): void => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  };
  const onPageError = (error: Error): void => {
    errors.push(`page error: ${error.message}`);
  };
  page.on('console', onConsole);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  page.on('pageerror', onPageError);
  const sizes: Array<Promise<number>> = [];
  const onFinished = (request: { sizes(): Promise<{ responseBodySize: number; responseHeadersSize: number }> }): void => {
    sizes.push(request.sizes().then((size) => size.responseBodySize + size.responseHeadersSize, () => 0));
  };
  page.on('requestfinished', onFinished);
  try {
    await page.goto(`${base}/${href}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const found = await page.evaluate(() => ({
      links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      ids: [...document.querySelectorAll('[id]')].map((element) => element.id),
      hasMath: document.querySelector('.katex') !== null,
      hasCode: document.querySelector('.code-block pre.shiki') !== null,
    }));
    const file = path.join(screenshots, `${href.replace(/\//g, '__').replace(/\.html$/, '')}.png`);
    await page.screenshot({ path: file });
    const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    return { url: `${base}/${href}`, errors, ...found, bytes };
  } finally {
    page.off('requestfinished', onFinished);
    page.off('console', onConsole);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
    page.off('pageerror', onPageError);
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) throw new Error('docs/site is missing: run `npm run docs` first');
  // Clear this file's screenshots only: docs/lab.e2e.test.ts writes its lab-* files into the same
  // folder at the same time (jest runs the two files in parallel).
  fs.mkdirSync(screenshots, { recursive: true });
  for (const name of fs.readdirSync(screenshots)) {
    if (!name.startsWith('lab-')) fs.rmSync(path.join(screenshots, name), { recursive: true, force: true });
  }
  server = await startStaticServer(siteDir, 0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the static server has no port');
  base = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const href of sitePages()) results.set(href, await visit(page, href));
  await page.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('the built site', () => {
  test('every page loads without console errors or failed requests', () => {
    const problems = [...results].flatMap(([href, result]) => result.errors.map((error) => `${href}: ${error}`));
    expect(problems).toEqual([]);
    expect(results.size).toBeGreaterThanOrEqual(5);
  });

  test('every internal link and anchor resolves', () => {
    const idsOf = new Map<string, Set<string>>();
    const ids = (file: string): Set<string> => {
      let known = idsOf.get(file);
      if (known === undefined) {
        const visited = [...results.values()].find((result) => new URL(result.url).pathname === `/${file}`);
        known = new Set(visited ? visited.ids : [...fs.readFileSync(path.join(siteDir, file), 'utf8').matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
        idsOf.set(file, known);
      }
      return known;
    };
    const broken: string[] = [];
    for (const [href, result] of results) {
      for (const link of result.links) {
        const url = new URL(link);
        if (url.origin !== base) continue;
        let file = decodeURIComponent(url.pathname.slice(1));
        if (file === '' || file.endsWith('/')) file += 'index.html';
        if (!fs.existsSync(path.join(siteDir, file))) {
          broken.push(`${href} → ${link} (no such page)`);
          continue;
        }
        const anchor = decodeURIComponent(url.hash.slice(1));
        if (anchor !== '' && file.endsWith('.html') && !ids(file).has(anchor)) broken.push(`${href} → ${link} (no #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('every exercise heading has the anchor exercise-N-M', () => {
    const chapters = [...results].filter(([href]) => /^chapter-\d+\.html$/.test(href));
    for (const [href, result] of chapters) {
      const html = fs.readFileSync(path.join(siteDir, href), 'utf8');
      for (const match of html.matchAll(/<h3 id="([^"]+)"[^>]*>Exercise (\d+)\.(\d+)/g)) {
        expect(`${href}#${match[1]}`).toBe(`${href}#exercise-${match[2]}-${match[3]}`);
      }
      expect(result.ids.length).toBeGreaterThan(0);
    }
  });

  test('math is typeset by KaTeX and its font loads', async () => {
    const withMath = [...results].filter(([, result]) => result.hasMath).map(([href]) => href);
    expect(withMath.length).toBeGreaterThan(0);
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/${withMath[0]}`, { waitUntil: 'load' });
      const state = await page.evaluate(async () => {
        await document.fonts.ready;
        return {
          rendered: document.querySelectorAll('.katex .katex-html').length,
          errors: document.querySelectorAll('.katex-error').length,
          loaded: [...document.fonts].some((face) => face.family.replace(/"/g, '') === 'KaTeX_Main' && face.status === 'loaded'),
          check: document.fonts.check('16px KaTeX_Main'),
        };
      });
      expect(state.rendered).toBeGreaterThan(0);
      expect(state.errors).toBe(0);
      expect(state.loaded).toBe(true);
      expect(state.check).toBe(true);
    } finally {
      await page.close();
    }
  });

  test('code blocks are highlighted', async () => {
    const withCode = [...results].filter(([, result]) => result.hasCode).map(([href]) => href);
    expect(withCode.length).toBeGreaterThan(0);
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/${withCode[0]}`, { waitUntil: 'load' });
      const colours = await page.evaluate(() => {
        const spans = [...document.querySelectorAll('.code-block pre.shiki .line > span')];
        return new Set(spans.map((span) => getComputedStyle(span).color)).size;
      });
      expect(colours).toBeGreaterThan(2);
    } finally {
      await page.close();
    }
  });

  test('pages, the API pages included, have a Content-Security-Policy without inline scripts', () => {
    for (const href of results.keys()) {
      const html = fs.readFileSync(path.join(siteDir, href), 'utf8');
      expect({ href, csp: /http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'[;"]/.test(html) }).toEqual({ href, csp: true });
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  test('every page stays within its weight budget', () => {
    const heavy = [...results]
      .filter(([href]) => href !== 'print.html')
      .filter(([, result]) => result.bytes > pageBudget)
      .map(([href, result]) => `${href}: ${Math.round(result.bytes / 1024)} KB`);
    expect(heavy).toEqual([]);
    // The bytes were counted (a page loads at least its HTML and stylesheet).
    expect(results.get('chapter-05.html')?.bytes ?? 1).toBeGreaterThan(20 * 1024);
  });

  test('on a phone-width screen the page does not scroll sideways, and figure text stays readable (11 px) with contrast in both themes', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const smallTexts: string[] = [];
    const lowContrast: string[] = [];
    let figures = 0;
    let contrastChecked = 0;
    try {
      const targets = [...results.keys()].filter((href) => !href.startsWith('api/') && href !== 'print.html');
      for (const href of targets) {
        await page.goto(`${base}/${href}`, { waitUntil: 'load' });
        const layout = await page.evaluate(() => {
          const paragraph = document.querySelector('.prose p');
          // Every figure's smallest text as drawn on screen: font size times the figure's scale.
          const figureText = [...document.querySelectorAll('.figure svg.fig')].map((svg) => {
            let smallest = Infinity;
            for (const text of svg.querySelectorAll('text')) {
              if ((text.textContent ?? '').trim() === '') continue;
              const matrix = (text as SVGTextElement).getScreenCTM();
              if (matrix === null) continue;
              smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b));
            }
            return { id: svg.closest('figure')?.id ?? '?', smallest };
          });
          return {
            pageWidth: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            fontSize: paragraph ? parseFloat(getComputedStyle(paragraph).fontSize) : 16,
            codeOverflow: [...document.querySelectorAll('.code-block pre')].map((pre) => getComputedStyle(pre).overflowX),
            figureText,
          };
        });
        expect({ href, width: layout.pageWidth }).toEqual({ href, width: layout.viewport });
        expect(layout.fontSize).toBeGreaterThanOrEqual(15);
        for (const overflow of layout.codeOverflow) expect(overflow).toBe('auto');
        figures += layout.figureText.length;
        if (/^chapter-\d+\.html$/.test(href)) {
          // Both themes on the same page: the reader's switch sets html[data-theme].
          for (const theme of ['light', 'dark']) {
            await page.evaluate((name) => { document.documentElement.dataset.theme = name; }, theme);
            const found = await page.evaluate(figureTextContrast);
            contrastChecked += found.length;
            for (const entry of found) if (entry.ratio < figureContrast) lowContrast.push(`${theme} ${href}#${entry.id} "${entry.text}": ${entry.ratio.toFixed(2)}`);
            if (['chapter-05.html', 'chapter-06.html'].includes(href)) {
              await page.evaluate(() => document.querySelector('.figure')?.scrollIntoView());
              await page.screenshot({ path: path.join(screenshots, `${href.replace(/\.html$/, '')}-phone-${theme}.png`) });
            }
          }
        }
        for (const figure of layout.figureText) {
          if (figure.smallest < smallestFigureText) smallTexts.push(`${href}#${figure.id}: ${figure.smallest.toFixed(1)} px`);
        }
        if (['chapter-02.html', 'index.html', 'benchmarks.html'].includes(href)) {
          await page.screenshot({ path: path.join(screenshots, `${href.replace(/\.html$/, '')}-phone.png`) });
        }
      }
    } finally {
      await page.close();
    }
    expect(smallTexts).toEqual([]);
    expect(figures).toBeGreaterThan(0);
    expect(lowContrast).toEqual([]);
    expect(contrastChecked).toBeGreaterThan(100);
  }, 240_000);

  test('the theme can be switched, and the choice carries over to the API pages', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/chapter-03.html`, { waitUntil: 'load' });
      const background = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      // os → light → dark
      await page.click('#theme-button');
      await page.click('#theme-button');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      const dark = await background();
      expect(dark).not.toBe(light);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.evaluate(() => document.querySelector('.figure')?.scrollIntoView());
      await page.screenshot({ path: path.join(screenshots, 'chapter-03-dark.png') });
      await page.goto(`${base}/api/index.html`, { waitUntil: 'load' });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(light);
      await page.screenshot({ path: path.join(screenshots, 'api-dark.png') });
    } finally {
      await context.close();
    }
  });

  test('the search finds chapters, the glossary and API symbols, with highlighted snippets, from the keyboard', async () => {
    const page = await browser.newPage();
    const search = async (term: string): Promise<string[]> => {
      await page.fill('#search-input', '');
      await page.fill('#search-input', term);
      await page.waitForSelector('#search-results:not([hidden]) li');
      return page.$$eval('#search-results a', (links) => links.map((link) => link.getAttribute('href') ?? ''));
    };
    try {
      await page.goto(`${base}/index.html`, { waitUntil: 'load' });
      const gradient = await search('gradient descent');
      expect(gradient.some((href) => /^chapter-\d+\.html/.test(href))).toBe(true);
      const dropout = await search('dropout');
      expect(dropout.some((href) => href.startsWith('glossary.html#dropout'))).toBe(true);
      // Once chapter 8 is written, the search must find it too.
      if (fs.existsSync(path.join(siteDir, 'chapter-08.html'))) {
        expect(dropout.some((href) => href.startsWith('chapter-08.html'))).toBe(true);
      }
      // Exercise results are titled by the exercise, without the heading's "#" or "API" links.
      await search('multiInputStep');
      const titles = await page.$$eval('#search-results .result-title', (spans) => spans.map((span) => span.textContent ?? ''));
      expect(titles.some((title) => /Exercise 5\.1: multiInputStep$/.test(title))).toBe(true);
      for (const title of titles) expect(title).not.toMatch(/\s#$|\sAPI$/);

      // API symbols, highlighted snippets, the keyboard (same page: the index is loaded once).
      await page.fill('#search-input', '');
      await page.locator('#search-input').blur();
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
      await page.keyboard.type('matmul');
      await page.waitForSelector('#search-results:not([hidden]) li a');
      const results = await page.$$eval('#search-results a', (links) =>
        links.map((link) => ({
          href: link.getAttribute('href') ?? '',
          snippet: link.querySelector('.result-snippet')?.textContent ?? '',
          marks: [...link.querySelectorAll('mark')].map((mark) => (mark.textContent ?? '').toLowerCase()),
        })),
      );
      expect(results.some((result) => /^api\/functions\/kernels\.matmul\.html/.test(result.href))).toBe(true);
      expect(results.filter((result) => result.snippet.length > 20).length).toBeGreaterThan(0);
      expect(results.some((result) => result.marks.some((mark) => mark.startsWith('matmul')))).toBe(true);
      await page.fill('#search-input', 'NDArray');
      await page.waitForFunction(() => [...document.querySelectorAll('#search-results a')].some((a) => /NDArray/.test(a.getAttribute('href') ?? '')));
      await page.focus('#search-input');
      await page.keyboard.press('ArrowDown');
      const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      await page.keyboard.press('ArrowDown');
      const second = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      expect(first).toBeTruthy();
      expect(second).toBeTruthy();
      expect(second).not.toBe(first);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.href === new URL(first ?? '', `${base}/index.html`).href);
      await page.screenshot({ path: path.join(screenshots, 'search-result-page.png') });
    } finally {
      await page.close();
    }
  });

  test('code blocks have a copy button that copies the code', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/chapter-03.html`, { waitUntil: 'load' });
      const blocks = await page.$$eval('.code-block', (elements) => elements.map((block) => block.querySelector(':scope > .copy-button') !== null));
      expect(blocks.length).toBeGreaterThan(0);
      expect(blocks.every(Boolean)).toBe(true);
      const expected = await page.$eval('.code-block pre', (pre) => (pre as HTMLElement).innerText.replace(/\n$/, ''));
      await page.click('.code-block .copy-button');
      await page.waitForFunction(() => document.querySelector('.code-block .copy-button')?.textContent === 'Copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    } finally {
      await context.close();
    }
  });

  test('printing shows the article only, and print.html holds every chapter', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/chapter-06.html`, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() =>
        Object.fromEntries(['.topbar', '.sidebar', '.toc', '.pager', '#search-input', '.prose'].map((selector) => {
          const element = document.querySelector(selector);
          return [selector, element !== null && getComputedStyle(element).display !== 'none' && (element as HTMLElement).offsetParent !== null];
        })),
      );
      expect(shown).toEqual({ '.topbar': false, '.sidebar': false, '.toc': false, '.pager': false, '#search-input': false, '.prose': true });
      const chapters = [...results.keys()].filter((href) => /^chapter-\d+\.html$/.test(href)).map((href) => href.replace(/\.html$/, ''));
      const html = fs.readFileSync(path.join(siteDir, 'print.html'), 'utf8');
      for (const chapter of chapters) expect(html).toContain(`<section class="print-chapter" id="${chapter}">`);
    } finally {
      await page.close();
    }
  });

  test('every page has previous / next links and a footer with the build date and commit', () => {
    for (const href of results.keys()) {
      if (href.startsWith('api/') || href === 'print.html') continue;
      const html = fs.readFileSync(path.join(siteDir, href), 'utf8');
      expect({ href, pager: /<nav class="pager"[^>]*>[\s\S]*?rel="(prev|next)"/.test(html) }).toEqual({ href, pager: true });
      expect(html).toMatch(/<footer class="site-footer">[\s\S]*Built on <time datetime="\d{4}-\d{2}-\d{2}">/);
    }
  });

  test('the on-this-page list follows the reader, and a figure opens full size', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(`${base}/chapter-05.html`, { waitUntil: 'load' });
      const target = await page.$$eval('.toc a', (links) => links[Math.floor(links.length / 2)].getAttribute('href') ?? '');
      await page.evaluate((hash) => document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView(), target);
      await page.waitForFunction((hash) => document.querySelector('.toc a[aria-current]')?.getAttribute('href') === hash, target);
      // The sidebar and the contents list scroll on their own when they are taller than the window.
      const overflow = await page.evaluate(() => ['.sidebar', '.toc'].map((selector) => getComputedStyle(document.querySelector(selector)!).overflowY));
      expect(overflow).toEqual(['auto', 'auto']);
      await page.click('.figure a.figure-open');
      await page.waitForSelector('dialog.figure-dialog[open] svg');
      const size = await page.$eval('dialog.figure-dialog svg', (svg) => ({ shown: svg.getBoundingClientRect().width, natural: Number(svg.getAttribute('width')) }));
      expect(size.shown).toBeCloseTo(size.natural, 0);
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog.figure-dialog', { state: 'detached' });
    } finally {
      await page.close();
    }
  });
});
