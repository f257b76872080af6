/** `npm run docs:serve [-- --port 4173]`: serves the built site on 127.0.0.1. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import staticServer from './static-server.js';
import { siteDir } from './paths.mjs';

export async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '4173' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`docs:serve: --port must be a port number, got "${values.port}"`);
    process.exitCode = 2;
    return;
  }
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
    console.error('docs:serve: docs/site/index.html is missing; run `npm run docs` first');
    process.exitCode = 1;
    return;
  }
  const server = await staticServer.startStaticServer(siteDir, port);
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  console.log(`Serving docs/site at http://127.0.0.1:${actual}/ (Ctrl+C to stop)`);
}
