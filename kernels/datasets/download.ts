/**
 * Fetches the book's original datasets into the ignored `.data/` folder.
 *
 * Each file is streamed into `<name>.part`, checked (size, SHA-256 where known, format), and
 * only then renamed to its final name, so an interrupted or broken download never leaves a file
 * the loaders would trust: the next run simply starts again. Archives are then unpacked into
 * what the loaders read.
 *
 * `GDL_DATA_BASE_URL` (or the `baseUrl` option) replaces every file's published address with
 * `<baseUrl>/<file name>`, for mirrors and for the tests' local server; `GDL_DATA_DIR` (or
 * `dataDir`) moves the cache.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { DatasetError, REPO_ROOT } from './errors';
import { DATASETS, DatasetSpec, findDataset, RemoteFile } from './registry';

/** Reports download progress (the CLI draws a bar with it). */
export interface ProgressReporter {
  /** A file starts; `totalBytes` is undefined when the server does not say. */
  start(file: string, totalBytes: number | undefined): void;
  /** `bytes` more have arrived. */
  advance(bytes: number): void;
  /** The file is complete or failed. */
  stop(): void;
}

/** Options of {@link downloadDataset}. */
export interface DownloadOptions {
  /** Fetch every file from `<baseUrl>/<file name>` (default: env GDL_DATA_BASE_URL, else each file's url). */
  readonly baseUrl?: string;
  /** The cache folder (default: env GDL_DATA_DIR, else `.data/` in the repository). */
  readonly dataDir?: string;
  /** Download again even when a verified copy is present. */
  readonly force?: boolean;
  readonly progress?: ProgressReporter;
  /** Receives one line per step (default: nothing). */
  readonly log?: (line: string) => void;
  /** The datasets to look names up in (tests pass fixtures). */
  readonly registry?: readonly DatasetSpec[];
}

/** What a download did, per file. */
export interface DownloadResult {
  readonly dataset: string;
  readonly files: readonly { name: string; path: string; sha256: string; bytes: number; reused: boolean }[];
}

/** The cache folder: `dataDir`, else env GDL_DATA_DIR, else `.data/` in the repository. */
export function dataDirectory(dataDir?: string): string {
  return path.resolve(dataDir ?? process.env.GDL_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
}

/** The command that (re)fetches a dataset, as named in error messages. */
export function fetchCommand(dataset: string): string {
  return `npm run data -- ${dataset} --force`;
}

/** The path of a downloaded file of `dataset` if it is there, else undefined. */
export function downloadedFile(dataset: string, relativePath: string, dataDir?: string): string | undefined {
  const file = path.join(dataDirectory(dataDir), dataset, relativePath);
  return fs.existsSync(file) ? file : undefined;
}

/** The names `npm run data` accepts. */
export function datasetNames(registry: readonly DatasetSpec[] = DATASETS): string[] {
  return registry.map((spec) => spec.name);
}

/** The error for a name that is not in the registry, listing the valid ones. */
export function unknownDatasetError(name: string, registry: readonly DatasetSpec[] = DATASETS): DatasetError {
  return new DatasetError(
    'data',
    name,
    `is not a dataset (valid names: ${datasetNames(registry).join(', ')})`,
    'npm run data -- --list',
  );
}

/** GETs a URL (following redirects) and streams the body into `sink`. */
function fetchInto(
  url: string,
  sink: fs.WriteStream,
  onResponse: (totalBytes: number | undefined) => void,
  onChunk: (chunk: Buffer) => void,
  redirectsLeft = 5,
): Promise<{ received: number; expected: number | undefined }> {
  return new Promise((resolve, reject) => {
    // Once the transfer has failed, late chunks must not reach the (then destroyed) file stream.
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    sink.on('error', (error) => fail(new Error(`cannot write the file (${error.message})`)));
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(url, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location && redirectsLeft > 0) {
        response.resume();
        const next = new URL(response.headers.location, url).toString();
        fetchInto(next, sink, onResponse, onChunk, redirectsLeft - 1).then(resolve, fail);
        return;
      }
      if (status !== 200) {
        response.resume();
        fail(new Error(`the server answered HTTP ${status} for ${url}`));
        return;
      }
      const length = response.headers['content-length'];
      const expected = length === undefined ? undefined : Number(length);
      onResponse(expected);
      let received = 0;
      const cut = (): void => {
        response.destroy();
        fail(new Error(`the connection closed after ${received} bytes`));
      };
      response.on('data', (chunk: Buffer) => {
        if (failed) return;
        received += chunk.length;
        onChunk(chunk);
        if (!sink.write(chunk)) {
          response.pause();
          sink.once('drain', () => response.resume());
        }
      });
      response.on('error', (error) => fail(error));
      // A connection cut mid-body ends with 'aborted' (or 'close' without 'end').
      response.on('aborted', cut);
      response.on('end', () => {
        if (failed) return;
        if (!response.complete) {
          cut();
          return;
        }
        sink.end(() => resolve({ received, expected }));
      });
    });
    request.on('error', (error) => fail(new Error(`cannot reach ${url} (${error.message})`)));
  });
}

