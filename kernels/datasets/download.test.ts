import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { AddressInfo } from 'node:net';
import { runDataCommand } from '../../scripts/lib/data-cli';
import { downloadDataset } from './download';
import { DatasetError } from './errors';
import { loadBabiTask1, loadCharacterText, loadMovieReviews, loadSpamHam } from './originals';
import { DatasetSpec, findDataset } from './registry';
import { writeTar } from './tar';

// Every request goes to this server on 127.0.0.1; nothing here touches the network.
type Route = { body: Buffer; declaredLength?: number; status?: number };
const routes = new Map<string, Route>();
let server: http.Server;
let baseUrl: string;
let dataDir: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const route = routes.get(request.url ?? '');
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(route.status ?? 200, {
      'content-length': String(route.declaredLength ?? route.body.length),
    });
    if (route.declaredLength !== undefined && route.declaredLength > route.body.length) {
      // Promise more than we send, then cut the connection: a broken download.
      response.write(route.body, () => response.socket?.destroy());
      return;
    }
    response.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  routes.clear();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-'));
});

afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const text = (content: string): Buffer => Buffer.from(content, 'utf8');
const sha256 = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

/** A one-file dataset whose checksum is known, like an entry with a recorded sha256. */
function fixtureRegistry(content: Buffer): DatasetSpec[] {
  return [
    {
      name: 'tiny',
      title: 'a fixture',
      chapters: '-',
      license: '-',
      files: [{ name: 'tiny.txt', url: 'http://example.invalid/tiny.txt', sha256: sha256(content), validate: () => undefined }],
    },
  ];
}

async function failure(promise: Promise<unknown>): Promise<DatasetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).not.toContain('\n');
    return error as DatasetError;
  }
  throw new Error('expected the download to fail');
}

const qa1Train = fs.readFileSync(path.join(__dirname, 'fixtures', 'qa1-sample.txt'));
const babiArchive = (): Buffer =>
  zlib.gzipSync(
    writeTar([
      { name: 'tasks_1-20_v1-2/en/qa1_single-supporting-fact_train.txt', data: qa1Train },
      { name: 'tasks_1-20_v1-2/en/qa1_single-supporting-fact_test.txt', data: qa1Train },
      { name: 'tasks_1-20_v1-2/README', data: text('not a task') },
    ]),
  );

