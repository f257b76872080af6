/**
 * The learner's work in the browser (localStorage): the text of each edited chapter file, the
 * last verdict of each task, and the copy kept when a file is reset to its stub.
 */

/** A store with localStorage's interface (tests pass an in-memory one). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'gdl-lab:v1:';

export interface SavedFile {
  readonly code: string;
  readonly savedAt: string;
}

export interface SavedStatus {
  readonly status: string;
  readonly at: string;
}

function read<T>(store: KeyValueStore, key: string): T | null {
  try {
    const raw = store.getItem(PREFIX + key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

const write = (store: KeyValueStore, key: string, value: unknown): void => store.setItem(PREFIX + key, JSON.stringify(value));

/** The learner's text of `chapters/<chapter>/<file>`, or null when they have not edited it. */
export const savedFile = (store: KeyValueStore, chapter: string, file: string): SavedFile | null => read<SavedFile>(store, `file:${chapter}/${file}`);

export function saveFile(store: KeyValueStore, chapter: string, file: string, code: string): void {
  write(store, `file:${chapter}/${file}`, { code, savedAt: new Date().toISOString() } satisfies SavedFile);
}

export const savedStatus = (store: KeyValueStore, task: string): SavedStatus | null => read<SavedStatus>(store, `status:${task}`);

export function saveStatus(store: KeyValueStore, task: string, status: string): void {
  write(store, `status:${task}`, { status, at: new Date().toISOString() } satisfies SavedStatus);
}

/** The copy kept by the last reset of a file, or null. */
export const backupOf = (store: KeyValueStore, chapter: string, file: string): SavedFile | null => read<SavedFile>(store, `backup:${chapter}/${file}`);

/**
 * Puts a file back to its stub: the learner's text moves to the backup (replacing an older one)
 * and the statuses of the file's tasks are cleared. Returns the backup, or null if nothing was saved.
 */
export function resetFile(store: KeyValueStore, chapter: string, file: string, tasks: readonly string[]): SavedFile | null {
  const current = savedFile(store, chapter, file);
  if (current !== null) write(store, `backup:${chapter}/${file}`, current);
  store.removeItem(`${PREFIX}file:${chapter}/${file}`);
  for (const task of tasks) store.removeItem(`${PREFIX}status:${task}`);
  return current;
}
