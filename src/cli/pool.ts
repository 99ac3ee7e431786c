/**
 * Every file checked (`check`) or reviewed (`review`) in isolation: a few worker threads, each
 * with a heap limit, and a deadline per file. A worker that runs out of memory, overruns its
 * deadline or dies is ended and replaced; its file's result names the reason, and every other
 * file is still done. What a worker does is the caller's `Work` (its script and results); the
 * limits, the deadline and the replacement are the same for every kind of work.
 *
 * Memory outside the heap (buffers) is watched too: when the process as a whole grows past its
 * budget, the files being done are stopped and done again one at a time, each in a fresh worker,
 * so that only the file that needs the memory on its own is reported as too large.
 */
import { readFile, Stats, statSync } from 'fs';
import { totalmem } from 'os';
import { MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import type { Lang } from '../engine/messages';
import { unreadableReport } from './unreadable';
import { CheckedFile } from './checked';
import {
  CHECK_SCRIPT,
  CURRENT,
  EPOCH,
  FINISHED,
  Limits,
  STARTED,
  StartedWorkers,
  startWorker,
  workerScript,
} from './workers';

export {
  CURRENT,
  defaultJobs,
  defaultLimits,
  FINISHED,
  startAhead,
  STARTED,
  StartedWorkers,
  workerScript,
} from './workers';
export type { Limits, WorkKind } from './workers';

const MB = 1024 * 1024;

/** The deadline of one file, in milliseconds. */
export function deadlineMs(limits: Limits, bytes: number): number {
  return (limits.timeoutS ?? 30 + bytes / MB) * 1000;
}

/** A file for a worker: `path` as the report names it; `file` the one to read if not that (stdin's copy). */
export interface Task {
  readonly path: string;
  readonly file?: string;
}

/** pool.ts → a worker: one task. */
export interface WorkRequest<T extends Task = Task> {
  readonly id: number;
  readonly lang: Lang;
  readonly task: T;
}

/**
 * pool.ts → a worker: the content of task `id`'s file, read by the pool while the worker was
 * starting (Work.prefetch). A worker that begins the task before it comes reads the file itself.
 */
export interface Prefetched {
  readonly id: number;
  readonly bytes: Uint8Array;
}

/** A worker → pool.ts: what it made of the task `id`. */
export interface WorkReply<P> {
  readonly id: number;
  readonly result: P;
}

/**
 * What the workers of one run do with a file (check it, or review it): the script they run, and
 * how their answers and the pool's own refusals become the caller's results.
 */
export interface Work<T extends Task, P, R> {
  /** The worker script, as built under dist/cli (`worker.js`, `review/worker.js`), or an absolute path. */
  readonly script: string;
  /** The reasons' words for the work: what it is doing, and what a file overrunning its deadline was not. */
  readonly words: Record<Lang, { readonly doing: string; readonly done: string }>;
  /**
   * A worker's first file (up to PREFETCH_MAX) is read by the pool, asynchronously, while the
   * worker starts, and sent to it (Prefetched): a new worker takes 20–35 ms to start (45–50 ms
   * once another has set V8's flags, flags.ts), and a workbook of 1,000 forms about 15 ms to read.
   * Only the first: reading every file ahead in the main thread took the worker 28 ms less CPU
   * for a folder of 1,000 files and the process 64 ms more.
   */
  readonly prefetch?: boolean;
  /** A worker's answer as the caller gets it. */
  result(answer: P, task: T): R;
  /** A file the pool gave up on (not a regular file, too large, too slow, its worker died): the reason. */
  failed(task: T, reason: string, lang: Lang): R;
  /**
   * Removes what workers ended half way through `tasks` may have left (a temporary file of a
   * write), once no worker runs: when the run is interrupted (SIGINT, SIGTERM), and at its end
   * for workers stopped in the middle of a file. Without it an interrupted run ends at once, as
   * the signal would end it.
   */
  leftovers?(tasks: readonly T[]): void;
}

type Reason = 'size' | 'memory' | 'time' | 'special' | 'crash';

function reason(
  why: Reason,
  path: string,
  lang: Lang,
  limits: Limits,
  words: Work<Task, unknown, unknown>['words'],
  detail: string,
): string {
  const { doing, done } = words[lang];
  const zh = lang === 'zh';
  switch (why) {
    case 'size':
      return zh
        ? `${path} 太大（${detail} MB，上限 ${limits.maxSizeMb} MB；可用 --max-size 调整）`
        : `${path} is too large (${detail} MB; the limit is ${limits.maxSizeMb} MB, see --max-size)`;
    case 'memory':
      return zh
        ? `${path} 太大：${doing}它所需的内存超过上限 ${limits.maxMemoryMb} MB（可能已损坏；可用 --max-memory 调整）`
        : `${path} is too large: ${doing} it needs more than the ${limits.maxMemoryMb} MB of memory allowed (it may be damaged; see --max-memory)`;
    case 'time':
      return zh
        ? `${path} 耗时过长：${detail} 秒内没有${done}（可能已损坏；可用 --timeout 调整）`
        : `${path} took too long: not ${done} within ${detail} s (it may be damaged; see --timeout)`;
    case 'special':
      return zh
        ? `${path} 不是普通文件（是${detail}），不读取`
        : `${path} is not a regular file (it is ${detail}); not read`;
    case 'crash':
      return zh ? `${doing} ${path} 时出错（${detail}）` : `${doing} ${path} failed (${detail})`;
  }
}

function kindOf(stat: Stats, lang: Lang): string | undefined {
  const zh = lang === 'zh';
  if (stat.isFile() || stat.isDirectory()) return undefined; // a folder: the reader says so
  if (stat.isFIFO()) return zh ? '命名管道' : 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return zh ? '设备' : 'a device';
  if (stat.isSocket()) return zh ? '套接字' : 'a socket';
  return zh ? '特殊文件' : 'a special file';
}

interface Job<T extends Task> {
  readonly index: number;
  readonly task: T;
  /** The file's size; undefined until `admit` has looked at it. */
  bytes?: number;
  /** Stopped once while sharing the memory budget: runs again alone. */
  solo: boolean;
}

/**
 * Files sent to one worker before its answers: the next file is already waiting when a worker
 * finishes one, so that it is never idle between files, and the worker answers several files
 * in one message (serve.ts), which wakes the main thread once for them. The worker does its files
 * one at a time, in order, and says in shared memory (`WorkerState`) how many it has finished
 * and when it started the one it is doing: that file alone is blamed for a crash, a timeout or
 * a memory overrun; the others it had go to another worker.
 */
const DEPTH = 32;
/** Only files smaller than this wait behind another in a worker. */
const SMALL = 1024 * 1024;
/**
 * The largest first file read ahead (Work.prefetch): a larger one may take longer to read than
 * the worker to start, and would then be read twice, held twice in memory for a moment.
 */
const PREFETCH_MAX = 32 * MB;

interface Slot<T extends Task> {
  readonly worker: Worker;
  /** The worker's answers: a port of our own, so that answers already sent can be taken synchronously. */
  readonly port: MessagePort;
  /** The worker's progress (FINISHED, STARTED, CURRENT). */
  readonly state: Int32Array;
  /** Sent, not yet answered, in the order the worker does them. */
  jobs: Array<Job<T>>;
  /** Answers received. */
  answered: number;
  /** When to look again whether the file the worker is doing is over its deadline. */
  timer?: NodeJS.Timeout;
  /** The worker's FINISHED when it was last found not to have started its next file. */
  notStarted?: number;
  dead: boolean;
}

/**
 * Does `work` to every task in its own bounded worker. `onFile` gets each file's result (with the
 * task's index) as soon as it is known, in whatever order the files finish; the promise resolves
 * when every file has had its result and no worker is left. `started`: workers started ahead,
 * used first.
 */
export function runIsolated<T extends Task, P, R>(
  tasks: readonly T[],
  lang: Lang,
  limits: Limits,
  work: Work<T, P, R>,
  onFile: (index: number, result: R) => void,
  started?: StartedWorkers,
): Promise<void> {
  const settled: boolean[] = new Array<boolean>(tasks.length).fill(false);
  const queue: Array<Job<T>> = [];
  const settle = (index: number, result: R) => {
    if (settled[index]) return;
    settled[index] = true;
    onFile(index, result);
  };
  const refuse = (index: number, why: Reason, detail: string) => {
    const task = tasks[index];
    settle(index, work.failed(task, reason(why, task.path, lang, limits, work.words, detail), lang));
  };
  tasks.forEach((task, index) => queue.push({ index, task, solo: false }));
  /**
   * Checked here, without a worker, just before the file is sent (the first file goes out
   * without waiting for the others' look-ups): what is not a regular file, or too large to read,
   * is refused (false).
   */
  const admit = (job: Job<T>): boolean => {
    if (job.bytes !== undefined) return true;
    job.bytes = 0;
    try {
      const stat = statSync(job.task.file ?? job.task.path);
      const kind = kindOf(stat, lang);
      if (kind) {
        refuse(job.index, 'special', kind);
        return false;
      }
      if (stat.size > limits.maxSizeMb * MB) {
        refuse(job.index, 'size', (stat.size / MB).toFixed(1));
        return false;
      }
      job.bytes = stat.size;
    } catch {
      /* missing or unreadable: the reader gives the reason */
    }
    return true;
  };
  if (queue.length === 0) {
    started?.close();
    return Promise.resolve();
  }

  const script = workerScript(work.script);
  const slots: Array<Slot<T>> = [];
  // what the process holds without the work; raised after a stopped worker, whose memory the
  // system may take a while to get back, so that the next file is not blamed for it
  let baseline = process.memoryUsage.rss();
  return new Promise<void>((resolve) => {
    let terminating = 0;
    /** Workers being ended; the tasks ever sent to a worker. */
    const ending = new Set<Promise<unknown>>();
    const sent = new Set<number>();
    /** Interrupted: nothing more is sent, and the run never resolves. */
    let halted = false;
    /**
     * Interrupted: every worker is ended, then what they may have left half written is removed,
     * then the process ends as the signal would have ended it.
     */
    const interrupted = (signal: NodeJS.Signals) => {
      unlisten();
      clearInterval(watch);
      halted = true;
      for (const s of slots) stop(s);
      started?.close();
      void Promise.allSettled([...ending]).then(() => {
        try {
          work.leftovers?.([...sent].map((i) => tasks[i]));
        } finally {
          process.kill(process.pid, signal);
        }
      });
    };
    const unlisten = () => {
      process.removeListener('SIGINT', interrupted);
      process.removeListener('SIGTERM', interrupted);
    };
    if (work.leftovers) {
      process.once('SIGINT', interrupted);
      process.once('SIGTERM', interrupted);
    }
    const finish = () => {
      unlisten();
      clearInterval(watch);
      for (const s of slots) stop(s);
      started?.close();
      if (!work.leftovers || cut.size === 0) return resolve();
      // workers stopped in the middle of a file (its deadline, the memory watch): what they had
      // half written goes, once they have ended
      const { leftovers } = work;
      void Promise.allSettled([...ending]).then(() => {
        leftovers([...cut].map((i) => tasks[i]));
        resolve();
      });
    };
    /** Tasks a worker had when it was stopped. */
    const cut = new Set<number>();
    const stop = (slot: Slot<T>) => {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
      if (!slot.dead) for (const j of slot.jobs) cut.add(j.index);
      slot.jobs = [];
      if (!slot.dead) {
        slot.dead = true;
        slot.port.close();
        terminating++;
        const ended = slot.worker.terminate().finally(() => {
          terminating--;
          ending.delete(ended);
          baseline = Math.max(baseline, process.memoryUsage.rss());
        });
        ending.add(ended);
      }
    };
    /** Where in `slot.jobs` the file the worker is doing is (`jobs.length`: none). */
    const doing = (slot: Slot<T>): number =>
      Math.max(0, Math.min(Atomics.load(slot.state, FINISHED) - slot.answered, slot.jobs.length));
    /** Looks again after `ms` whether the file the worker is doing is over its deadline. */
    const arm = (slot: Slot<T>, ms?: number) => {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
      if (slot.dead || slot.jobs.length === 0) return;
      slot.timer = setTimeout(() => overdue(slot), ms ?? deadlineMs(limits, slot.jobs[0].bytes ?? 0));
    };
    const overdue = (slot: Slot<T>) => {
      slot.timer = undefined;
      drain(slot);
      if (slot.dead || slot.timer) return; // answers came: armed again
      const pos = doing(slot);
      const job = slot.jobs[pos];
      if (!job) return arm(slot); // all done, their answers on the way
      const ms = deadlineMs(limits, job.bytes ?? 0);
      // read in this order (the worker writes STARTED, then CURRENT): a start time read after
      // CURRENT names this file is its own, or a later file's
      const finished = Atomics.load(slot.state, FINISHED);
      const current = Atomics.load(slot.state, CURRENT);
      const started = Atomics.load(slot.state, STARTED);
      if (current !== finished) {
        // not started yet (between two files): its whole deadline is still ahead, once; a
        // worker that never starts it (stuck before its first file) is stopped the next time
        if (slot.notStarted !== finished) {
          slot.notStarted = finished;
          return arm(slot, ms);
        }
        return fail(slot, 'time', String(Math.round(ms / 100) / 10));
      }
      const left = EPOCH + started + ms - Date.now();
      if (left > 0) return arm(slot, left);
      fail(slot, 'time', String(Math.round(ms / 100) / 10));
    };
    /**
     * Answers, each to the first job not yet answered; `next` (the worker's next files sent) runs
     * before the answers are handed on, so that the worker has them while this thread writes.
     */
    const receive = (slot: Slot<T>, replies: ReadonlyArray<WorkReply<P>>, next?: () => void) => {
      const answered: Array<[Job<T>, P]> = [];
      for (const msg of replies) {
        const job = slot.jobs[0];
        if (slot.dead || !job || job.index !== msg.id) break;
        slot.jobs.shift();
        slot.answered++;
        // the last file of the run: the worker is ended now, before its answer is written out, so
        // that freeing its heap (some 70 ms for 10,000 forms) overlaps the writing instead of
        // holding up the process's exit, which waits for every worker to be gone
        if (slot.jobs.length === 0 && queue.length === 0 && running().length === 0) stop(slot);
        else arm(slot);
        answered.push([job, msg.result]);
      }
      next?.();
      for (const [job, result] of answered) settle(job.index, work.result(result, job.task));
    };
    /** Every answer the worker has already sent. */
    const drain = (slot: Slot<T>) => {
      if (slot.dead) return;
      for (let m = receiveMessageOnPort(slot.port); m; m = receiveMessageOnPort(slot.port))
        receive(slot, m.message as Array<WorkReply<P>>);
    };
    /**
     * The worker is stopped for the file it is doing, which is refused; the others it had
     * (those not started, and those finished whose answers it had not sent yet) go back to the
     * queue for another worker.
     */
    const fail = (slot: Slot<T>, why: Reason, detail: string) => {
      if (slot.dead) return;
      drain(slot);
      const pos = doing(slot);
      const job = slot.jobs[pos];
      const others = slot.jobs.filter((_, i) => i !== pos);
      stop(slot);
      queue.unshift(...others);
      if (job) refuse(job.index, why, detail);
      pump();
    };
    const spawn = (): Slot<T> => {
      const s = started?.take(script, limits) ?? startWorker(script, limits);
      const { worker, port, state } = s;
      const slot: Slot<T> = { worker, port, state, jobs: [], answered: 0, dead: false };
      port.on('message', (msg: Array<WorkReply<P>>) => receive(slot, msg, pump));
      const failed = (e: Error & { code?: string }) => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') fail(slot, 'memory', '');
        else fail(slot, 'crash', String(e.message ?? e).split('\n')[0]);
      };
      const exited = (code: number) => fail(slot, 'crash', `exit ${code}`);
      worker.on('error', failed);
      worker.on('exit', exited);
      slots.push(slot);
      // it ended before it was given work: its first file is refused as if it died on it
      if (s.ended !== undefined)
        setImmediate(() => (typeof s.ended === 'number' ? exited(s.ended) : failed(s.ended as Error)));
      return slot;
    };
    const running = () => slots.filter((s) => !s.dead && s.jobs.length > 0);
    const send = (slot: Slot<T>, job: Job<T>) => {
      slot.jobs.push(job);
      sent.add(job.index);
      if (slot.jobs.length === 1) arm(slot);
      const req: WorkRequest<T> = { id: job.index, lang, task: job.task };
      slot.worker.postMessage(req);
      // the worker's first file: it has none other and has finished none
      if (work.prefetch && slot.jobs.length === 1 && Atomics.load(slot.state, FINISHED) === 0)
        prefetch(slot, job);
    };
    /** Reads `job`'s file for `slot`'s worker, still starting: sent if it is still the worker's. */
    const prefetch = (slot: Slot<T>, job: Job<T>) => {
      const bytes = job.bytes ?? 0;
      // (admit has refused a file over --max-size before it is sent)
      if (bytes <= 0 || bytes > PREFETCH_MAX) return;
      readFile(job.task.file ?? job.task.path, (e, content) => {
        // unread (the worker's own read gives the reason), or the worker has moved on: nothing sent
        if (e || slot.dead || slot.jobs[0] !== job || Atomics.load(slot.state, CURRENT) >= 0) return;
        const own = content.byteOffset === 0 && content.buffer.byteLength === content.length;
        const msg: Prefetched = { id: job.index, bytes: content };
        slot.worker.postMessage(msg, own ? [content.buffer] : []);
      });
    };
    const pump = () => {
      if (halted) return;
      for (let i = slots.length - 1; i >= 0; i--) if (slots[i].dead) slots.splice(i, 1);
      while (queue.length > 0) {
        if (!admit(queue[0])) {
          queue.shift();
          continue;
        }
        const busy = running();
        if (busy.some((s) => s.jobs.some((j) => j.solo))) break;
        if (queue[0].solo && busy.length > 0) break;
        let slot: Slot<T> | undefined;
        if (queue[0].solo) {
          // alone (no worker busy) and in a fresh worker: nothing an earlier file left behind counts
          for (const s of slots) stop(s);
          slot = spawn();
        } else if (busy.length < limits.jobs)
          slot = slots.find((s) => !s.dead && s.jobs.length === 0) ?? spawn();
        // every worker busy: a small file waits behind a worker's current file, each worker
        // holding no more than its share of the files left (DEPTH, and near the end the files
        // left divided among the workers: none waits behind another's while a worker is free,
        // and no worker is sent its files one at a time until fewer are left than workers);
        // one worker alone gets DEPTH to the end
        else if (!queue[0].solo && (queue[0].bytes ?? 0) < SMALL) {
          const share = limits.jobs === 1 ? DEPTH : Math.min(DEPTH, Math.ceil(queue.length / limits.jobs));
          slot = busy
            .filter((s) => s.jobs.length < share)
            .reduce<Slot<T> | undefined>((a, b) => (a && a.jobs.length <= b.jobs.length ? a : b), undefined);
        }
        if (!slot) break;
        send(slot, queue.shift() as Job<T>);
      }
      if (queue.length === 0 && running().length === 0) finish();
    };
    // buffers outside the heaps: the process as a whole stays within its budget
    const watch = setInterval(() => {
      for (const s of slots) drain(s);
      const busy = running();
      // a stopped worker's memory is still being returned
      if (busy.length === 0 || terminating > 0) return pump();
      const live = slots.filter((s) => !s.dead).length;
      const budget = Math.min(
        baseline + 64 * MB + live * (2 * limits.maxMemoryMb + 64) * MB,
        totalmem() * 0.85, // before the system's own out-of-memory killer ends the whole process
      );
      if (process.memoryUsage.rss() <= budget) return pump();
      // which file needs it cannot be told while several share the process, nor while a worker
      // may still hold what its earlier files left behind: each again alone, in a fresh worker
      const again = busy
        .map((s) => s.jobs[doing(s)])
        .filter((j): j is Job<T> => j !== undefined)
        .sort((a, b) => a.index - b.index);
      if (again.length === 0) return; // nothing being done: their answers are on the way
      // done alone in a fresh worker and still over: that file needs the memory
      if (busy.length === 1 && again[0].solo) return fail(busy[0], 'memory', '');
      const waiting = busy
        .flatMap((s) => s.jobs)
        .filter((j) => !again.includes(j))
        .sort((a, b) => a.index - b.index);
      for (const s of busy) stop(s);
      for (const job of again) job.solo = true;
      queue.unshift(...again, ...waiting);
      pump();
    }, 100);
    pump();
  });
}

