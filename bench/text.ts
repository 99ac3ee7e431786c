/**
 * The adversarial text patterns of issue 10 (test/fixtures/adversarial.ts) at 1 MB, each as a
 * whole process: a workbook holding a Shanghai and a national form whose every kind of cell
 * (fields, category, name, target, weight, score, remarks, note) holds 1 MB of the pattern,
 * checked by `ziping check FILE --json`, against the same forms with plain cells. Before the
 * readers were made linear, single cells of four of these took 24 s to 381 s.
 *
 * Run by `npm run bench`, or alone: `npx tsx bench/text.ts`.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ADVERSARIAL, hostileSheets, MB } from '../test/fixtures/adversarial';
import { writeXlsx } from '../test/fixtures/workbook';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ziping.js');

/** One `ziping check --json` as a process: its time, and the forms it read. */
function check(path: string): { ms: number; forms: number } {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'check', path, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`ziping check ${path}: exit ${r.status}\n${r.stderr}`);
  const report = JSON.parse(r.stdout) as { files: Array<{ sheets: Array<{ forms: unknown[] }> }> };
  return { ms, forms: report.files[0].sheets.reduce((n, s) => n + s.forms.length, 0) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A process that only reads the file with SheetJS: what reading alone costs. */
function bareRead(path: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', `require('@e965/xlsx').readFile(${JSON.stringify(path)})`], {
    cwd: ROOT,
  });
  if (r.status !== 0) throw new Error(`SheetJS read of ${path}: exit ${r.status}\n${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Prints one line per pattern: the whole-process time of checking its 1 MB cells, beside a
 * process that only reads the same file with SheetJS (one run each: a quadratic reader shows
 * as minutes, not as a few percent).
 */
export async function benchText(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ziping-bench-text-'));
  try {
    const plainPath = join(dir, 'plain.xlsx');
    await writeXlsx(plainPath, hostileSheets('文本'));
    check(plainPath);
    const plain = median([0, 1, 2].map(() => check(plainPath).ms));
    console.log('adversarial cell text, 1 MB in each of 20 cells of two forms (whole processes):');
    console.log(
      `  ${'pattern'.padEnd(34)} ${'SheetJS read'.padStart(12)} ${'ziping check --json'.padStart(20)}`,
    );
    console.log(
      `  ${'(the same forms, plain cells)'.padEnd(34)} ${''.padStart(12)} ${plain.toFixed(0).padStart(17)} ms`,
    );
    for (const [name, make] of Object.entries(ADVERSARIAL)) {
      const path = join(dir, 'hostile.xlsx');
      // ExcelJS, not SheetJS: SheetJS refuses to write a cell over 32,767 characters
      await writeXlsx(path, hostileSheets(make(MB)));
      const read = bareRead(path);
      const r = check(path);
      console.log(
        `  ${name.padEnd(34)} ${read.toFixed(0).padStart(9)} ms ${r.ms.toFixed(0).padStart(17)} ms  (${r.forms} forms, ${(statSync(path).size / 1024).toFixed(0)} KiB file)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module)
  benchText().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
