import * as fs from 'node:fs';
import * as path from 'node:path';
import { BABI_TASK1_VOCABULARY, BabiQuestion, formatBabi, generateBabiTask1, parseBabi } from './babi';

const fixture = fs.readFileSync(path.join(__dirname, 'fixtures', 'qa1-sample.txt'), 'utf8');

describe('parseBabi', () => {
  const stories = parseBabi(fixture);

  it('splits stories where the numbering restarts', () => {
    expect(stories.map((story) => story.lines.length)).toEqual([15, 3]);
  });

  it('reads statements and questions with answers and supporting facts', () => {
    expect(stories[0].lines[0]).toEqual({ kind: 'statement', id: 1, text: 'Mary moved to the bathroom.' });
    expect(stories[0].lines[11]).toEqual({
      kind: 'question',
      id: 12,
      text: 'Where is Daniel?',
      answer: 'office',
      supportingFacts: [11],
    });
  });

  it('reads several supporting facts and Windows line ends', () => {
    const text = '1 Mary got the milk.\r\n2 Mary went to the office.\r\n3 Where is the milk? \toffice\t2 1\r\n';
    const question = parseBabi(text)[0].lines[2] as BabiQuestion;
    expect(question.supportingFacts).toEqual([2, 1]);
  });

  it('writes the fixture back byte for byte', () => {
    expect(formatBabi(stories)).toBe(fixture);
  });

  it.each([
    ['Mary moved to the bathroom.', /line 1 .* does not start with a line number/],
    ['2 Mary moved to the bathroom.', /line 1 .* continues a story that never started/],
    ['1 A.\n3 B.', /line 2 .* is numbered 3 where 2 was expected/],
    ['1 A.\n2 Where? \tx', /line 2 .* has 1 tabs/],
    ['1 A.\n2 Where? \tx\t5', /line 2 .* not an earlier line/],
  ])('names the line that breaks the format: %j', (text, message) => {
    expect(() => parseBabi(text)).toThrow(message);
  });
});

describe('generateBabiTask1 (the course generator)', () => {
  const stories = generateBabiTask1({ seed: 7, stories: 50 });

  it('round-trips through the bAbI format', () => {
    expect(parseBabi(formatBabi(stories))).toEqual(stories);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(generateBabiTask1({ seed: 7, stories: 50 })).toEqual(stories);
    expect(generateBabiTask1({ seed: 8, stories: 50 })).not.toEqual(stories);
  });

  it('has the real task shape: 15 lines, a question after every two statements', () => {
    for (const story of stories) {
      expect(story.lines.map((line) => line.kind[0]).join('')).toBe('ssqssqssqssqssq');
    }
  });

  it('answers each question with the last place its supporting fact names', () => {
    const { people, places } = BABI_TASK1_VOCABULARY;
    for (const story of stories) {
      for (const line of story.lines) {
        if (line.kind !== 'question') continue;
        const person = /^Where is (\w+)\?$/.exec(line.text)![1];
        expect(people).toContain(person);
        expect(places).toContain(line.answer);
        const [factId] = line.supportingFacts;
        const fact = story.lines[factId - 1];
        expect(fact.text.startsWith(`${person} `) && fact.text.endsWith(` the ${line.answer}.`)).toBe(true);
        // No later statement before the question moves the same person.
        const later = story.lines.slice(factId, line.id - 1);
        expect(later.some((l) => l.kind === 'statement' && l.text.startsWith(`${person} `))).toBe(false);
      }
    }
  });

  it('uses every verb of the real task', () => {
    const text = formatBabi(stories);
    for (const move of BABI_TASK1_VOCABULARY.moves) expect(text).toContain(` ${move} the `);
  });
});
