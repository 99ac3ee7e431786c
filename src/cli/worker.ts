/**
 * An isolated checker (a worker thread started by pool.ts, with its own heap limit): it checks
 * the files it is sent, one at a time, and posts each file's report back. Whatever a file does
 * to it (exhausting its heap, looping) costs only this worker, which the pool ends and replaces.
 */
import { parentPort } from 'worker_threads';
import { exitCodeOf } from '../engine/report';
import { checkFile } from './checkFile';
import type { WorkRequest, WorkResult } from './pool';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');
port.on('message', (req: WorkRequest) => {
  const report = checkFile(req.path, req.lang, req.file);
  // JSON text: copied between threads far faster than the object graph
  const result: WorkResult = {
    id: req.id,
    json: JSON.stringify(report),
    exit: exitCodeOf({ version: 1, files: [report] }),
  };
  port.postMessage(result);
});
