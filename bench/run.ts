/**
 * npm run bench, every figure a whole process as a person runs it:
 * - start-up: `ziping --help` and `ziping check` of one form (node bin/ziping.js, and npx);
 * - `ziping review` of 1,000 one-form workbooks in 10 folders: the time per file, against
 *   `ziping check` of the same folder (separate table, reviewBench);
 * - a workbook of 1,000 stacked Putuo forms (about 31,000 rows and 20,000 merged areas) and
 *   one of 100: `ziping check FILE --json` against a Node process that only reads the file
 *   with SheetJS, measured alternately in the same run;
 * - adversarial cell text at 1 MB (bench/text.ts, its own table).
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from '@e965/xlsx';
import { seedSheet, SheetSpec } from '../test/fixtures/seed';
import { isCellError } from '../src/engine/grid';
import { benchText } from './text';

function writeWorkbook(path: string, spec: SheetSpec): void {
  const ws: XLSX.WorkSheet = {};
  let maxR = 0;
  let maxC = 0;
  spec.cells.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!cell) return;
      const v = cell.value;
      const ref = XLSX.utils.encode_cell({ r: r - 1, c: c - 1 });
      if (typeof v === 'number') ws[ref] = { t: 'n', v, z: cell.format };
      else if (typeof v === 'string') ws[ref] = { t: 's', v };
      else if (typeof v === 'boolean') ws[ref] = { t: 'b', v };
      else if (isCellError(v)) ws[ref] = { t: 'e', v: 0x07 };
      maxR = Math.max(maxR, r - 1);
      maxC = Math.max(maxC, c - 1);
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
  ws['!merges'] = spec.merges.map((m) => ({
    s: { r: m.top - 1, c: m.left - 1 },
    e: { r: m.bottom - 1, c: m.right - 1 },
  }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  XLSX.writeFile(wb, path);
}

function stacked(forms: number): SheetSpec {
  const placements = [];
  let row = 1;
  for (let i = 0; i < forms; i++) {
    placements.push({ form: i % 3, row, col: 1 });
    row += [38, 28, 26][i % 3] + 1;
  }
  return seedSheet('Sheet1', placements);
}

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ziping.js');

/** Runs a command to completion; returns its stdout, failing loudly on an unexpected exit code. */
function run(cmd: string, args: readonly string[], codes: readonly number[] = [0, 1]): string {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status === null || !codes.includes(r.status))
    throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const dir = process.env.KEEP ? '/tmp/bench' : mkdtempSync(join(tmpdir(), 'ziping-bench-'));
const results: Array<{ forms: number; read: number; check: number }> = [];

function startUp(): void {
  const oneForm = join('examples', 'batch', '普陀区金融服务中心', '金融服务费用.xlsx');
  const cases: Array<[string, string, string[], number]> = [
    ['ziping --help', process.execPath, [BIN, '--help'], 9],
    ['ziping check (one form)', process.execPath, [BIN, 'check', oneForm, '--json'], 9],
    ['npx ziping --help', 'npx', ['--no-install', 'ziping', '--help'], 5],
  ];
  console.log('start-up (whole processes, median):');
  for (const [label, cmd, args, runs] of cases) {
    run(cmd, args);
    const ms = median(Array.from({ length: runs }, () => time(() => run(cmd, args))));
    console.log(`  ${label.padEnd(26)} ${ms.toFixed(0).padStart(5)} ms`);
  }
}

/**
 * `ziping review DIR --out OUT` over 1,000 one-form workbooks (the batch examples, copied into
 * 10 folders of 100), whole processes, against `ziping check DIR --json` of the same folder.
 */
function reviewBench(files = 1000, runs = 3): void {
  const src = join(ROOT, 'examples', 'batch');
  const forms: string[] = [];
  const walk = (d: string) =>
    readdirSync(d, { withFileTypes: true }).forEach((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.xlsx') && forms.push(join(d, e.name)),
    );
  walk(src);
  const inDir = join(dir, 'review-in');
  for (let i = 0; i < files; i++) {
    const sub = join(inDir, `unit-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    copyFileSync(forms[i % forms.length], join(sub, `form-${String(i).padStart(4, '0')}.xlsx`));
  }
  const outDir = join(dir, 'review-out');
  const review = () => run(process.execPath, [BIN, 'review', inDir, '--out', outDir]);
  const check = () => run(process.execPath, [BIN, 'check', inDir, '--json']);
  review();
  const r: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(outDir, { recursive: true, force: true });
    r.push(time(review));
    c.push(time(check));
  }
  const copies = readdirSync(outDir, { recursive: true }).filter((n) => String(n).endsWith('.xlsx')).length;
  if (copies !== files + 1) throw new Error(`expected ${files} copies and the summary, found ${copies}`);
  const [rm, cm] = [median(r), median(c)];
  console.log(`ziping review of ${files} one-form files (whole processes, median of ${runs}):`);
  console.log(`  | command                  | total ms | ms per file |`);
  console.log(`  | ------------------------ | -------: | ----------: |`);
  console.log(
    `  | ziping check DIR --json  | ${cm.toFixed(0).padStart(8)} | ${(cm / files).toFixed(2).padStart(11)} |`,
  );
  console.log(
    `  | ziping review DIR --out  | ${rm.toFixed(0).padStart(8)} | ${(rm / files).toFixed(2).padStart(11)} |`,
  );
}

// BENCH=review runs only the review table
if (process.env.BENCH === 'review') {
  try {
    reviewBench();
  } finally {
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

try {
  startUp();
  for (const forms of [100, 1000]) {
    const spec = stacked(forms);
    const path = join(dir, `stacked-${forms}.xlsx`);
    writeWorkbook(path, spec);
    const rows = spec.cells.length - 1;
    const runs = forms >= 1000 ? 5 : 9;
    const read: number[] = [];
    const check: number[] = [];
    let found = 0;
    // whole processes: the command as a reviewer runs it, and a process that only reads the file;
    // warm up both, then alternate so that neither gets the warmer machine
    const cli = () => run(process.execPath, [BIN, 'check', path, '--json']);
    const bare = () =>
      run(process.execPath, ['-e', `require('@e965/xlsx').readFile(${JSON.stringify(path)})`], [0]);
    bare();
    cli();
    for (let i = 0; i < runs; i++) {
      read.push(time(bare));
      let out = '';
      check.push(time(() => (out = cli())));
      found = (JSON.parse(out) as { files: Array<{ sheets: Array<{ forms: unknown[] }> }> }).files[0]
        .sheets[0].forms.length;
    }
    if (found !== forms) throw new Error(`expected ${forms} forms, found ${found}`);
    const r = { forms, read: median(read), check: median(check) };
    results.push(r);
    console.log(
      `${String(forms).padStart(5)} forms (${rows} rows, ${spec.merges.length} merged areas, ${(statSync(path).size / 1024).toFixed(0)} KiB): ` +
        `SheetJS read ${r.read.toFixed(0)} ms · ziping check ${r.check.toFixed(0)} ms · ratio ${(r.check / r.read).toFixed(2)}`,
    );
  }
  const [small, large] = results;
  console.log(
    `growth from 100 to 1,000 forms: ${(large.check / small.check).toFixed(1)}× (linear: 10×); per form ${(small.check / small.forms).toFixed(2)} ms → ${(large.check / large.forms).toFixed(2)} ms`,
  );
  reviewBench();
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}

// adversarial cell text (issue 10): its own table, after the figures above
void benchText();
