/**
 * An isolated checker (a worker thread started by pool.ts, with its own heap limit): it checks
 * the files it is sent, one at a time, and posts each file's report back. Whatever a file does
 * to it (exhausting its heap, looping) costs only this worker, which the pool ends and replaces.
 */
import { exitCodeOf } from '../engine/report';
import { checkFile } from './checkFile';
import type { CheckAnswer, Task } from './pool';
import { serve } from './serve';

serve<Task, CheckAnswer>(async (task, lang) => {
  const report = await checkFile(task.path, lang, task.file);
  // JSON text: copied between threads far faster than the object graph
  return { json: JSON.stringify(report), exit: exitCodeOf({ version: 1, files: [report] }) };
});
