/**
 * An isolated checker (a worker thread started by pool.ts, with its own heap limit): it checks
 * the files it is sent, one at a time, and posts each file's report back. Whatever a file does
 * to it (exhausting its heap, looping) costs only this worker, which the pool ends and replaces.
 */
import { exitCodeWith, FormReport, hasError } from '../engine/report';
import { checkFile } from './checkFile';
import type { CheckAnswer, Task } from './pool';
import { jsonBytes, RawJson, rawJson } from './jsonOut';
import { serve } from './serve';

/** A form's report as the worker keeps it: its JSON text, and whether it has an error finding. */
interface KeptForm {
  readonly raw: RawJson;
  readonly error: boolean;
}

/** Each form's report made JSON as soon as it is made: its objects are let go form by form. */
const keep = (form: FormReport): KeptForm => ({ raw: rawJson(form), error: hasError(form) });

serve<Task, CheckAnswer>(
  async (task, lang, bytes) => {
    const report = await checkFile(task.path, lang, keep, task.file, bytes);
    const exit = exitCodeWith([report], (form) => form.error);
    // JSON bytes, moved to the main thread without a copy and printed by --json as they are:
    // a report of 10,000 forms is never one string, copied, then encoded again
    const json = jsonBytes({
      ...report,
      sheets: report.sheets.map((s) => ({ ...s, forms: s.forms.map((f) => f.raw) })),
    });
    return { json, exit };
  },
  (answer) => [answer.json.buffer as ArrayBuffer],
);
