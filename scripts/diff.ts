/**
 * npm run diff -- <chapter> [--dir <submission>] [--full]
 *
 * A coloured diff of your chapter (or a submission folder laid out like the repository) against
 * the reference solution, exercise by exercise; --full compares whole files. NO_COLOR turns the
 * colours off.
 */
import path from 'node:path';
import pc from 'picocolors';
import { findChapter, loadCourse, repoRoot } from './lib/course';
import { defineTool, singleChapterArgument } from './lib/cli';
import { chapterFolderIn, diffChapter } from './lib/region-diff';

const USAGE = `usage: npm run diff -- <chapter> [--dir <submission>] [--full]
  e.g. npm run diff -- chapter-06                      your exercises against the solution
       npm run diff -- chapter-06 --dir ../alice       a submission laid out like the repository
       npm run diff -- chapter-06 --full               whole files`;

defineTool({
  usage: USAGE,
  positionals: true,
  options: {
    dir: { type: 'string' },
    full: { type: 'boolean', default: false },
  },
  main({ values, positionals }) {
    const chapterArgument = singleChapterArgument(positionals, USAGE);
    const chapter = findChapter(loadCourse(), chapterArgument);
    const dir = values.dir === undefined ? repoRoot : path.resolve(values.dir);
    const folder = chapterFolderIn(dir, chapter);
    const label = values.dir === undefined
      ? `chapters/${chapter.id}`
      : path.join(values.dir, path.relative(dir, folder)).split(path.sep).join('/');
    const result = diffChapter(chapter, repoRoot, folder, { full: values.full, colors: pc, label });
    for (const line of result.lines) console.log(line);
    return 0;
  },
});
