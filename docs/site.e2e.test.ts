/// <reference lib="dom" />
/**
 * The built site (docs/site, from `npm run docs`) in a real browser: Debian's chromium driven by
 * playwright-core (no browser download). Every page loads without console errors or failed
 * requests, every internal link and anchor resolves, math and code are rendered, the page stays
 * readable on a phone, and the search finds chapters. One screenshot per page goes to
 * docs/site-screenshots/ to be looked at.
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
}

let server: Server;
let browser: Browser;
let base: string;
const results = new Map<string, PageResult>();

function sitePages(): string[] {
  const listed = JSON.parse(fs.readFileSync(path.join(siteDir, 'pages.json'), 'utf8')) as Array<{ href: string }>;
  const pages = listed.map((entry) => entry.href);
  pages.push('api/index.html');
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
    return { url: `${base}/${href}`, errors, ...found };
  } finally {
    page.off('console', onConsole);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
    page.off('pageerror', onPageError);
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) throw new Error('docs/site is missing: run `npm run docs` first');
  fs.rmSync(screenshots, { recursive: true, force: true });
  fs.mkdirSync(screenshots, { recursive: true });
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
}, 90_000);

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
        const spans = [...document.querySelectorAll('.code-block pre.shiki span[style]')];
        return new Set(spans.map((span) => getComputedStyle(span).color)).size;
      });
      expect(colours).toBeGreaterThan(2);
    } finally {
      await page.close();
    }
  });

  test('pages have a Content-Security-Policy without inline scripts', () => {
    for (const href of results.keys()) {
      if (href.startsWith('api/')) continue;
      const html = fs.readFileSync(path.join(siteDir, href), 'utf8');
      expect(html).toMatch(/http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'[;"]/);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  test('on a phone-width screen text fits and code scrolls inside its block', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    try {
      const targets = [...results.keys()].filter((href) => !href.startsWith('api/'));
      for (const href of targets) {
        await page.goto(`${base}/${href}`, { waitUntil: 'load' });
        const layout = await page.evaluate(() => {
          const paragraph = document.querySelector('.prose p');
          return {
            pageWidth: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            fontSize: paragraph ? parseFloat(getComputedStyle(paragraph).fontSize) : 16,
            codeOverflow: [...document.querySelectorAll('.code-block pre')].map((pre) => getComputedStyle(pre).overflowX),
          };
        });
        expect({ href, width: layout.pageWidth }).toEqual({ href, width: layout.viewport });
        expect(layout.fontSize).toBeGreaterThanOrEqual(15);
        for (const overflow of layout.codeOverflow) expect(overflow).toBe('auto');
        if (href === 'chapter-03.html' || (href === targets.find((t) => t.startsWith('chapter-')))) {
          await page.screenshot({ path: path.join(screenshots, `${href.replace(/\.html$/, '')}-phone.png`) });
        }
      }
    } finally {
      await page.close();
    }
  }, 60_000);

  test('the search finds chapters and the glossary', async () => {
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
    } finally {
      await page.close();
    }
  });
});
