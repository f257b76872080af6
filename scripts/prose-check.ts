/**
 * `npm run prose:check`: type-checks every ```ts block of the chapter READMEs and runs the
 * ```ts run blocks (see scripts/site/prose-check.mts).
 */
import { defineTool } from './lib/cli';

defineTool({
  usage: `usage: npm run prose:check
  Type-checks every \`\`\`ts block of the chapter READMEs and runs the \`\`\`ts run blocks.`,
  options: {},
  async main() {
    const check = await import('./site/prose-check.mjs');
    await check.main();
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  },
});
