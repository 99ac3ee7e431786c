/**
 * The command line's worker threads as they start: what a file may cost (`Limits`), where a
 * built worker is, and workers started before their files are known. Kept apart from pool.ts,
 * with nothing but Node's modules: the command line's entry loads this first and starts check's
 * first worker (`startAhead`) some milliseconds sooner than with the whole pool (which loads
 * the messages, for the reasons it gives); a worker takes longer to start than the rest of the
 * command line to load, so its start is what the first file waits for.
 */
import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import { dirname, isAbsolute, join, sep } from 'path';
import { MessageChannel, MessagePort, Worker } from 'worker_threads';

/** The script of check's workers (worker.ts). */
export const CHECK_SCRIPT = 'worker.js';

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

/** What the workers do, for their default number: `check` or `review`. */
export type WorkKind = 'check' | 'review';

/**
 * Workers by default, at most 4. `review` takes one per core: a file's copy is written and
 * flushed to disk, and a second worker works while the first waits. `check` leaves one core to
 * the main thread and V8's own threads (garbage collection, compilation): each worker warms up
 * its own copy of the engine, and with both cores taken a folder of 1,000 one-form files took
 * longer with two workers than with one (0.91 s against 0.76 s, 1.67 s of CPU against 1.09 s,
 * medians of 9 on this project's 2-core machine; in session 8, 640 ms against 653 with 1.03–1.12
 * s of CPU against 0.80–0.87: no faster, for a third more CPU). A folder of large workbooks is
 * faster with `--jobs` at one per core.
 */
export function defaultJobs(kind: WorkKind, cores = availableParallelism()): number {
  return Math.max(1, Math.min(kind === 'check' ? cores - 1 : cores, 4));
}

/**
 * The defaults: a workbook of 50,000 stacked forms passes them (README, "Limits"). The memory
 * limit is a ceiling, not a reservation: the process's watch (below) stops files that together
 * outgrow the machine.
 */
export function defaultLimits(overrides: Partial<Limits> = {}, kind: WorkKind = 'check'): Limits {
  return {
    jobs: overrides.jobs ?? defaultJobs(kind),
    maxMemoryMb: overrides.maxMemoryMb ?? 6144,
    maxSizeMb: overrides.maxSizeMb ?? 1024,
    timeoutS: overrides.timeoutS,
  };
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

/** Where a worker's start times count from (ms), so that they fit in 32 bits. */
export const EPOCH = Date.now();

/**
 * What a worker says of its progress, in memory it shares with the pool: `[FINISHED]` files
 * finished since it started, `[STARTED]` when (ms after `EPOCH`) it started the file numbered
 * `[CURRENT]` (counting from 0, the order it was sent in).
 */
export const FINISHED = 0;
export const STARTED = 1;
export const CURRENT = 2;

/** A worker started before its files are known (`startWorkers`), and its answers' port. */
export interface Started {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly state: Int32Array;
  /** Set when it ended before it was given any work. */
  ended?: Error | number;
}

/**
 * The file a worker thread runs for `script`: a built worker of the command line starts through
 * boot.js beside it (boot.ts: its one-file bundle, with V8's code cache); any other script as it is.
 */
function bootOf(script: string): { file: string; entry?: string } {
  let boot: string;
  try {
    boot = workerScript('boot.js');
  } catch {
    return { file: script };
  }
  return script.startsWith(dirname(boot) + sep) ? { file: boot, entry: script } : { file: script };
}

export function startWorker(script: string, limits: Limits): Started {
  const { port1, port2 } = new MessageChannel();
  const state = new Int32Array(new SharedArrayBuffer(3 * 4));
  state[CURRENT] = -1;
  const { file, entry } = bootOf(script);
  const worker = new Worker(file, {
    resourceLimits: {
      maxOldGenerationSizeMb: limits.maxMemoryMb,
      maxYoungGenerationSizeMb: Math.min(48, Math.max(4, Math.floor(limits.maxMemoryMb / 8))),
    },
    workerData: { port: port2, state, epoch: EPOCH, entry },
    transferList: [port2],
    // a library's console output never mixes into the report
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  const started: Started = { worker, port: port1, state };
  const ended = (why: Error | number) => (started.ended ??= why);
  worker.on('error', ended);
  worker.on('exit', ended);
  return started;
}

/**
 * Workers started ahead of the work (while the main thread still looks for the files), for
 * `runIsolated` to use; those it does not use are ended with `close`.
 */
export class StartedWorkers {
  private readonly idle: Started[] = [];

  constructor(
    readonly script: string,
    readonly limits: Limits,
    count: number,
  ) {
    this.topUp(count);
  }

  /** Workers started and not taken. */
  get waiting(): number {
    return this.idle.length;
  }

  /** Starts workers until `count` wait (those taken no longer count). */
  topUp(count: number): void {
    while (this.idle.length < count) this.idle.push(startWorker(this.script, this.limits));
  }

  /** Its workers are the ones `script` under `limits` needs. */
  fits(script: string, limits: Limits): boolean {
    return script === this.script && limits.maxMemoryMb === this.limits.maxMemoryMb;
  }

  /** A started worker for `script` under `limits`, if one is left. */
  take(script: string, limits: Limits): Started | undefined {
    return this.fits(script, limits) ? this.idle.shift() : undefined;
  }

  /** Ends every worker not taken. */
  close(): void {
    for (const s of this.idle.splice(0)) {
      s.port.close();
      void s.worker.terminate();
    }
  }
}

/**
 * `check`'s first worker, started by the command line's entry before anything else is loaded (a
 * worker takes longer to start than the rest of the command line to load): under the default
 * limits, or none when `--max-memory` is given (its workers differ) or nothing is built.
 */
export function startAhead(args: readonly string[]): StartedWorkers | undefined {
  if (args.some((a) => a === '--max-memory' || a.startsWith('--max-memory='))) return undefined;
  try {
    return new StartedWorkers(workerScript(CHECK_SCRIPT), defaultLimits({}, 'check'), 1);
  } catch {
    return undefined; // not built: the command says so
  }
}
