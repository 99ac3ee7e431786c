/**
 * The worker side of pool.ts: a worker thread answers each task it is sent, one at a time, with
 * `WorkReply`. Kept apart from pool.ts so that a worker loads nothing of the pool.
 */
import { parentPort } from 'worker_threads';
import type { Lang } from '../engine/messages';
import type { Task, WorkReply, WorkRequest } from './pool';

export function serve<T extends Task, P>(
  handle: (task: T, lang: Lang) => P | Promise<P>,
  /** Buffers of the answer to move to the main thread rather than copy. */
  transfer: (answer: P) => ArrayBuffer[] = () => [],
): void {
  const port = parentPort;
  if (!port) throw new Error('ziping: a worker script runs as a worker thread');
  port.on('message', async (req: WorkRequest<T>) => {
    const reply: WorkReply<P> = { id: req.id, result: await handle(req.task, req.lang) };
    port.postMessage(reply, transfer(reply.result));
  });
}
