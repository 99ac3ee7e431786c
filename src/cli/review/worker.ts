/**
 * A worker thread of `ziping review` (started by pool.ts with its own heap limit): it reviews the
 * workbooks it is sent, one at a time, and posts each result back.
 */
import { serve } from '../serve';
import { reviewFile } from './file';
import type { FileResult } from './result';
import type { ReviewTask } from './pool';

serve<ReviewTask, FileResult>((task, lang) => reviewFile(task.path, task.rel, task.target, lang));
