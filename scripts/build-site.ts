/**
 * `npm run docs [-- --draft]`: builds the course site into docs/site/. The build lives in ESM
 * modules (scripts/site/*.mts) because its dependencies (shiki, typedoc, the markdown-it
 * plugins) are ESM only; this file is its command line.
 */
import { defineTool } from './lib/cli';

defineTool({
  usage: `usage: npm run docs [-- --draft]
  --draft  draw a figure the registry does not know as a placeholder instead of failing
  Builds the course site (chapters, figures, API reference) into docs/site/.`,
  options: { draft: { type: 'boolean', default: false } },
  async main() {
    const build = await import('./site/build.mjs');
    await build.main();
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  },
});
