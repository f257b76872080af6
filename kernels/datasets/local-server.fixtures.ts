/**
 * Test support for the downloader and `npm run data`: a file server on 127.0.0.1 and a fresh
 * data folder per test, registered as jest hooks. Nothing in these tests touches the network.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';

/** What the server answers at one path. */
export interface Route {
  readonly body: Buffer;
  /** A content-length above the body's: the server sends the body, then cuts the connection. */
  readonly declaredLength?: number;
  readonly status?: number;
}

export interface LocalServer {
  /** Path ("/tiny.txt") to answer; cleared before every test. */
  readonly routes: Map<string, Route>;
  /** `http://127.0.0.1:<port>`, once the server listens (inside a test). */
  readonly baseUrl: string;
  /** An empty folder of this test's own, removed after it. */
  readonly dataDir: string;
}

/** Starts the server for the test file and gives every test an empty data folder. */
export function useLocalServer(folderPrefix: string): LocalServer {
  const routes = new Map<string, Route>();
  let server: http.Server | undefined;
  let baseUrl = '';
  let dataDir = '';
  beforeAll(async () => {
    const started = http.createServer((request, response) => {
      const route = routes.get(request.url ?? '');
      if (route === undefined) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(route.status ?? 200, { 'content-length': String(route.declaredLength ?? route.body.length) });
      if (route.declaredLength !== undefined && route.declaredLength > route.body.length) {
        response.write(route.body, () => response.socket?.destroy());
        return;
      }
      response.end(route.body);
    });
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    server = started;
    baseUrl = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  beforeEach(() => {
    routes.clear();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  return {
    routes,
    get baseUrl() {
      return baseUrl;
    },
    get dataDir() {
      return dataDir;
    },
  };
}
