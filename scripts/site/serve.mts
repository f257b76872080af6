/** `npm run docs:serve [-- --port 4173]`: serves the built site on 127.0.0.1 (flags: scripts/serve-site.ts). */
import fs from 'node:fs';
import path from 'node:path';
import staticServer from './static-server.js';
import { siteDir } from './paths.mjs';

/** Starts the server and returns 0, or prints one line and returns 1 when it cannot. */
export async function main(options: { port: number }): Promise<number> {
  const { port } = options;
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
    console.error('docs:serve: docs/site/index.html is missing; run `npm run docs` first');
    return 1;
  }
  let server;
  try {
    server = await staticServer.startStaticServer(siteDir, port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      const why = code === 'EADDRINUSE' ? 'is already in use (another docs:serve?)' : 'needs rights this user does not have';
      console.error(`docs:serve: port ${port} ${why}; choose another with npm run docs:serve -- --port ${port === 65535 ? 4174 : port + 1}`);
      return 1;
    }
    throw error;
  }
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  console.log(`Serving docs/site at http://127.0.0.1:${actual}/ (Ctrl+C to stop)`);
  return 0;
}