describe('downloadDataset against a local server', () => {
  it('downloads, verifies the checksum, renames the .part file, then reuses the copy', async () => {
    const content = text('hello data\n');
    routes.set('/tiny.txt', { body: content });
    const registry = fixtureRegistry(content);
    const lines: string[] = [];
    const first = await downloadDataset('tiny', { baseUrl, dataDir, registry, log: (line) => lines.push(line) });
    const file = path.join(dataDir, 'tiny', 'tiny.txt');
    expect(fs.readFileSync(file, 'utf8')).toBe('hello data\n');
    expect(fs.existsSync(`${file}.part`)).toBe(false);
    expect(first.files[0]).toMatchObject({ reused: false, sha256: sha256(content), bytes: 11 });
    expect(lines.join('\n')).toContain('matches the registry');
    routes.clear(); // a second run must not need the server
    const second = await downloadDataset('tiny', { baseUrl, dataDir, registry });
    expect(second.files[0].reused).toBe(true);
  });

  it('reports progress', async () => {
    const content = Buffer.alloc(100_000, 7);
    routes.set('/tiny.txt', { body: content });
    const seen = { total: -1, bytes: 0, stopped: false };
    await downloadDataset('tiny', {
      baseUrl,
      dataDir,
      registry: fixtureRegistry(content),
      progress: {
        start: (_file, total) => (seen.total = total ?? -1),
        advance: (bytes) => (seen.bytes += bytes),
        stop: () => (seen.stopped = true),
      },
    });
    expect(seen).toEqual({ total: 100_000, bytes: 100_000, stopped: true });
  });

  it('rejects a corrupt file (wrong checksum) and leaves nothing behind', async () => {
    routes.set('/tiny.txt', { body: text('tampered\n') });
    const error = await failure(downloadDataset('tiny', { baseUrl, dataDir, registry: fixtureRegistry(text('hello\n')) }));
    expect(error.message).toMatch(/^tiny: .*tiny\.txt is corrupt \(SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}\): run npm run data -- tiny --force$/);
    expect(fs.readdirSync(path.join(dataDir, 'tiny'))).toEqual([]);
  });

  it('recovers cleanly after a connection cut mid-download', async () => {
    const content = Buffer.alloc(50_000, 1);
    const registry = fixtureRegistry(content);
    routes.set('/tiny.txt', { body: content.subarray(0, 20_000), declaredLength: content.length });
    const error = await failure(downloadDataset('tiny', { baseUrl, dataDir, registry }));
    expect(error.message).toMatch(/tiny\.txt(\.part)? (was not downloaded|is truncated)/);
    expect(error.message).toContain('run npm run data -- tiny --force');
    expect(fs.readdirSync(path.join(dataDir, 'tiny'))).toEqual([]);
    // A stale .part from an older crash does not matter either.
    fs.writeFileSync(path.join(dataDir, 'tiny', 'tiny.txt.part'), 'junk');
    routes.set('/tiny.txt', { body: content });
    await downloadDataset('tiny', { baseUrl, dataDir, registry });
    expect(fs.readFileSync(path.join(dataDir, 'tiny', 'tiny.txt')).equals(content)).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'tiny'))).toEqual(['tiny.txt']);
  });

  it('names the server error', async () => {
    const error = await failure(downloadDataset('tiny', { baseUrl, dataDir, registry: fixtureRegistry(text('x')) }));
    expect(error.message).toContain('HTTP 404');
  });

  it('rejects an unknown name, listing the valid ones', async () => {
    const error = await failure(downloadDataset('nope', { baseUrl, dataDir }));
    expect(error.message).toBe(
      'data: nope is not a dataset (valid names: imdb, babi, shakespeare, enron): run npm run data -- --list',
    );
  });
});

