/** The messages between a chapter page and its test worker (lab/worker.js). */
import type { Chapter } from '../../lib/course';

/** Page → worker: run one task's tests against these learner files. */
export interface LabRequest {
  readonly chapter: Chapter;
  readonly task: string;
  /** Every learner file of the chapter, by name: the editor's text or the saved / stub text. */
  readonly files: Readonly<Record<string, string>>;
  /** The test bundles that hold the task's tests, relative to the site root. */
  readonly bundles: ReadonlyArray<{ readonly file: string; readonly url: string }>;
  /** How long one test may run before the page stops the worker (shown in the hang message). */
  readonly limitSeconds: number;
  /** FC_SEED for the run, to replay a failure. */
  readonly seed?: number;
}

/** Worker → page. */
export type LabResponse =
  /** Sent first: the summary to show if the page has to stop the worker. */
  | { readonly type: 'ready'; readonly hangLines: readonly string[] }
  /** A test is starting. */
  | { readonly type: 'test'; readonly name: string; readonly index: number; readonly total: number }
  | {
      readonly type: 'done';
      readonly status: string;
      readonly lines: readonly string[];
      readonly failures: ReadonlyArray<{ readonly name: string; readonly message: string }>;
      readonly milliseconds: number;
      readonly tests?: number;
    }
  | { readonly type: 'error'; readonly message: string };
