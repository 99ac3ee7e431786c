/**
 * The one pool of `check` and `review` (src/cli/pool.ts), driven by a work of its own: a worker
 * that fills memory outside its heap (Buffers, which no heap limit sees) until it is stopped. The process's
 * memory watch stops it; two files that outgrow the budget together are each done again alone,
 * so that only the one that needs the memory is reported. Needs the built CLI (`npm run
 * build:cli`): the worker answers through dist/cli/serve.js.
 */
import { execFileSync, spawn } from 'child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { removeLeftoverTemps } from '../../src/cli/atomicWrite';
import {
  defaultJobs,
  defaultLimits,
  Limits,
  runIsolated,
  startAhead,
  startChecking,
  Task,
  Work,
} from '../../src/cli/pool';

const SERVE = join(__dirname, '..', '..', 'dist', 'cli', 'serve.js');
let dir: string;

/** What the test worker answers: the task's name and the MB it held. */
interface Held {
  readonly path: string;
  readonly held: number;
}

type Result = { ok: Held } | { failed: string };

function work(script: string): Work<Task, Held, Result> {
  return {
    script,
    words: { zh: { doing: '测试', done: '测完' }, en: { doing: 'testing', done: 'tested' } },
    result: (answer) => ({ ok: answer }),
    failed: (_task, reason) => ({ failed: reason }),
  };
}

