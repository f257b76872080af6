/**
 * `npm run data -- <name...>`: fetch the book's original datasets (IMDB, bAbI, shakespear.txt,
 * Enron spam) into .data/. See docs/datasets.md; the command is defined in scripts/lib/data-cli.ts,
 * the downloader lives in kernels/datasets/.
 */
import { defineTool } from './lib/cli';
import { dataTool } from './lib/data-cli';

defineTool(dataTool({ out: (line) => console.log(line), err: (line) => console.error(line) }));
