/**
 * Every file checked (`check`) or reviewed (`review`) in isolation: a few worker threads, each
 * with a heap limit, and a deadline per file. A worker that runs out of memory, overruns its
 * deadline or dies is ended and replaced; its file's result names the reason, and every other
 * file is still done. What a worker does is the caller's `Work` (its script and results); the
 * limits, the deadline and the replacement are the same for every kind of work.
 *
 * Memory outside the heap (buffers) is watched too: when the process as a whole grows past its
 * budget, the files being done are stopped and done again one at a time, so that only the file
 * that needs the memory on its own is reported as too large.
 */
import { existsSync, Stats, statSync } from 'fs';
import { availableParallelism, totalmem } from 'os';
import { isAbsolute, join } from 'path';
import { Worker } from 'worker_threads';
import type { Lang } from '../engine/messages';
import { unreadableReport } from './unreadable';
import { CheckedFile } from './checked';

/** What one file may cost. */
export interface Limits {
  /** Files checked at once, each in its own worker. */
  readonly jobs: number;
  /** Memory one file may use, in MB (the worker's heap; as much again for buffers). */
  readonly maxMemoryMb: number;
  /** Seconds one file may take; unset: 30 s plus 1 s per MB of the file. */
  readonly timeoutS?: number;
  /** The largest file read, in MB (stdin included). */
  readonly maxSizeMb: number;
}

const MB = 1024 * 1024;

/**
 * The defaults: a workbook of 50,000 stacked forms passes them (README, "Limits"). The memory
 * limit is a ceiling, not a reservation: the process's watch (below) stops files that together
 * outgrow the machine.
 */
export function defaultLimits(overrides: Partial<Limits> = {}): Limits {
  return {
    jobs: overrides.jobs ?? Math.max(1, Math.min(availableParallelism(), 4)),
    maxMemoryMb: overrides.maxMemoryMb ?? 6144,
    maxSizeMb: overrides.maxSizeMb ?? 1024,
    timeoutS: overrides.timeoutS,
  };
}

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
  /** A worker's answer as the caller gets it. */
  result(answer: P, task: T): R;
  /** A file the pool gave up on (not a regular file, too large, too slow, its worker died): the reason. */
  failed(task: T, reason: string, lang: Lang): R;
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

/**
 * A built worker (`worker.js` by default): beside this file in dist/cli, or dist/cli seen from the
 * sources (tests); an absolute path as it is.
 */
export function workerScript(script = 'worker.js'): string {
  if (isAbsolute(script)) return script;
  const beside = join(__dirname, script);
  if (__filename.endsWith('.js') && existsSync(beside)) return beside;
  const built = join(__dirname, '..', '..', 'dist', 'cli', script);
  if (existsSync(built)) return built;
  throw new Error('ziping: not built yet; run `npm run build:cli` first');
}

interface Job<T extends Task> {
  readonly index: number;
  readonly task: T;
  readonly bytes: number;
  /** Stopped once while sharing the memory budget: runs again alone. */
  solo: boolean;
}

interface Slot<T extends Task> {
  readonly worker: Worker;
  job?: Job<T>;
  timer?: NodeJS.Timeout;
  dead: boolean;
}

/**
 * Does `work` to every task in its own bounded worker. `onFile` gets each file's result (with the
 * task's index) as soon as it is known, in whatever order the files finish; the promise resolves
 * when every file has had its result and no worker is left.
 */
