/**
 * docs/tools.md's generated samples are what the tools print now: each is rerun in a fixture
 * course (scripts/lib/doc-samples.ts) and compared with the file. On a failure, run
 * `npm run docs:samples` and read the diff before committing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/course';
import { SAMPLES, renderSamples, samplesIn } from './lib/doc-samples';

test('every generated sample in docs/tools.md matches a fresh run of its commands', async () => {
  const inDocs = samplesIn(fs.readFileSync(path.join(repoRoot, 'docs', 'tools.md'), 'utf8'));
  expect([...inDocs.keys()].sort()).toEqual(SAMPLES.map((sample) => sample.name).sort());
  const fresh = await renderSamples();
  for (const [name, text] of fresh) expect(`${name}:\n${inDocs.get(name)}`).toBe(`${name}:\n${text}`);
}, 120_000);
