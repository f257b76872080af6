/**
 * The chapter's toy data: the state of a team before each of its first four games, and the
 * weights of the book's example networks. These are given, not exercises; the tests and the
 * program read them from here so that every number has one source.
 */
import type { Matrix } from './forward';

/** The single-input example: the average number of toes per player before each game. */
export const numberOfToes: readonly number[] = [8.5, 9.5, 10, 9];

/**
 * The three-input example. Note that `toes[2]` is 9.9 where `numberOfToes[2]` is 10: the book
 * uses two slightly different lists (see the chapter's Errata).
 */
export const toes: readonly number[] = [8.5, 9.5, 9.9, 9.0];
/** The win/loss record before each game: the fraction of games won so far. */
export const wlrec: readonly number[] = [0.65, 0.8, 0.8, 0.9];
/** The number of fans, in millions. */
export const nfans: readonly number[] = [1.2, 1.3, 0.5, 1.0];

/** Game `i` as one input vector `[toes, wlrec, nfans]`. */
export function game(i: number): number[] {
  return [toes[i], wlrec[i], nfans[i]];
}

/** The one-weight network's weight. */
export const singleWeight = 0.1;

/** The three-input network's weights: toes, win record, fans. */
export const winWeights: readonly number[] = [0.1, 0.2, 0];

/** The one-input, three-output network's weights: hurt?, win?, sad?. */
export const hurtWinSadWeights: readonly number[] = [0.3, 0.2, 0.9];

/** Three inputs to three outputs, one row per output (hurt?, win?, sad?), one column per input (toes, %win, fans). */
export const gameWeights: Matrix = [
  [0.1, 0.1, -0.3],
  [0.1, 0.2, 0.0],
  [0.0, 1.3, 0.1],
];

/** The stacked network, first layer: inputs (toes, %win, fans) to three hidden nodes, one row per hidden node. */
export const inputToHidden: Matrix = [
  [0.1, 0.2, -0.1],
  [-0.1, 0.1, 0.9],
  [0.1, 0.4, 0.1],
];

/** The stacked network, second layer: hidden nodes to the predictions hurt?, win?, sad?, one row per prediction. */
export const hiddenToPrediction: Matrix = [
  [0.3, 1.1, -0.3],
  [0.1, 0.2, 0.0],
  [0.0, 1.3, 0.1],
];

/** The dot-product-as-similarity vectors a to e. */
export const similarityVectors = {
  a: [0, 1, 0, 1],
  b: [1, 0, 1, 0],
  c: [0, 1, 1, 0],
  d: [0.5, 0, 0.5, 0],
  e: [0, 1, -1, 0],
} as const satisfies Record<string, readonly number[]>;
