/**
 * What `-t` means in the course's tools: a task id ("3.1"), a list ("3.1,3.4") or a whole chapter
 * number ("3") selects exactly those tasks, never 3.10 for 3.1 and never a test of another task
 * that mentions "(listing 3.1)". Anything else is passed to jest as its test-name regex.
 */
import type { Chapter } from './course';
import { UsageError } from './course';

/** The result of reading a `-t` value. */
export type Selection =
  | { readonly kind: 'tasks'; readonly ids: readonly string[] }
  | { readonly kind: 'pattern'; readonly pattern: string };

const ID_LIST = /^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/;

/**
 * Reads a `-t` value against the chapters being run.
 * @throws UsageError when a task id names no task of those chapters.
 */
export function parseSelection(value: string, chapters: readonly Chapter[]): Selection {
  if (!ID_LIST.test(value)) return { kind: 'pattern', pattern: value };
  const ids: string[] = [];
  for (const part of value.split(',').map((piece) => piece.trim())) {
    if (part.includes('.')) {
      const known = chapters.some((chapter) => chapter.tasks.some((task) => task.id === part));
      if (!known) {
        const valid = chapters.flatMap((chapter) => chapter.tasks.map((task) => task.id)).join(', ');
        throw new UsageError(`-t ${part}: no such task in ${chapters.map((chapter) => chapter.id).join(', ')}; tasks: ${valid || 'none'}`);
      }
      ids.push(part);
    } else {
      const chapter = chapters.find((candidate) => candidate.number === Number(part));
      if (chapter === undefined) throw new UsageError(`-t ${part}: chapter ${part} is not among the chapters being tested`);
      ids.push(...chapter.tasks.map((task) => task.id));
    }
  }
  return { kind: 'tasks', ids: [...new Set(ids)] };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function idAlternatives(ids: readonly string[]): string {
  return `task (?:${ids.map(escapeRegex).join('|')})(?=\\s|$)`;
}

/**
 * jest's --testNamePattern for a run: only `tasks` (exactly), or the user's own pattern, and never
 * the `excluded` tasks (those stopped at the hang limit). Undefined when every test should run.
 * Tests are named by jest as "task 3.1 neuralNetwork <test title>".
 */
export function taskNamePattern(
  tasks: readonly string[] | undefined,
  rawPattern: string | undefined,
  excluded: readonly string[] = [],
): string | undefined {
  let pattern = '';
  if (tasks !== undefined) pattern += `(?=${idAlternatives(tasks.length > 0 ? tasks : ['none'])})`;
  if (rawPattern !== undefined) pattern += `(?=.*(?:${rawPattern}))`;
  if (excluded.length > 0) pattern += `(?!${idAlternatives(excluded)})`;
  return pattern === '' ? undefined : `^${pattern}`;
}
