/**
 * The worker side of pool.ts: a worker thread does the tasks it is sent one at a time, in the
 * order they came, and answers with `WorkReply`s. The pool sends a worker several tasks at once
 * (it counts on the worker doing them in order); answers of tasks done one after another are sent
 * together while more tasks wait, for a short while, so that the main thread is woken once for
 * them. What a task has been started and finished is written to the pool's shared `state`, so
 * that an answer held back is never needed to tell which task the worker was doing. Kept apart
 * from pool.ts so that a worker loads nothing of the pool.
 */
import { MessagePort, parentPort, receiveMessageOnPort, workerData } from 'worker_threads';
import type { Lang } from '../engine/messages';
import type { Prefetched, Task, WorkReply, WorkRequest } from './pool';

// pool.ts's FINISHED, STARTED, CURRENT (not imported: a worker loads nothing of the pool)
const FINISHED = 0;
const STARTED = 1;
const CURRENT = 2;
/** Answers are held back no longer than this (ms), and to no more than this many bytes. */
const HOLD_MS = 20;
const HOLD_BYTES = 1 << 20;
/**
 * Answers are sent at once when no more than this many tasks wait: the pool's next tasks (it
 * sends up to pool.ts's DEPTH) then come while these are done. The main thread shares a core
 * with V8's compiler threads and can take some milliseconds to answer; with the answers sent
 * only as the last task began (and 8 sent at a time), the worker ran out of tasks 20–30 times
 * in a folder of 1,000 one-form files, 9–19 ms in all.
 */
const REFILL = 12;

interface PoolData {
  readonly port?: MessagePort;
  readonly state?: Int32Array;
  readonly epoch?: number;
}

export function serve<T extends Task, P>(
  /** `bytes`: the file's content, when the pool read it (Prefetched) before the task began. */
  handle: (task: T, lang: Lang, bytes?: Uint8Array) => P | Promise<P>,
  /** Buffers of the answer to move to the main thread rather than copy. */
  transfer: (answer: P) => ArrayBuffer[] = () => [],
): void {
  if (!parentPort) throw new Error('ziping: a worker script runs as a worker thread');
  // requests come from the pool (parentPort); answers go back through the port it gave
  const requests = parentPort;
  const data = (workerData ?? {}) as PoolData;
  const answers = data.port ?? parentPort;
  const { state } = data;
  const epoch = data.epoch ?? 0;
  const waiting: Array<WorkRequest<T>> = [];
  /** Files the pool read for tasks not begun, by task id (one that comes later is dropped). */
  const prefetched = new Map<number, Uint8Array>();
  const arrived = (msg: WorkRequest<T> | Prefetched) => {
    if ('task' in msg) waiting.push(msg);
    else if (waiting.some((r) => r.id === msg.id)) prefetched.set(msg.id, msg.bytes);
  };
  let held: Array<WorkReply<P>> = [];
  let heldBuffers: ArrayBuffer[] = [];
  let heldBytes = 0;
  let heldSince = 0;
  let done = 0;
  let busy = false;
  const post = () => {
    if (held.length === 0) return;
    answers.postMessage(held, heldBuffers);
    held = [];
    heldBuffers = [];
    heldBytes = 0;
  };
  /** Requests already sent, taken without waiting for their events. */
  const take = () => {
    for (let m = receiveMessageOnPort(requests); m; m = receiveMessageOnPort(requests))
      arrived(m.message as WorkRequest<T> | Prefetched);
  };
  const work = async () => {
    busy = true;
    // the first file's content, if the pool read it while this worker was starting
    if (state && done === 0) take();
    for (let req = waiting.shift(); req; req = waiting.shift()) {
      if (state) {
        Atomics.store(state, STARTED, Date.now() - epoch);
        Atomics.store(state, CURRENT, done);
      }
      const bytes = prefetched.get(req.id);
      prefetched.delete(req.id);
      const result = await handle(req.task, req.lang, bytes);
      const buffers = transfer(result);
      if (held.length === 0) heldSince = Date.now();
      held.push({ id: req.id, result });
      heldBuffers.push(...buffers);
      for (const b of buffers) heldBytes += b.byteLength;
      done++;
      if (state) Atomics.store(state, FINISHED, done);
      take();
      // held back only with the pool's state (which says what is done) and more to do: sent
      // while REFILL tasks still wait, so that the pool's next tasks come while they are done
      if (!state || waiting.length <= REFILL || heldBytes >= HOLD_BYTES || Date.now() - heldSince >= HOLD_MS)
        post();
    }
    post();
    busy = false;
  };
  requests.on('message', (msg: WorkRequest<T> | Prefetched) => {
    arrived(msg);
    // one at a time: a task that awaits is finished before the next one starts
    if (!busy && waiting.length > 0) void work();
  });
}
