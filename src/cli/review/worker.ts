/**
 * A worker thread of `ziping review` (started by review/pool.ts with its own heap limit): it
 * reviews the workbooks it is sent, one at a time, and posts each result back.
 */
import { parentPort } from 'worker_threads';
import { reviewFile } from './file';
import type { ReviewRequest, ReviewResponse } from './pool';

const port = parentPort;
if (!port) throw new Error('review/worker.ts runs as a worker thread');
port.on('message', (req: ReviewRequest) => {
  const response: ReviewResponse = {
    id: req.id,
    result: reviewFile(req.path, req.rel, req.target, req.lang),
  };
  port.postMessage(response);
});