/** What check's worker (worker.ts) answers: the file's report entry as JSON (UTF-8), its exit code. */
export interface CheckAnswer {
  readonly json: Uint8Array;
  readonly exit: 0 | 1 | 2;
}

/** `check`: each worker checks a file (worker.ts). */
const CHECK: Work<Task, CheckAnswer, CheckedFile> = {
  script: CHECK_SCRIPT,
  prefetch: true,
  words: { zh: { doing: '检查', done: '读完' }, en: { doing: 'checking', done: 'read' } },
  result: (answer) => new CheckedFile(answer.json, answer.exit),
  failed: (task, why, lang) => CheckedFile.of(unreadableReport(task.path, why, lang), 2),
};

/** Checks every task in its own bounded worker (runIsolated with `check`'s work). */
export function checkIsolated(
  tasks: readonly Task[],
  lang: Lang,
  limits: Limits,
  onFile: (index: number, file: CheckedFile) => void,
  started?: StartedWorkers,
): Promise<void> {
  return runIsolated(tasks, lang, limits, CHECK, onFile, started);
}

/**
 * `check`'s workers, started before its arguments are searched: one per file named (stdin
 * included), as many as `jobs` allows when a folder or a wildcard may give more. `ahead`: those
 * the command line started as it began (`startAhead`), used when they fit, topped up.
 */
export function startChecking(
  args: readonly string[],
  limits: Limits,
  ahead?: StartedWorkers,
): StartedWorkers {
  let count = 0;
  // as many as jobs at most: the arguments past that need no look-up here (the search stats them)
  for (const a of args) {
    if (count >= limits.jobs) break;
    let file = a === '-';
    try {
      file ||= statSync(a).isFile();
    } catch {
      /* a wildcard, or missing: the search says */
    }
    count += file ? 1 : limits.jobs;
  }
  const script = workerScript(CHECK_SCRIPT);
  const want = Math.min(count, limits.jobs);
  if (ahead?.fits(script, limits)) {
    ahead.topUp(want);
    return ahead;
  }
  ahead?.close();
  return new StartedWorkers(script, limits, want);
}
