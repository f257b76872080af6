/**
 * The error every exercise stub throws until the learner writes its body.
 *
 * The test runner recognises it by name and reports the task as "not started" instead of
 * printing a stack trace, so its message is the one thing a learner sees: which task, which
 * function, and where in the chapter to read about it.
 */
export class NotImplementedError extends Error {
  /** The exercise id, for example "3.1". */
  readonly taskId: string;
  /** The function or method the exercise asks for. */
  readonly functionName: string;
  /** The README section to read, relative to the repository root. */
  readonly readme: string;

  constructor(taskId: string, functionName: string, readme: string) {
    super(`task ${taskId} ${functionName} is not implemented yet: see ${readme}`);
    this.name = 'NotImplementedError';
    this.taskId = taskId;
    this.functionName = functionName;
    this.readme = readme;
  }
}

/** Text that identifies a NotImplementedError in a test failure message. */
export const NOT_IMPLEMENTED_MARKER = 'is not implemented yet: see ';
