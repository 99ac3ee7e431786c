/**
 * The worker side of pool.ts: a worker thread answers each task it is sent with `WorkReply`, one
 * task at a time and in the order they came (the pool sends the next before the answer to the
 * one before; it counts on the worker doing the first of them). Kept apart from pool.ts so that
 * a worker loads nothing of the pool.
 */
import { MessagePort, parentPort, workerData } from 'worker_threads';
import type { Lang } from '../engine/messages';
import type { Task, WorkReply, WorkRequest } from './pool';

export function serve<T extends Task, P>(
  handle: (task: T, lang: Lang) => P | Promise<P>,
  /** Buffers of the answer to move to the main thread rather than copy. */
  transfer: (answer: P) => ArrayBuffer[] = () => [],
): void {
  if (!parentPort) throw new Error('ziping: a worker script runs as a worker thread');
  // requests come from the pool (parentPort); answers go back through the port it gave
  const requests = parentPort;
  const answers = (workerData as { port?: MessagePort } | null)?.port ?? parentPort;
  let previous: Promise<void> = Promise.resolve();
  requests.on('message', (req: WorkRequest<T>) => {
    // one at a time: a task that awaits is finished before the next one starts
    previous = previous.then(async () => {
      const reply: WorkReply<P> = { id: req.id, result: await handle(req.task, req.lang) };
      answers.postMessage(reply, transfer(reply.result));
    });
  });
}
