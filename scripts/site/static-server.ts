/**
 * A small static file server for the built site (docs/site), used by `npm run docs:serve` and
 * by the browser test. It serves files only from inside the site folder.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

/**
 * The headers of a site's `_headers` file (Netlify / Cloudflare Pages format: a path, then
 * indented `Name: value` lines), by path; a path ending in `*` matches what starts with it.
 */
export function readHeaderRules(root: string): Array<{ path: string; headers: Record<string, string> }> {
  const file = path.join(root, '_headers');
  if (!fs.existsSync(file)) return [];
  const rules: Array<{ path: string; headers: Record<string, string> }> = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^\S/.test(line)) rules.push({ path: line.trim(), headers: {} });
    const header = /^\s+([\w-]+):\s*(.+)$/.exec(line);
    if (header && rules.length > 0) rules[rules.length - 1].headers[header[1]] = header[2].trim();
  }
  return rules;
}

function headersFor(rules: ReturnType<typeof readHeaderRules>, pathname: string): Record<string, string> {
  const matches = rules.filter((rule) => (rule.path.endsWith('*') ? pathname.startsWith(rule.path.slice(0, -1)) : pathname === rule.path));
  return Object.assign({}, ...matches.map((rule) => rule.headers)) as Record<string, string>;
}

/** Starts serving `root` on 127.0.0.1:`port` (0 picks a free port); resolves once listening. */
export function startStaticServer(root: string, port: number): Promise<http.Server> {
  const base = path.resolve(root);
  const rules = readHeaderRules(base);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (!file.startsWith(base)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (error, data) => {
      if (error) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${url.pathname}`);
        return;
      }
      response
        .writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', ...headersFor(rules, url.pathname) })
        .end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
