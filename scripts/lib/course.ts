/**
 * The course manifest: which chapters exist, their titles, exercises (tasks), stub files and
 * programs. Every tool reads it through this module; nothing else hard-codes the chapter list.
 *
 * It is stored in two places so that chapters can be written independently:
 * - `chapters/course.json`: the course title and the ordered list of chapters (number, title,
 *   status "ready" or "planned");
 * - `chapters/chapter-NN/chapter.json`: that chapter's tasks and program.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in scripts/lib/). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** One exercise: a function (or method) the learner writes. */
export interface Task {
  /** "3.1": chapter number, dot, exercise number; matches the README heading "Exercise 3.1". */
  readonly id: string;
  /** The function the exercise asks for, as named in the code. */
  readonly name: string;
  /** The file (relative to the chapter folder) that holds the exercise region. */
  readonly file: string;
  /** A short human title, e.g. "the weighted sum". */
  readonly title: string;
  /** The heading anchor in the chapter README, e.g. "exercise-3-1". */
  readonly anchor: string;
  /** Where to read about it, relative to the repository root. */
  readonly readme: string;
}

export interface Chapter {
  readonly number: number;
  /** Folder name, e.g. "chapter-03". */
  readonly id: string;
  readonly title: string;
  readonly status: 'ready' | 'planned';
  readonly tasks: readonly Task[];
  /** The chapter's runnable experiment (a file in the chapter folder), if it has one. */
  readonly program: string | null;
}

export interface Course {
  readonly title: string;
  readonly book: string;
  readonly chapters: readonly Chapter[];
}

interface CourseFile {
  title: string;
  book: string;
  chapters: Array<{ number: number; title: string; status: 'ready' | 'planned' }>;
}

interface ChapterFile {
  program?: string | null;
  tasks?: Array<{ id: string; name: string; file: string; title: string }>;
}

/** "chapter-03" for 3. */
export function chapterId(chapterNumber: number): string {
  return `chapter-${String(chapterNumber).padStart(2, '0')}`;
}

/** "exercise-3-1" for "3.1": the heading anchor of an exercise. */
export function exerciseAnchor(taskId: string): string {
  return `exercise-${taskId.replace(/\./g, '-')}`;
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(
      `course manifest: cannot read ${path.relative(repoRoot, file)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Reads and validates the manifest. Throws with the file and the problem on any inconsistency. */
export function loadCourse(root: string = repoRoot): Course {
  const courseFile = readJson<CourseFile>(path.join(root, 'chapters', 'course.json'));
  const chapters = courseFile.chapters.map((entry): Chapter => {
    const id = chapterId(entry.number);
    const chapterJson = path.join(root, 'chapters', id, 'chapter.json');
    const details: ChapterFile = fs.existsSync(chapterJson) ? readJson<ChapterFile>(chapterJson) : {};
    const seen = new Set<string>();
    const tasks = (details.tasks ?? []).map((task): Task => {
      if (!new RegExp(`^${entry.number}\\.\\d+$`).test(task.id)) {
        throw new Error(`course manifest: ${id}/chapter.json: task id "${task.id}" must look like "${entry.number}.1"`);
      }
      if (seen.has(task.id)) {
        throw new Error(`course manifest: ${id}/chapter.json: task id "${task.id}" appears twice`);
      }
      seen.add(task.id);
      return {
        ...task,
        anchor: exerciseAnchor(task.id),
        readme: `chapters/${id}/README.md#${exerciseAnchor(task.id)}`,
      };
    });
    return {
      number: entry.number,
      id,
      title: entry.title,
      status: entry.status,
      tasks,
      program: details.program ?? null,
    };
  });
  return { title: courseFile.title, book: courseFile.book, chapters };
}

/** Chapters whose material exists (status "ready"). */
export function readyChapters(course: Course): Chapter[] {
  return course.chapters.filter((chapter) => chapter.status === 'ready');
}

/**
 * Finds a chapter from what a user typed: "3", "03", "chapter-03" or "chapter-3".
 * @throws an error listing the valid chapters when nothing matches.
 */
export function findChapter(course: Course, text: string): Chapter {
  const match = /^(?:chapter-?)?0*(\d+)$/i.exec(text.trim());
  const chapter = match
    ? course.chapters.find((candidate) => candidate.number === Number(match[1]))
    : undefined;
  if (chapter === undefined || chapter.status !== 'ready') {
    const valid = readyChapters(course).map((candidate) => candidate.id).join(', ');
    const why = chapter ? `${chapter.id} is not written yet` : `unknown chapter "${text}"`;
    throw new UsageError(`${why}; valid chapters: ${valid}`);
  }
  return chapter;
}

/** An error caused by what the user typed: tools print its message and exit with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The TypeScript files of a chapter's reference solution (what its stubs are generated from). */
export function solutionFiles(chapter: Chapter, root: string = repoRoot): string[] {
  const dir = path.join(root, 'solutions', chapter.id);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort();
}
