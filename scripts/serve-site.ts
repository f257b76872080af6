/**
 * `npm run docs:serve [-- --port 4173]`: serves docs/site on 127.0.0.1 (the server is
 * scripts/site/serve.mts, ESM like the rest of the site code).
 */
import { UsageError } from './lib/course';
import { defineTool } from './lib/cli';

const USAGE = `usage: npm run docs:serve [-- --port <n>]
  --port <n>  the port to serve on (default 4173; 0 picks a free one)
  Serves the site built by npm run docs on http://127.0.0.1:<port>/.`;

defineTool({
  usage: USAGE,
  options: { port: { type: 'string', default: '4173' } },
  async main({ values }) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port ?? '') || port > 65535) throw new UsageError(`--port must be a port number (0-65535), not "${values.port}"\n${USAGE}`);
    const serve = await import('./site/serve.mjs');
    return serve.main({ port });
  },
});
