/** Shared locations and the course manifest, for the site build and the prose check. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import courseModule from '../lib/course.js';
import type { Chapter, Course, Task } from '../lib/course.js';

export type { Chapter, Course, Task };

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the site is written. */
export const siteDir = path.join(repoRoot, 'docs', 'site');

export const loadCourse: () => Course = () => courseModule.loadCourse(repoRoot);
