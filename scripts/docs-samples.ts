/**
 * `npm run docs:samples [-- --check]`: runs the sessions of scripts/lib/doc-samples.ts in a
 * fixture course and writes their output into the marked blocks of docs/tools.md; `--check`
 * only says whether the file is up to date (scripts/docs-samples.test.ts does the same in CI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/course';
import { defineTool } from './lib/cli';
import { renderSamples, samplesIn, withSamples } from './lib/doc-samples';

const DOCS = path.join(repoRoot, 'docs', 'tools.md');

defineTool({
  usage: `usage: npm run docs:samples [-- --check]
  Reruns the sample sessions of docs/tools.md in a fixture course and rewrites their blocks.
  --check  only report which samples differ (exit 1 when one does)`,
  options: { check: { type: 'boolean', default: false } },
  async main({ values }) {
    const markdown = fs.readFileSync(DOCS, 'utf8');
    const samples = await renderSamples();
    const present = samplesIn(markdown);
    const missing = [...samples.keys()].filter((name) => !present.has(name));
    if (missing.length > 0) console.error(`docs/tools.md has no <!-- sample: NAME --> block for ${missing.join(', ')}`);
    const stale = [...samples.keys()].filter((name) => present.has(name) && present.get(name) !== samples.get(name));
    if (values.check) {
      for (const name of stale) console.error(`docs/tools.md: sample "${name}" differs from what the tools print now; run npm run docs:samples`);
      if (stale.length === 0 && missing.length === 0) console.log(`docs:samples: ${samples.size} samples up to date`);
      return stale.length + missing.length === 0 ? 0 : 1;
    }
    fs.writeFileSync(DOCS, withSamples(markdown, samples));
    console.log(`docs:samples: ${stale.length} of ${samples.size} samples rewritten in docs/tools.md`);
    return missing.length === 0 ? 0 : 1;
  },
});
