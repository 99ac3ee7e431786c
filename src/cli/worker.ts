/**
 * An isolated checker (a worker thread started by pool.ts, with its own heap limit): it checks
 * the files it is sent, one at a time, and posts each file's report back. Whatever a file does
 * to it (exhausting its heap, looping) costs only this worker, which the pool ends and replaces.
 */
import { exitCodeOf } from '../engine/report';
import { checkFile } from './checkFile';
import type { CheckAnswer, Task } from './pool';
import { writeJson } from './jsonOut';
import { serve } from './serve';

/** The report entry as JSON, UTF-8, in a buffer of its own (never one of Node's pooled ones). */
function jsonBytes(value: unknown): Uint8Array {
  // a report of one piece (most files) is encoded once, straight into its buffer; a larger one
  // is encoded piece by piece as it is written (never held as strings), then joined
  const encoded: Buffer[] = [];
  let size = 0;
  let last: string | undefined;
  const encode = (text: string) => {
    const b = Buffer.from(text, 'utf8');
    encoded.push(b);
    size += b.length;
  };
  writeJson(value, (text) => {
    if (last !== undefined) encode(last);
    last = text;
  });
  if (encoded.length === 0) {
    const text = last ?? '';
    const out = Buffer.from(new ArrayBuffer(Buffer.byteLength(text, 'utf8')));
    out.write(text, 0, 'utf8');
    return new Uint8Array(out.buffer);
  }
  if (last !== undefined) encode(last);
  const out = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const b of encoded) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

serve<Task, CheckAnswer>(
  async (task, lang) => {
    const report = await checkFile(task.path, lang, task.file);
    // JSON bytes, moved to the main thread without a copy and printed by --json as they are:
    // a report of 10,000 forms is never one string, copied, then encoded again
    return { json: jsonBytes(report), exit: exitCodeOf({ version: 1, files: [report] }) };
  },
  (answer) => [answer.json.buffer as ArrayBuffer],
);
