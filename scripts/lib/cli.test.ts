/**
 * The shared argument parsing of every course command: negative numbers as values, and the
 * one-line problems a mistyped command line gets.
 */
import { integerOption, parseCommandLine } from './cli';

const options = { seed: { type: 'string' }, all: { type: 'boolean' } } as const;
const usage = 'usage: npm test [-- --seed <n>]';

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
  return 'no error';
}

describe('parseCommandLine', () => {
  test('takes a negative number after a flag as its value, as a failing property prints it', () => {
    expect(parseCommandLine(['--seed', '-1248071424', 'chapter-11'], options, usage).values.seed).toBe('-1248071424');
    expect(parseCommandLine(['--seed=-5'], options, usage).values.seed).toBe('-5');
    expect(parseCommandLine(['--seed', '-5'], options, usage).positionals).toEqual([]);
  });

  test('still reads a flag after a flag that needs a value as a mistake, in one line', () => {
    expect(problem(() => parseCommandLine(['--seed', '--all'], options, usage))).toBe(
      '--seed needs a value (write --seed=-x for one that starts with a dash)',
    );
    expect(problem(() => parseCommandLine(['--seed'], options, usage))).toBe('--seed needs a value');
    expect(problem(() => parseCommandLine(['--all=yes'], options, usage))).toBe('--all takes no value');
    expect(problem(() => parseCommandLine(['--bogus'], options, usage))).toBe('unknown option --bogus');
  });
});

describe('integerOption', () => {
  test('takes whole numbers, and a sign only where the option allows one', () => {
    expect(integerOption('12', '--iterations', usage)).toBe(12);
    expect(integerOption(undefined, '--iterations', usage)).toBeUndefined();
    expect(integerOption('-1248071424', '--seed', usage, { negative: true })).toBe(-1248071424);
    expect(problem(() => integerOption('-5', '--iterations', usage))).toBe('--iterations must be a whole number (0 or more), not "-5"');
    expect(problem(() => integerOption('1.5', '--seed', usage, { negative: true }))).toBe('--seed must be a whole number, not "1.5"');
  });
});
