/**
 * bAbI (Weston et al., 2015, Facebook AI Research): short stories with questions, in a simple
 * line format. Chapters 12 and 13 use task 1, "single supporting fact":
 *
 * ```text
 * 1 Mary moved to the bathroom.
 * 2 John went to the hallway.
 * 3 Where is Mary? \tbathroom\t1
 * ```
 *
 * Every line starts with its number; numbering restarts at 1 with each new story. A question
 * line holds the question, a tab, the answer, a tab, and the numbers of the supporting lines
 * (space-separated).
 *
 * Offline, {@link generateBabiTask1} writes task-1 stories of the same kind. It is this
 * course's own generator, not Facebook's: the vocabulary and the story shape follow the real
 * task, but the stories are different. `npm run data -- babi` fetches the real tasks 1-20.
 */
import { SeededRandom } from './seeded';

/** A statement: "1 Mary moved to the bathroom." */
export interface BabiStatement {
  readonly kind: 'statement';
  /** The line number within the story, from 1. */
  readonly id: number;
  /** The sentence, punctuation included. */
  readonly text: string;
}

/** A question: "3 Where is Mary? \tbathroom\t1" */
export interface BabiQuestion {
  readonly kind: 'question';
  readonly id: number;
  /** The question, e.g. "Where is Mary?". */
  readonly text: string;
  /** The answer word, e.g. "bathroom". */
  readonly answer: string;
  /** The ids of the lines that justify the answer. */
  readonly supportingFacts: readonly number[];
}

/** One line of a story. */
export type BabiLine = BabiStatement | BabiQuestion;

/** A story: its lines in order, numbered from 1. */
export interface BabiStory {
  readonly lines: readonly BabiLine[];
}

/**
 * Parses bAbI text into stories. Accepts `\n` or `\r\n` line ends and ignores empty lines.
 * @throws Error naming the line (1-based, in `text`) that breaks the format.
 */
export function parseBabi(text: string): BabiStory[] {
  const stories: BabiLine[][] = [];
  const rows = text.split(/\r?\n/);
  rows.forEach((row, index) => {
    if (row.trim() === '') return;
    const fail = (problem: string): Error =>
      new Error(`parseBabi: line ${index + 1} ("${row.slice(0, 60)}") ${problem}`);
    const match = /^(\d+) (.*)$/.exec(row);
    if (!match) throw fail('does not start with a line number and a space');
    const id = Number(match[1]);
    if (id === 1) stories.push([]);
    const story = stories[stories.length - 1];
    if (!story) throw fail('continues a story that never started (the first line must be number 1)');
    if (id !== story.length + 1) throw fail(`is numbered ${id} where ${story.length + 1} was expected`);
    const fields = match[2].split('\t');
    if (fields.length === 1) {
      story.push({ kind: 'statement', id, text: fields[0].trim() });
      return;
    }
    if (fields.length !== 3) {
      throw fail(`has ${fields.length - 1} tabs: a question needs "question<TAB>answer<TAB>fact ids"`);
    }
    const [question, answer, facts] = fields;
    if (answer.trim() === '') throw fail('has an empty answer');
    const supportingFacts = facts.trim().split(/\s+/).map(Number);
    for (const fact of supportingFacts) {
      if (!Number.isInteger(fact) || fact < 1 || fact >= id) {
        throw fail(`names supporting fact "${facts}", which is not an earlier line of the story`);
      }
    }
    story.push({ kind: 'question', id, text: question.trim(), answer: answer.trim(), supportingFacts });
  });
  return stories.map((lines) => ({ lines }));
}

/**
 * Writes stories in the bAbI format, exactly as the real files are laid out (a question is
 * followed by " \t", the answer, a tab and the fact ids). `parseBabi(formatBabi(s))` equals `s`.
 */
export function formatBabi(stories: readonly BabiStory[]): string {
  const rows: string[] = [];
  for (const story of stories) {
    for (const line of story.lines) {
      rows.push(
        line.kind === 'statement'
          ? `${line.id} ${line.text}`
          : `${line.id} ${line.text} \t${line.answer}\t${line.supportingFacts.join(' ')}`,
      );
    }
  }
  return rows.length === 0 ? '' : rows.join('\n') + '\n';
}

/** The people, verbs and places of task 1 (the real task uses the same words). */
export const BABI_TASK1_VOCABULARY = {
  people: ['Mary', 'John', 'Sandra', 'Daniel'],
  moves: ['moved to', 'went to', 'journeyed to', 'travelled to', 'went back to'],
  places: ['bathroom', 'hallway', 'office', 'kitchen', 'garden', 'bedroom'],
} as const;

/** Options of {@link generateBabiTask1}. */
export interface BabiTask1Options {
  /** Seed of the generator (mulberry32, see kernels/datasets/seeded.ts; not NumPy's). */
  readonly seed: number;
  /** Number of stories (the real training file has 200). */
  readonly stories: number;
  /** Questions per story (5 in the real task). */
  readonly questionsPerStory?: number;
  /** Statements before each question (2 in the real task). */
  readonly statementsPerQuestion?: number;
}

/**
 * Generates task-1 stories: people move between places, and each question asks where someone
 * already mentioned is now; the supporting fact is the last line that moved them.
 * Same options, same stories, on every machine. This is the course's own generator.
 */
export function generateBabiTask1(options: BabiTask1Options): BabiStory[] {
  const { seed, stories, questionsPerStory = 5, statementsPerQuestion = 2 } = options;
  if (!Number.isInteger(stories) || stories < 0) {
    throw new Error(`generateBabiTask1: stories must be a non-negative integer, got ${stories}`);
  }
  if (statementsPerQuestion < 1) {
    throw new Error('generateBabiTask1: each question needs at least one statement before it');
  }
  const random = new SeededRandom(seed);
  const { people, moves, places } = BABI_TASK1_VOCABULARY;
  const result: BabiStory[] = [];
  for (let s = 0; s < stories; s++) {
    const lines: BabiLine[] = [];
    // Where each person is, and the id of the line that put them there.
    const whereabouts = new Map<string, { place: string; line: number }>();
    for (let q = 0; q < questionsPerStory; q++) {
      for (let k = 0; k < statementsPerQuestion; k++) {
        const person = random.pick(people);
        const place = random.pick(places);
        const id = lines.length + 1;
        lines.push({ kind: 'statement', id, text: `${person} ${random.pick(moves)} the ${place}.` });
        whereabouts.set(person, { place, line: id });
      }
      // Ask about someone already mentioned; sorted so the choice does not depend on Map order.
      const known = [...whereabouts.keys()].sort();
      const person = random.pick(known);
      const fact = whereabouts.get(person)!;
      lines.push({
        kind: 'question',
        id: lines.length + 1,
        text: `Where is ${person}?`,
        answer: fact.place,
        supportingFacts: [fact.line],
      });
    }
    result.push({ lines });
  }
  return result;
}