/** Checks a downloaded file against what the registry knows; returns the problem or undefined. */
function verify(file: RemoteFile, bytes: Buffer, sha256: string): string | undefined {
  if (file.size !== undefined && bytes.length !== file.size) {
    return bytes.length < file.size
      ? `is truncated (${bytes.length} bytes, expected ${file.size})`
      : `is corrupt (${bytes.length} bytes, expected ${file.size})`;
  }
  if (file.sha256 !== undefined && sha256 !== file.sha256) {
    return `is corrupt (SHA-256 ${sha256}, expected ${file.sha256})`;
  }
  return file.validate(bytes);
}

function sha256Of(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Writes what `file.unpack` produces into the dataset folder (each through a .part file). */
function unpackInto(file: RemoteFile, bytes: Buffer, datasetDir: string): void {
  if (!file.unpack) return;
  for (const [relative, content] of file.unpack(bytes)) {
    const target = path.join(datasetDir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(`${target}.part`, content);
    fs.renameSync(`${target}.part`, target);
  }
}

/**
 * Downloads, verifies and unpacks one dataset into `<dataDir>/<name>/`. A copy already there
 * that passes verification is reused unless `force` is set.
 * @throws DatasetError (one line: the file and the command that fixes it) when the name is
 *   unknown, the server cannot be reached, or a file is truncated or corrupt.
 */
export async function downloadDataset(name: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const registry = options.registry ?? DATASETS;
  const spec = findDataset(name, registry);
  if (!spec) throw unknownDatasetError(name, registry);
  const log = options.log ?? (() => undefined);
  const baseUrl = options.baseUrl ?? process.env.GDL_DATA_BASE_URL;
  const datasetDir = path.join(dataDirectory(options.dataDir), spec.name);
  fs.mkdirSync(datasetDir, { recursive: true });
  const fix = fetchCommand(spec.name);
  const results: DownloadResult['files'][number][] = [];

  for (const file of spec.files) {
    const target = path.join(datasetDir, file.name);
    if (!options.force && fs.existsSync(target)) {
      const bytes = fs.readFileSync(target);
      const sha256 = sha256Of(bytes);
      const problem = verify(file, bytes, sha256);
      if (problem) throw new DatasetError(spec.name, target, problem, fix);
      unpackInto(file, bytes, datasetDir); // in case the unpacked files were deleted
      log(`${spec.name}: ${file.name} is already here and verified (sha256 ${sha256})`);
      results.push({ name: file.name, path: target, sha256, bytes: bytes.length, reused: true });
      continue;
    }
    const url = baseUrl ? `${baseUrl.replace(/\/+$/, '')}/${file.name}` : file.url;
    const partial = `${target}.part`;
    fs.rmSync(partial, { force: true });
    log(`${spec.name}: fetching ${url}`);
    const hash = crypto.createHash('sha256');
    const sink = fs.createWriteStream(partial);
    let transfer: { received: number; expected: number | undefined };
    try {
      transfer = await fetchInto(
        url,
        sink,
        (total) => options.progress?.start(file.name, total),
        (chunk) => {
          hash.update(chunk);
          options.progress?.advance(chunk.length);
        },
      );
    } catch (error) {
      sink.destroy();
      fs.rmSync(partial, { force: true });
      throw new DatasetError(spec.name, partial, `was not downloaded: ${(error as Error).message}`, fix);
    } finally {
      options.progress?.stop();
    }
    const sha256 = hash.digest('hex');
    const bytes = fs.readFileSync(partial);
    const problem =
      transfer.expected !== undefined && transfer.received !== transfer.expected
        ? `is truncated (${transfer.received} of ${transfer.expected} bytes arrived)`
        : verify(file, bytes, sha256);
    if (problem) {
      fs.rmSync(partial, { force: true });
      throw new DatasetError(spec.name, target, problem, fix);
    }
    fs.renameSync(partial, target);
    unpackInto(file, bytes, datasetDir);
    log(
      `${spec.name}: ${file.name} verified (${bytes.length} bytes, sha256 ${sha256}` +
        `${file.sha256 ? ', matches the registry' : ', not recorded in the registry: size and format checked'})`,
    );
    results.push({ name: file.name, path: target, sha256, bytes: bytes.length, reused: false });
  }
  return { dataset: spec.name, files: results };
}
