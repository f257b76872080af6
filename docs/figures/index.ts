/**
 * Figures of the course site. A ```figure fence in a chapter README names a figure by id
 * ("chapter-04/error-vs-weight"); the site build finds its generator, calls it and inlines the
 * SVG it returns in the page (and writes it to docs/site/figures/<id>.svg to open full size).
 *
 * Registration goes through the course manifest, with no list to edit here: for every chapter
 * in chapters/course.json, the build loads docs/figures/<chapter-id>.ts when that file exists and
 * takes its exported `figures`, a record from "chapter-NN/name" to a generator (see
 * scripts/site/figures.mts). A generator takes no arguments and returns the same bytes on every
 * call (no clocks, no unseeded randomness): compute the data by calling the solutions and draw
 * it with the helpers of ./svg, in the palette's colours so that it follows the site's theme.
 * An id that is not registered fails the build with the README line.
 */

/** Returns a complete SVG document. */
export type FigureGenerator = () => string;
