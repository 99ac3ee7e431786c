/** Runs the built command line (bin/ziping.js) as a reviewer runs it, with the test's own bound. */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { join } from 'path';

export const BIN = join(__dirname, '..', '..', 'bin', 'ziping.js');

/** One run, and its wall-clock time in milliseconds. */
export function ziping(
  args: readonly string[],
  input?: Buffer,
  timeout = 45_000,
): SpawnSyncReturns<string> & { ms: number } {
  const t0 = process.hrtime.bigint();
  // the test's own bound: a run that hangs fails here instead of stalling the suite
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout,
    maxBuffer: 256 << 20,
    ...(input ? { input } : {}),
  });
  return { ...r, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** No V8 crash, no signal, no stack trace: an exit code of its own. */
export function exitedCleanly(r: SpawnSyncReturns<string>): void {
  expect(r.error).toBeUndefined();
  expect(r.signal).toBeNull();
  expect(r.stdout + r.stderr).not.toMatch(/FATAL ERROR|heap out of memory|at .*\.js:\d+/);
}

/** Characters a terminal obeys or that reorder a line: C0 controls but tab and newline, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
export const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
