/**
 * The figure registry: a ```figure fence in a chapter README names a figure by id
 * ("chapter-04/error-vs-weight"); the site build looks the id up here, calls the generator
 * and writes the SVG it returns to docs/site/figures/<id>.svg.
 *
 * To add a figure: write a generator in docs/figures/chapter-NN.ts (compute the data by
 * calling the solutions, draw it with the helpers of ./svg), add it to that file's `figures`
 * under the id "chapter-NN/name", and make sure the chapter's module is spread in below.
 * A generator takes no arguments and returns the same bytes on every call (no clocks, no
 * unseeded randomness). An id that is not registered fails the build with the README line.
 */
import { figures as chapter02 } from './chapter-02';
import { figures as chapter03 } from './chapter-03';
import { figures as chapter04 } from './chapter-04';
import { figures as chapter05 } from './chapter-05';
import { figures as chapter06 } from './chapter-06';
import { figures as chapter07 } from './chapter-07';
import { figures as chapter08 } from './chapter-08';
import { figures as chapter09 } from './chapter-09';
import { figures as chapter10 } from './chapter-10';
import { figures as chapter13 } from './chapter-13';
import { figures as chapter14 } from './chapter-14';

/** Returns a complete SVG document. */
export type FigureGenerator = () => string;

export const figureRegistry: Readonly<Record<string, FigureGenerator>> = {
  ...chapter02,
  ...chapter03,
  ...chapter04,
  ...chapter05,
  ...chapter06,
  ...chapter07,
  ...chapter08,
  ...chapter09,
  ...chapter10,
  ...chapter13,
  ...chapter14,
};