describe('the real registry entries, served locally', () => {
  it('babi: unpacks the task files, and loadBabiTask1 then uses them', async () => {
    routes.set('/tasks_1-20_v1-2.tar.gz', { body: babiArchive() });
    expect(loadBabiTask1({ dataDir }).source).toContain('generated');
    await downloadDataset('babi', { baseUrl, dataDir });
    const babi = loadBabiTask1({ dataDir });
    expect(babi.source).toContain('downloaded bAbI');
    expect(babi.stories.length).toBe(2);
    expect(fs.existsSync(path.join(dataDir, 'babi', 'tasks_1-20_v1-2', 'README'))).toBe(false);
  });

  it('babi: a truncated archive is caught by its format although no checksum is known', async () => {
    const archive = babiArchive();
    routes.set('/tasks_1-20_v1-2.tar.gz', { body: archive.subarray(0, archive.length - 40) });
    const error = await failure(downloadDataset('babi', { baseUrl, dataDir }));
    expect(error.message).toMatch(/^babi: .*tasks_1-20_v1-2\.tar\.gz is truncated or corrupt \(.*\): run npm run data -- babi --force$/);
  });

  it('babi: a corrupt archive (not gzip, or gzip of the wrong files) is rejected', async () => {
    routes.set('/tasks_1-20_v1-2.tar.gz', { body: text('<html>rate limited</html>') });
    expect((await failure(downloadDataset('babi', { baseUrl, dataDir }))).message).toContain('is not a gzip file');
    routes.set('/tasks_1-20_v1-2.tar.gz', { body: zlib.gzipSync(writeTar([{ name: 'other.txt', data: text('x') }])) });
    expect((await failure(downloadDataset('babi', { baseUrl, dataDir }))).message).toContain(
      'does not contain tasks_1-20_v1-2/en/qa1_single-supporting-fact_train.txt',
    );
  });

  it('shakespeare: a file of the wrong size is reported as truncated', async () => {
    routes.set('/input.txt', { body: text('First Citizen:\nBefore we proceed any further, hear me speak.\n') });
    const error = await failure(downloadDataset('shakespeare', { baseUrl, dataDir }));
    expect(error.message).toContain('is truncated (61 bytes, expected 1115394)');
    expect(loadCharacterText({ dataDir }).source).toContain('moby-dick');
  });

  it('enron: both files are fetched, and loadSpamHam then uses them', async () => {
    const lines = (word: string, n: number): Buffer =>
      text(Array.from({ length: n }, (_, i) => `subject : ${word} ${i} ${'x '.repeat(600)}`).join('\n') + '\n');
    routes.set('/spam.txt', { body: lines('buy', 6) });
    routes.set('/ham.txt', { body: lines('meeting', 4) });
    await downloadDataset('enron', { baseUrl, dataDir });
    const corpus = loadSpamHam({ dataDir });
    expect(corpus.source).toContain('Enron');
    expect(corpus.test.length).toBe(4);
    expect(corpus.train.map((item) => item.label)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('imdb: the archive becomes train.tsv and test.tsv, which loadMovieReviews reads', () => {
    const archive = zlib.gzipSync(
      writeTar([
        { name: 'aclImdb/train/pos/1_9.txt', data: text('Great<br />film.') },
        { name: 'aclImdb/train/neg/2_1.txt', data: text('Dull\tand long.') },
        { name: 'aclImdb/test/pos/3_8.txt', data: text('Loved it') },
        { name: 'aclImdb/train/unsup/4_0.txt', data: text('unlabelled') },
      ]),
    );
    const imdb = findDataset('imdb')!.files[0];
    expect(imdb.validate(archive)).toBeUndefined();
    const unpacked = imdb.unpack!(archive);
    expect(unpacked.get('train.tsv')).toBe('0\tDull and long.\n1\tGreat film.\n');
    fs.mkdirSync(path.join(dataDir, 'imdb'));
    for (const [name, content] of unpacked) fs.writeFileSync(path.join(dataDir, 'imdb', name), content);
    const reviews = loadMovieReviews({ dataDir });
    expect(reviews.source).toContain('IMDB');
    expect(reviews.test).toEqual([{ text: 'Loved it', label: 1 }]);
  });
});

describe('npm run data (runDataCommand)', () => {
  function capture(): { io: { out: (l: string) => void; err: (l: string) => void; progress: boolean }; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l) => out.push(l), err: (l) => err.push(l), progress: false }, out, err };
  }

  it('exits 2 on an unknown name and lists the valid ones', async () => {
    const { io, err } = capture();
    expect(await runDataCommand(['nope'], io)).toBe(2);
    expect(err.join('\n')).toContain('valid names are imdb, babi, shakespeare, enron');
  });

  it('prints usage and exits 2 on a bad argument or no name', async () => {
    for (const argv of [['--bogus'], []]) {
      const { io, err } = capture();
      expect(await runDataCommand(argv, io)).toBe(2);
      expect(err.join('\n')).toContain('usage: npm run data');
    }
  });

  it('downloads with --base-url and --data-dir, and exits 1 with one line on failure', async () => {
    routes.set('/tasks_1-20_v1-2.tar.gz', { body: babiArchive() });
    const ok = capture();
    expect(await runDataCommand(['babi', '--base-url', baseUrl, '--data-dir', dataDir], ok.io)).toBe(0);
    expect(ok.out.join('\n')).toContain('not recorded in the registry: size and format checked');
    routes.clear();
    const bad = capture();
    expect(await runDataCommand(['enron', '--base-url', baseUrl, '--data-dir', dataDir], bad.io)).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toContain('run npm run data -- enron --force');
  });
});