async function runAll(tasks: readonly Task[], limits: Limits): Promise<Result[]> {
  const out = new Array<Result>(tasks.length);
  await runIsolated(tasks, 'en', limits, work(join(dir, 'holder.js')), (i, r) => (out[i] = r));
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ziping-pool-'));
  // `big…` fills buffer memory (pages touched: resident) 16 MB at a time, up to 1.5 GB, until it
  // is stopped; every task then waits a little
  writeFileSync(
    join(dir, 'holder.js'),
    `const { serve } = require(${JSON.stringify(SERVE)});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
serve(async (task) => {
  const held = [];
  if (task.path.startsWith('big'))
    while (held.length < 96) {
      held.push(Buffer.alloc(16 * 1024 * 1024, 1));
      await sleep(10);
    }
  await sleep(300);
  return { path: task.path, held: held.length * 16 };
});
`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// one worker may use 16 MB of heap and as much again outside it: its share of the budget is 96 MB
const LIMITS: Limits = { jobs: 2, maxMemoryMb: 16, maxSizeMb: 1 };

test('a worker that outgrows the process budget outside its heap is stopped: too large', async () => {
  const [big] = await runAll([{ path: 'big.xlsx' }], { ...LIMITS, jobs: 1 });
  expect(big).toEqual({
    failed:
      'big.xlsx is too large: testing it needs more than the 16 MB of memory allowed (it may be damaged; see --max-memory)',
  });
});

test('two at once over the budget: each done again alone, only the one that needs the memory fails', async () => {
  const results = await runAll(
    [{ path: 'small.xlsx' }, { path: 'big.xlsx' }, { path: 'after.xlsx' }],
    LIMITS,
  );
  expect(results[0]).toEqual({ ok: { path: 'small.xlsx', held: 0 } });
  expect(results[1]).toEqual({
    failed: expect.stringMatching(/^big\.xlsx is too large: testing it needs more/),
  });
  expect(results[2]).toEqual({ ok: { path: 'after.xlsx', held: 0 } });
});

test('within the budget: every answer as the worker gave it', async () => {
  const results = await runAll([{ path: 'a.xlsx' }, { path: 'b.xlsx' }, { path: 'c.xlsx' }], LIMITS);
  expect(results).toEqual(['a.xlsx', 'b.xlsx', 'c.xlsx'].map((path) => ({ ok: { path, held: 0 } })));
});

test('memory a worker still holds from its previous file is not blamed on the next: that file is done again alone, in a fresh worker', async () => {
  // `keep…` leaves 96 MB behind in its worker (as garbage not yet collected, or a library's
  // cache would); `mid…` needs 80 MB: each fits the budget on its own, not both in one worker
  writeFileSync(
    join(dir, 'keeper.js'),
    `const { serve } = require(${JSON.stringify(SERVE)});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
serve(async (task) => {
  const held = [];
  const n = task.path.startsWith('keep') ? 6 : task.path.startsWith('mid') ? 5 : 0;
  for (let i = 0; i < n; i++) {
    held.push(Buffer.alloc(16 * 1024 * 1024, 1));
    await sleep(5);
  }
  if (task.path.startsWith('keep')) globalThis.kept = held;
  else await sleep(400);
  return { path: task.path, held: held.length * 16 };
});
`,
  );
  const out = new Array<Result>(3);
  const tasks = ['keep', 'mid', 'after'].map((path) => ({ path }));
  await runIsolated(
    tasks,
    'en',
    { ...LIMITS, jobs: 1 },
    work(join(dir, 'keeper.js')),
    (i, r) => (out[i] = r),
  );
  expect(out).toEqual([
    { ok: { path: 'keep', held: 96 } },
    { ok: { path: 'mid', held: 80 } },
    { ok: { path: 'after', held: 0 } },
  ]);
});

describe('a worker is sent its next file before it answers the one it is doing', () => {
  // `exit…` ends its worker, `throw…` fails it, `loop…` never ends, `slow…` takes 700 ms;
  // every answer says whether the worker was doing another file at the same time (`held: -1`)
  beforeAll(() =>
    writeFileSync(
      join(dir, 'tricky.js'),
      `const { serve } = require(${JSON.stringify(SERVE)});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let active = 0;
serve(async (task) => {
  const overlap = ++active > 1;
  if (task.path.startsWith('exit')) process.exit(3);
  if (task.path.startsWith('throw')) throw new Error('boom');
  if (task.path.startsWith('loop')) for (;;);
  await sleep(task.path.startsWith('slow') ? 700 : 2);
  active--;
  return { path: task.path, held: overlap ? -1 : 0 };
});
`,
    ),
  );

  const runTricky = async (paths: string[], limits: Limits): Promise<Result[]> => {
    const out = new Array<Result>(paths.length);
    const tasks = paths.map((path) => ({ path }));
    await runIsolated(tasks, 'en', limits, work(join(dir, 'tricky.js')), (i, r) => (out[i] = r));
    return out;
  };
  const ok = (path: string): Result => ({ ok: { path, held: 0 } });

  test.each([1, 2])(
    'with %i worker(s): a file that ends, fails or hangs its worker is named; every other file is done, one at a time',
    async (jobs) => {
      // enough files for several to wait in each worker
      const paths = ['a', 'b', 'exit', 'c', 'd', 'throw', 'e', 'f', 'loop', ...'ghijklmnopqrstuvwxyz'];
      const results = await runTricky(paths, { jobs, maxMemoryMb: 64, maxSizeMb: 1, timeoutS: 1 });
      expect(results).toEqual(
        paths.map((p) =>
          p === 'exit'
            ? { failed: 'testing exit failed (exit 3)' }
            : p === 'throw'
              ? { failed: 'testing throw failed (boom)' }
              : p === 'loop'
                ? { failed: 'loop took too long: not tested within 1 s (it may be damaged; see --timeout)' }
                : ok(p),
        ),
      );
    },
  );

  test('the deadline counts from when the worker starts the file, not from when it was sent', async () => {
    // each slow file takes 0.7 s of a 1 s deadline: the second waits 0.7 s behind the first
    const paths = ['slow1', 'slow2', 'slow3', ...'abcdefghijkl'];
    const results = await runTricky(paths, { jobs: 1, maxMemoryMb: 64, maxSizeMb: 1, timeoutS: 1 });
    expect(results).toEqual(paths.map(ok));
  });
});

test('a worker stuck before its first file is stopped at the deadline (twice over at most): the run never hangs', async () => {
  writeFileSync(join(dir, 'stuck.js'), 'for (;;);\n');
  const out: Result[] = [];
  const limits: Limits = { jobs: 1, maxMemoryMb: 64, maxSizeMb: 1, timeoutS: 0.3 };
  await runIsolated(
    [{ path: 'a' }, { path: 'b' }],
    'en',
    limits,
    work(join(dir, 'stuck.js')),
    (i, r) => (out[i] = r),
  );
  expect(out).toEqual(
    ['a', 'b'].map((p) => ({
      failed: `${p} took too long: not tested within 0.3 s (it may be damaged; see --timeout)`,
    })),
  );
});

test('interrupted (SIGINT): every worker is ended, and what they had half written is removed before the process ends', async () => {
  const out = mkdtempSync(join(dir, 'out-'));
  // the worker starts a write as writeFileAtomic does (a hidden temporary file beside the
  // target) and never finishes it; a temporary file of another name is not the run's
  writeFileSync(
    join(dir, 'writer.js'),
    `const { serve } = require(${JSON.stringify(SERVE)});
const { writeFileSync } = require('fs');
const { basename, dirname, join } = require('path');
serve(async (task) => {
  writeFileSync(join(dirname(task.path), '.' + basename(task.path) + '.0123456789ab.tmp'), 'half');
  for (;;);
});
`,
  );
  const dist = join(__dirname, '..', '..', 'dist', 'cli');
  writeFileSync(
    join(dir, 'interrupted.js'),
    `const { runIsolated } = require(${JSON.stringify(join(dist, 'pool.js'))});
const { removeLeftoverTemps } = require(${JSON.stringify(join(dist, 'atomicWrite.js'))});
const tasks = ['a.xlsx', 'b.xlsx'].map((n) => ({ path: require('path').join(${JSON.stringify(out)}, n) }));
const work = {
  script: ${JSON.stringify(join(dir, 'writer.js'))},
  words: { zh: { doing: 't', done: 't' }, en: { doing: 't', done: 't' } },
  result: (a) => a,
  failed: (_t, r) => r,
  leftovers: (ts) => removeLeftoverTemps(ts.map((t) => t.path)),
};
runIsolated(tasks, 'en', { jobs: 2, maxMemoryMb: 64, maxSizeMb: 1, timeoutS: 60 }, work, () => {});
`,
  );
  writeFileSync(join(out, '.other.xlsx.0123456789ab.tmp'), 'not ours');
  const child = spawn(process.execPath, [join(dir, 'interrupted.js')], { stdio: 'ignore' });
  const ended = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  const temps = () =>
    readdirSync(out)
      .filter((n) => n.endsWith('.tmp'))
      .sort();
  // both workers are in the middle of their writes
  for (let i = 0; i < 100 && temps().length < 3; i++) await new Promise((r) => setTimeout(r, 50));
  expect(temps()).toHaveLength(3);
  child.kill('SIGINT');
  expect(await ended).toBe('SIGINT');
  expect(temps()).toEqual(['.other.xlsx.0123456789ab.tmp']);
});

test('a worker stopped half way through a write (over its deadline) leaves no temporary file once the run is done', async () => {
  const out = mkdtempSync(join(dir, 'stopped-'));
  writeFileSync(
    join(dir, 'slowwriter.js'),
    `const { serve } = require(${JSON.stringify(SERVE)});
const { writeFileSync } = require('fs');
const { basename, dirname, join } = require('path');
serve(async (task) => {
  const temp = join(dirname(task.path), '.' + basename(task.path) + '.0123456789ab.tmp');
  writeFileSync(temp, 'half');
  if (basename(task.path).startsWith('loop')) for (;;);
  require('fs').renameSync(temp, task.path);
  return { path: basename(task.path), held: 0 };
});
`,
  );
  const names = ['a.xlsx', 'loop.xlsx', 'b.xlsx'];
  const results = new Array<Result>(names.length);
  const w: Work<Task, Held, Result> = {
    ...work(join(dir, 'slowwriter.js')),
    leftovers: (tasks) => removeLeftoverTemps(tasks.map((t) => t.path)),
  };
  const limits: Limits = { jobs: 1, maxMemoryMb: 64, maxSizeMb: 1, timeoutS: 0.3 };
  await runIsolated(
    names.map((n) => ({ path: join(out, n) })),
    'en',
    limits,
    w,
    (i, r) => (results[i] = r),
  );
  expect(results.map((r) => ('ok' in r ? r.ok.path : 'failed'))).toEqual(['a.xlsx', 'failed', 'b.xlsx']);
  expect(readdirSync(out).sort()).toEqual(['a.xlsx', 'b.xlsx']);
});

describe('how many workers by default', () => {
  test.each([
    [1, 1, 1],
    [2, 1, 2],
    [3, 2, 3],
    [4, 3, 4],
    [8, 4, 4],
    [64, 4, 4],
  ])('%i cores: check %i, review %i', (cores, check, review) => {
    expect(defaultJobs('check', cores)).toBe(check);
    expect(defaultJobs('review', cores)).toBe(review);
  });

  test('--jobs given is kept as given; unset, it is the kind of work that decides', () => {
    expect(defaultLimits({ jobs: 3 }, 'check').jobs).toBe(3);
    expect(defaultLimits({}, 'check').jobs).toBe(defaultJobs('check'));
    expect(defaultLimits({}, 'review').jobs).toBe(defaultJobs('review'));
  });
});

describe("check's first worker, started as the process begins", () => {
  test('is used by the check when it fits, topped up to the workers the paths need', () => {
    const ahead = startAhead(['a.xlsx', '--json']);
    expect(ahead?.waiting).toBe(1);
    const files = [join(dir, 'holder.js'), join(dir, 'holder.js')];
    const started = startChecking(files, defaultLimits({ jobs: 2 }), ahead);
    try {
      expect(started).toBe(ahead);
      expect(started.waiting).toBe(2);
    } finally {
      started.close();
    }
    expect(started.waiting).toBe(0);
  });

  test("is ended, and others started, when the check's limits differ from the defaults", () => {
    const ahead = startAhead(['a.xlsx']) as NonNullable<ReturnType<typeof startAhead>>;
    const started = startChecking([join(dir, 'holder.js')], defaultLimits({ maxMemoryMb: 512 }), ahead);
    try {
      expect(started).not.toBe(ahead);
      expect(ahead.waiting).toBe(0);
      expect([started.waiting, started.limits.maxMemoryMb]).toEqual([1, 512]);
    } finally {
      started.close();
    }
  });

  test('is started by a module that loads none of the project but itself (the entry loads it first)', () => {
    const workers = join(__dirname, '..', '..', 'dist', 'cli', 'workers.js');
    const code = `require(${JSON.stringify(workers)});process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' })) as string[];
    expect(loaded).toEqual([workers]);
  });

  test("is not started when --max-memory is given: the check's workers would differ", () => {
    expect(startAhead(['--max-memory', '512', 'a.xlsx'])).toBeUndefined();
    expect(startAhead(['--max-memory=512', 'a.xlsx'])).toBeUndefined();
  });
});

describe("a worker's first file, read by the pool while the worker starts", () => {
  test('reaches the worker as its content (the worker reads no file); the files after it the worker reads', async () => {
    // the worker answers the length of the content it was given (-1: none), and what the file holds
    writeFileSync(
      join(dir, 'given.js'),
      `const { serve } = require(${JSON.stringify(SERVE)});
const { readFileSync } = require('fs');
serve(async (task, lang, bytes) => ({
  path: task.path,
  held: bytes ? bytes.length : -1,
  same: bytes ? Buffer.from(bytes).equals(readFileSync(task.path)) : undefined,
}));
`,
    );
    const files = [0, 1, 2].map((i) => {
      const path = join(dir, `given-${i}.xlsx`);
      writeFileSync(path, Buffer.alloc(1000 + i, 65 + i));
      return path;
    });
    const out: unknown[] = [];
    await runIsolated(
      files.map((path) => ({ path })),
      'en',
      { ...LIMITS, jobs: 1 },
      { ...work(join(dir, 'given.js')), prefetch: true },
      (i, r) => (out[i] = r),
    );
    expect(out[0]).toEqual({ ok: { path: files[0], held: 1000, same: true } });
    expect(out.slice(1)).toEqual(files.slice(1).map((path) => ({ ok: { path, held: -1 } })));
  });

  test('without prefetch, the worker is given no content', async () => {
    const path = join(dir, 'given-0.xlsx');
    const [r] = await new Promise<unknown[]>((resolve) => {
      const out: unknown[] = [];
      void runIsolated([{ path }], 'en', { ...LIMITS, jobs: 1 }, work(join(dir, 'given.js')), (i, x) => {
        out[i] = x;
      }).then(() => resolve(out));
    });
    expect(r).toEqual({ ok: { path, held: -1 } });
  });
});
