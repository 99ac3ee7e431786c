/**
 * Every workbook of `ziping review` handled in a bounded worker thread, as `check` handles its
 * files (src/cli/pool.ts): a heap limit and a deadline per file. A file that exhausts its worker's
 * memory, overruns its deadline or kills its worker is a summary row with the reason; every
 * other file is still reviewed. Results come back in input order.
 */
import { existsSync, statSync } from 'fs';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { Lang } from '../../engine/messages';
import { deadlineMs, Limits } from '../pool';
import { unreadableReport } from '../unreadable';
import type { FileResult } from './file';

export interface ReviewTask {
  readonly path: string;
  readonly rel: string;
  readonly target: string;
}

/** pool → worker */
export interface ReviewRequest extends ReviewTask {
  readonly id: number;
  readonly lang: Lang;
}

/** worker → pool */
export interface ReviewResponse {
  readonly id: number;
  readonly result: FileResult;
}

const MB = 1024 * 1024;

function failed(task: ReviewTask, reason: string, lang: Lang): FileResult {
  const report = unreadableReport(task.path, reason, lang);
  return {
    report,
    rows: [
      { file: task.rel, errors: 0, warnings: 0, infos: 0, firstError: report.error?.message, failed: true },
    ],
    findings: [],
    grades: [],
    bands: [],
    copied: false,
  };
}

const WHY = {
  zh: {
    size: (p: string, mb: string, max: number) => `${p} 太大（${mb} MB，上限 ${max} MB）`,
    memory: (p: string, max: number) => `${p} 太大：处理它所需的内存超过上限 ${max} MB（可能已损坏）`,
    time: (p: string, s: string) => `${p} 耗时过长：${s} 秒内没有处理完（可能已损坏）`,
    crash: (p: string, d: string) => `处理 ${p} 时出错（${d}）`,
  },
  en: {
    size: (p: string, mb: string, max: number) => `${p} is too large (${mb} MB; the limit is ${max} MB)`,
    memory: (p: string, max: number) =>
      `${p} is too large: it needs more than the ${max} MB of memory allowed (it may be damaged)`,
    time: (p: string, s: string) => `${p} took too long: not done within ${s} s (it may be damaged)`,
    crash: (p: string, d: string) => `reviewing ${p} failed (${d})`,
  },
};

/** The built worker: beside this file in dist/, or dist/ seen from the sources (tests). */
function workerScript(): string {
  const beside = join(__dirname, 'worker.js');
  if (__filename.endsWith('.js') && existsSync(beside)) return beside;
  const built = join(__dirname, '..', '..', '..', 'dist', 'cli', 'review', 'worker.js');
  if (existsSync(built)) return built;
  throw new Error('ziping: not built yet; run `npm run build:cli` first');
}

interface Slot {
  readonly worker: Worker;
  job?: { index: number; task: ReviewTask };
  timer?: NodeJS.Timeout;
  dead: boolean;
}

/** Reviews every task in bounded workers; `onDone(index, result)` as each one finishes. */
export function reviewIsolated(
  tasks: readonly ReviewTask[],
  lang: Lang,
  limits: Limits,
  onDone?: (index: number, result: FileResult) => void,
): Promise<FileResult[]> {
  const results: Array<FileResult | undefined> = new Array(tasks.length);
  const settle = (index: number, result: FileResult) => {
    if (results[index]) return;
    results[index] = result;
    onDone?.(index, result);
  };
  const queue: Array<{ index: number; task: ReviewTask; bytes: number }> = [];
  tasks.forEach((task, index) => {
    let bytes = 0;
    try {
      bytes = statSync(task.path).size;
    } catch {
      /* the reader gives the reason */
    }
    if (bytes > limits.maxSizeMb * MB)
      settle(index, failed(task, WHY[lang].size(task.path, (bytes / MB).toFixed(1), limits.maxSizeMb), lang));
    else queue.push({ index, task, bytes });
  });
  if (queue.length === 0) return Promise.resolve(results as FileResult[]);
  const script = workerScript();
  const slots: Slot[] = [];
  return new Promise<FileResult[]>((resolve) => {
    const stop = (slot: Slot) => {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.job = undefined;
      if (!slot.dead) {
        slot.dead = true;
        void slot.worker.terminate();
      }
    };
    const fail = (slot: Slot, reason: (p: string) => string) => {
      const job = slot.job;
      stop(slot);
      if (job) settle(job.index, failed(job.task, reason(job.task.path), lang));
      pump();
    };
    const spawn = (): Slot => {
      const worker = new Worker(script, {
        resourceLimits: {
          maxOldGenerationSizeMb: limits.maxMemoryMb,
          maxYoungGenerationSizeMb: Math.min(48, Math.max(4, Math.floor(limits.maxMemoryMb / 8))),
        },
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      const slot: Slot = { worker, dead: false };
      worker.on('message', (msg: ReviewResponse) => {
        const job = slot.job;
        if (!job || job.index !== msg.id) return;
        if (slot.timer) clearTimeout(slot.timer);
        slot.job = undefined;
        slot.timer = undefined;
        settle(job.index, msg.result);
        pump();
      });
      worker.on('error', (e: Error & { code?: string }) => {
        if (slot.dead) return;
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') fail(slot, (p) => WHY[lang].memory(p, limits.maxMemoryMb));
        else fail(slot, (p) => WHY[lang].crash(p, String(e.message ?? e).split('\n')[0]));
      });
      worker.on('exit', (code) => {
        if (!slot.dead) fail(slot, (p) => WHY[lang].crash(p, `exit ${code}`));
      });
      slots.push(slot);
      return slot;
    };
    const pump = () => {
      for (let i = slots.length - 1; i >= 0; i--) if (slots[i].dead) slots.splice(i, 1);
      while (queue.length > 0 && slots.filter((s) => s.job).length < limits.jobs) {
        const job = queue.shift() as (typeof queue)[number];
        const slot = slots.find((s) => !s.job) ?? spawn();
        slot.job = { index: job.index, task: job.task };
        const ms = deadlineMs(limits, job.bytes);
        slot.timer = setTimeout(
          () => fail(slot, (p) => WHY[lang].time(p, String(Math.round(ms / 100) / 10))),
          ms,
        );
        const req: ReviewRequest = { id: job.index, lang, ...job.task };
        slot.worker.postMessage(req);
      }
      if (queue.length === 0 && slots.every((s) => !s.job)) {
        for (const s of slots) stop(s);
        resolve(results as FileResult[]);
      }
    };
    pump();
  });
}