export function runIsolated<T extends Task, P, R>(
  tasks: readonly T[],
  lang: Lang,
  limits: Limits,
  work: Work<T, P, R>,
  onFile: (index: number, result: R) => void,
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
  // checked here, without a worker: what is not a regular file, or too large to read
  tasks.forEach((task, index) => {
    const file = task.file ?? task.path;
    let bytes = 0;
    try {
      const stat = statSync(file);
      const kind = kindOf(stat, lang);
      if (kind) return refuse(index, 'special', kind);
      if (stat.size > limits.maxSizeMb * MB) return refuse(index, 'size', (stat.size / MB).toFixed(1));
      bytes = stat.size;
    } catch {
      /* missing or unreadable: the reader gives the reason */
    }
    queue.push({ index, task, bytes, solo: false });
  });
  if (queue.length === 0) return Promise.resolve();

  const script = workerScript(work.script);
  const slots: Array<Slot<T>> = [];
  // what the process holds without the work; raised after a stopped worker, whose memory the
  // system may take a while to get back, so that the next file is not blamed for it
  let baseline = process.memoryUsage.rss();
  return new Promise<void>((resolve) => {
    let terminating = 0;
    const finish = () => {
      clearInterval(watch);
      for (const s of slots) stop(s);
      resolve();
    };
    const stop = (slot: Slot<T>) => {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.job = undefined;
      if (!slot.dead) {
        slot.dead = true;
        terminating++;
        void slot.worker.terminate().finally(() => {
          terminating--;
          baseline = Math.max(baseline, process.memoryUsage.rss());
        });
      }
    };
    const fail = (slot: Slot<T>, why: Reason, detail: string) => {
      const job = slot.job;
      stop(slot);
      if (job) refuse(job.index, why, detail);
      pump();
    };
    const spawn = (): Slot<T> => {
      const worker = new Worker(script, {
        resourceLimits: {
          maxOldGenerationSizeMb: limits.maxMemoryMb,
          maxYoungGenerationSizeMb: Math.min(48, Math.max(4, Math.floor(limits.maxMemoryMb / 8))),
        },
        // a library's console output never mixes into the report
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      const slot: Slot<T> = { worker, dead: false };
      worker.on('message', (msg: WorkReply<P>) => {
        const job = slot.job;
        if (!job || job.index !== msg.id) return;
        if (slot.timer) clearTimeout(slot.timer);
        slot.job = undefined;
        slot.timer = undefined;
        settle(job.index, work.result(msg.result, job.task));
        pump();
      });
      worker.on('error', (e: Error & { code?: string }) => {
        if (slot.dead) return;
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') fail(slot, 'memory', '');
        else fail(slot, 'crash', String(e.message ?? e).split('\n')[0]);
      });
      worker.on('exit', (code) => {
        if (slot.dead) return;
        fail(slot, 'crash', `exit ${code}`);
      });
      slots.push(slot);
      return slot;
    };
    const running = () => slots.filter((s) => !s.dead && s.job);
    const start = (slot: Slot<T>, job: Job<T>) => {
      slot.job = job;
      const ms = deadlineMs(limits, job.bytes);
      slot.timer = setTimeout(() => fail(slot, 'time', String(Math.round(ms / 100) / 10)), ms);
      const req: WorkRequest<T> = { id: job.index, lang, task: job.task };
      slot.worker.postMessage(req);
    };
    const pump = () => {
      for (let i = slots.length - 1; i >= 0; i--) if (slots[i].dead) slots.splice(i, 1);
      while (queue.length > 0) {
        const busy = running();
        if (busy.some((s) => s.job?.solo)) break;
        if (queue[0].solo && busy.length > 0) break;
        if (busy.length >= limits.jobs) break;
        const slot = slots.find((s) => !s.dead && !s.job) ?? spawn();
        start(slot, queue.shift() as Job<T>);
      }
      if (queue.length === 0 && running().length === 0) finish();
    };
    // buffers outside the heaps: the process as a whole stays within its budget
    const watch = setInterval(() => {
      const busy = running();
      // a stopped worker's memory is still being returned
      if (busy.length === 0 || terminating > 0) return;
      const live = slots.filter((s) => !s.dead).length;
      const budget = Math.min(
        baseline + 64 * MB + live * (2 * limits.maxMemoryMb + 64) * MB,
        totalmem() * 0.85, // before the system's own out-of-memory killer ends the whole process
      );
      if (process.memoryUsage.rss() <= budget) return;
      if (busy.length === 1) return fail(busy[0], 'memory', '');
      // which file needs it cannot be told while several share the process: each again alone
      const again = busy.map((s) => s.job as Job<T>).sort((a, b) => a.index - b.index);
      for (const s of busy) stop(s);
      for (const job of again) job.solo = true;
      queue.unshift(...again);
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
  script: 'worker.js',
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
): Promise<void> {
  return runIsolated(tasks, lang, limits, CHECK, onFile);
}
