/**
 * Every workbook of `ziping review` handled in a bounded worker thread by check's pool
 * (src/cli/pool.ts): the same heap limit, deadline, size limit, worker replacement and memory
 * watch. A file over a limit, or one that kills its worker, is a summary row with the reason;
 * every other file is still reviewed.
 */
import type { Lang } from '../../engine/messages';
import { removeLeftoverTemps } from '../atomicWrite';
import { Limits, runIsolated, Task, Work } from '../pool';
import { FileResult, unreadableResult } from './result';

export interface ReviewTask extends Task {
  /** The path relative to the inputs' common folder, as the summary names it. */
  readonly rel: string;
  /** Where its annotated copy is written. */
  readonly target: string;
}

/** `review`: each worker reviews a workbook (review/worker.ts). */
const REVIEW: Work<ReviewTask, FileResult, FileResult> = {
  script: 'review/worker.js',
  words: { zh: { doing: '处理', done: '处理完' }, en: { doing: 'reviewing', done: 'done' } },
  result: (answer) => answer,
  failed: (task, why, lang) => unreadableResult(task.path, task.rel, why, lang),
  // a copy half written when the run was interrupted: its temporary file goes
  leftovers: (tasks) => removeLeftoverTemps(tasks.map((t) => t.target)),
};

/** Reviews every task in bounded workers; `onDone(index, result)` as each one finishes. */
export async function reviewIsolated(
  tasks: readonly ReviewTask[],
  lang: Lang,
  limits: Limits,
  onDone?: (index: number, result: FileResult) => void,
): Promise<FileResult[]> {
  const results = new Array<FileResult>(tasks.length);
  await runIsolated(tasks, lang, limits, REVIEW, (index, result) => {
    results[index] = result;
    onDone?.(index, result);
  });
  return results;
}
