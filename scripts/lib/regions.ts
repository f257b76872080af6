/**
 * Solution regions: the one mechanism behind stubs, reset and diff.
 *
 * A solution file marks each exercise body with
 *
 *     // #region solution 3.2
 *     ...reference code...
 *     // #endregion
 *
 * and everything outside the markers is shared verbatim with the learner's file. The stub keeps
 * the markers and replaces the body with a line that throws NotImplementedError.
 */
import path from 'node:path';

const REGION_START = /^(\s*)\/\/ #region solution (\S+)\s*$/;
const REGION_END = /^\s*\/\/ #endregion\b/;

/** A piece of a file: shared text, or the body of one exercise region. */
export type Segment =
  | { readonly kind: 'shared'; readonly lines: readonly string[] }
  | {
      readonly kind: 'region';
      readonly taskId: string;
      /** The marker lines themselves, kept verbatim. */
      readonly startLine: string;
      readonly endLine: string;
      /** Indentation of the start marker, used for generated bodies. */
      readonly indent: string;
      /** The lines between the markers. */
      readonly body: readonly string[];
      /** 1-based line number of the start marker, for messages. */
      readonly line: number;
    };

/** Splits a file into shared text and exercise regions. Throws on unbalanced markers. */
export function parseRegions(text: string, fileLabel: string): Segment[] {
  const lines = text.split('\n');
  const segments: Segment[] = [];
  let shared: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const start = REGION_START.exec(lines[index]);
    if (start === null) {
      if (REGION_END.test(lines[index])) {
        throw new Error(`${fileLabel}:${index + 1}: "// #endregion" without a matching "// #region solution"`);
      }
      shared.push(lines[index]);
      continue;
    }
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !REGION_END.test(lines[end])) {
      if (REGION_START.test(lines[end])) {
        throw new Error(`${fileLabel}:${end + 1}: regions cannot be nested (region ${start[2]} opened on line ${index + 1})`);
      }
      body.push(lines[end]);
      end++;
    }
    if (end === lines.length) {
      throw new Error(`${fileLabel}:${index + 1}: region ${start[2]} is never closed with "// #endregion"`);
    }
    segments.push({ kind: 'shared', lines: shared });
    shared = [];
    segments.push({
      kind: 'region',
      taskId: start[2],
      startLine: lines[index],
      endLine: lines[end],
      indent: start[1],
      body,
      line: index + 1,
    });
    index = end;
  }
  segments.push({ kind: 'shared', lines: shared });
  return segments;
}

/** Joins segments back into file text (the inverse of {@link parseRegions}). */
export function joinSegments(segments: readonly Segment[]): string {
  const lines: string[] = [];
  for (const segment of segments) {
    if (segment.kind === 'shared') lines.push(...segment.lines);
    else lines.push(segment.startLine, ...segment.body, segment.endLine);
  }
  return lines.join('\n');
}

/** The task ids of a file's regions, in order of first appearance. */
export function regionTaskIds(segments: readonly Segment[]): string[] {
  const ids: string[] = [];
  for (const segment of segments) {
    if (segment.kind === 'region' && !ids.includes(segment.taskId)) ids.push(segment.taskId);
  }
  return ids;
}

/** What the stub generator needs to know about one task. */
export interface StubTask {
  readonly id: string;
  readonly name: string;
  readonly readme: string;
}

/** The body a stub gets in place of a solution region. */
export function stubBody(task: StubTask, indent: string): string[] {
  return [`${indent}throw new NotImplementedError('${task.id}', '${task.name}', '${task.readme}');`];
}

/**
 * Writes the learner's stub for one solution file: regions emptied to a NotImplementedError,
 * the error's import added when the file has regions and does not import it yet.
 * @param relativePath the file's path relative to the repository root (it sets the import path)
 */
export function generateStub(
  solutionText: string,
  relativePath: string,
  tasks: ReadonlyMap<string, StubTask>,
): string {
  const segments = parseRegions(solutionText, relativePath);
  let hasRegions = false;
  const stubSegments = segments.map((segment): Segment => {
    if (segment.kind === 'shared') return segment;
    hasRegions = true;
    const task = tasks.get(segment.taskId);
    if (task === undefined) {
      throw new Error(
        `${relativePath}:${segment.line}: region ${segment.taskId} is not a task of this file in chapter.json`,
      );
    }
    return { ...segment, body: stubBody(task, segment.indent) };
  });
  const text = joinSegments(stubSegments);
  if (!hasRegions || /\bNotImplementedError\b.*from ['"]/.test(text.split('\n// #region')[0])) {
    return text;
  }
  return addNotImplementedImport(text, relativePath);
}

function addNotImplementedImport(text: string, relativePath: string): string {
  const kernelsFile = path.posix.relative(
    path.posix.dirname(relativePath),
    'kernels/not-implemented',
  );
  const importLine = `import { NotImplementedError } from '${kernelsFile.startsWith('.') ? kernelsFile : `./${kernelsFile}`}';`;
  const lines = text.split('\n');
  // After the last top-of-file import, so the file's own header comment stays first.
  let insertAt = -1;
  for (let index = 0; index < lines.length; index++) {
    if (/^import\b/.test(lines[index])) {
      insertAt = index;
      while (insertAt < lines.length && !/;\s*$/.test(lines[insertAt])) insertAt++;
    } else if (/^(export|function|const|let|class|interface|type)\b/.test(lines[index])) {
      break;
    }
  }
  if (insertAt === -1) {
    // No imports yet: put it after a file header comment (one followed by a blank line),
    // or at the very top when the first comment is the JSDoc of the first declaration.
    let headerEnd = 0;
    while (headerEnd < lines.length && /^(\/\*\*|\/\*|\s\*|\/\/)/.test(lines[headerEnd])) headerEnd++;
    const hasFileHeader = headerEnd > 0 && lines[headerEnd]?.trim() === '';
    lines.splice(hasFileHeader ? headerEnd + 1 : 0, 0, importLine, '');
    return lines.join('\n');
  }
  lines.splice(insertAt + 1, 0, importLine);
  return lines.join('\n');
}

/** The bodies of every region, grouped by task id (a task may own several regions). */
export function regionBodies(segments: readonly Segment[]): Map<string, string[][]> {
  const bodies = new Map<string, string[][]>();
  for (const segment of segments) {
    if (segment.kind !== 'region') continue;
    const list = bodies.get(segment.taskId) ?? [];
    list.push([...segment.body]);
    bodies.set(segment.taskId, list);
  }
  return bodies;
}

/**
 * Replaces the bodies of one task's regions (used by `npm run reset -- --task`).
 * @throws when the file does not have the same number of regions for that task
 */
export function replaceTaskBodies(
  text: string,
  fileLabel: string,
  taskId: string,
  bodies: readonly (readonly string[])[],
): string {
  const segments = parseRegions(text, fileLabel);
  let next = 0;
  const replaced = segments.map((segment): Segment => {
    if (segment.kind !== 'region' || segment.taskId !== taskId) return segment;
    const body = bodies[next++];
    if (body === undefined) throw new Error(`${fileLabel}: more regions of task ${taskId} than expected`);
    return { ...segment, body };
  });
  if (next !== bodies.length) {
    throw new Error(`${fileLabel}: expected ${bodies.length} region(s) of task ${taskId}, found ${next}`);
  }
  return joinSegments(replaced);
}
