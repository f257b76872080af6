/**
 * npm run reset -- chapter-06 [--task 6.2 | --undo]
 *
 * Restores the stubs of a chapter (every exercise file) or, with --task, only that exercise's
 * regions in its file. What you had is saved to .backups/<time>-reset-.../ first.
 */
import pc from 'picocolors';
import { UsageError, findChapter, loadCourse, repoRoot } from './lib/course';
import { defineTool } from './lib/cli';
import { resetChapter, resetTask, undoReset } from './lib/reset';

const USAGE = `usage: npm run reset -- <chapter> [--task <id> | --undo]
  e.g. npm run reset -- chapter-06            restore every stub of chapter 6
       npm run reset -- chapter-06 --task 6.2  restore only exercise 6.2
       npm run reset -- chapter-06 --undo      put back the files of the last backup
  Your current files are copied to .backups/ first.`;

defineTool({
  usage: USAGE,
  positionals: true,
  options: { task: { type: 'string' }, undo: { type: 'boolean', default: false } },
  main({ values, positionals }) {
    if (positionals.length > 1) throw new UsageError(`one chapter at a time, not ${positionals.join(' ')}\n${USAGE}`);
    // The chapter may be left out when the task names it: "--task 6.2" belongs to chapter 6.
    const chapterText = positionals[0] ?? values.task?.split('.')[0];
    if (chapterText === undefined) throw new UsageError(`which chapter? nothing is reset without one\n${USAGE}`);
    const chapter = findChapter(loadCourse(), chapterText);
    if (values.undo) {
      if (values.task !== undefined) throw new UsageError(`--undo restores a whole backup; leave out --task\n${USAGE}`);
      const undone = undoReset(chapter, repoRoot);
      if (undone.from === null) {
        console.log(`no backup of ${chapter.id} in .backups/: nothing to undo`);
        return 1;
      }
      for (const file of undone.written) console.log(`${pc.green('restored')} ${file} from ${undone.from}/`);
      if (undone.backup !== null) console.log(`what you had is saved in ${undone.backup}/`);
      if (undone.others.length > 0) {
        console.log(`older backups of ${chapter.id} (copy files back from them by hand):`);
        for (const other of undone.others) console.log(`  ${other}/`);
      }
      return 0;
    }
    const result = values.task === undefined ? resetChapter(chapter, repoRoot) : resetTask(chapter, values.task, repoRoot);
    const what = values.task === undefined ? chapter.id : `exercise ${values.task}`;
    if (result.written.length === 0) {
      console.log(`${what} is already the stub: nothing to reset`);
      return 0;
    }
    for (const file of result.written) console.log(`${pc.green('restored')} ${file}`);
    if (result.backup !== null) console.log(`your previous version is saved in ${result.backup}/`);
    return 0;
  },
});
