/**
 * An isolated checker (a worker thread started by pool.ts, with its own heap limit): it checks
 * the files it is sent, one at a time, and posts each file's report back. Whatever a file does
 * to it (exhausting its heap, looping) costs only this worker, which the pool ends and replaces.
 */
import { exitCodeWith } from '../engine/report';
import { checkFile } from './checkFile';
import { FileForms } from './fileJson';
import type { CheckAnswer, Task } from './pool';
import { serve } from './serve';

serve<Task, CheckAnswer>(
  async (task, lang, bytes) => {
    const forms = new FileForms();
    const report = await checkFile(task.path, lang, forms.keep, task.file, bytes);
    const exit = exitCodeWith([report], (form) => form.error);
    // JSON bytes, moved to the main thread without a copy and printed by --json as they are:
    // a report of 10,000 forms is never one string, copied, then encoded again
    return { json: forms.json(report), exit };
  },
  (answer) => [answer.json.buffer as ArrayBuffer],
);
