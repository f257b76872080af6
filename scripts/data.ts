/**
 * `npm run data -- <name...>`: fetch the book's original datasets (IMDB, bAbI, shakespear.txt,
 * Enron spam) into .data/. See docs/datasets.md; the logic is in kernels/datasets/cli.ts.
 */
import { runDataCommand } from '../kernels/datasets/cli';

runDataCommand(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`data: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
