/**
 * npm run bench, every figure a whole process as a person runs it:
 * - start-up: `ziping --help` and `ziping check` of one form (node bin/ziping.js, and npx);
 * - workbooks of 100, 1,000 and 10,000 stacked Putuo forms (1,000: about 31,000 rows and 20,000
 *   merged areas): `ziping check FILE --json` against a Node process that only reads the file
 *   with SheetJS, measured alternately in the same run, with each process's peak memory;
 * - a folder of 1,000 one-form workbooks: `ziping check DIR --json` against one Node process
 *   that reads them all with SheetJS;
 * - then the goals of issue 11, met or not;
 * - `ziping review` of 1,000 one-form workbooks in 10 folders: the time per file, against
 *   `ziping check` of the same folder (reviewBench; BENCH=review runs only this table);
 * - adversarial cell text at 1 MB (bench/text.ts, its own table).
 * ZIPING_BIN=path/to/bin/ziping.js times another build (e.g. an older checkout) the same way.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { availableParallelism, loadavg, tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from '@e965/xlsx';
import { seedSheet, SheetSpec } from '../test/fixtures/seed';
import { isCellError } from '../src/engine/grid';

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
const BIN = process.env.ZIPING_BIN ?? join(ROOT, 'bin', 'ziping.js');

interface Run {
  stdout: string;
  /** Wall time, ms. */
  ms: number;
  /** Peak resident memory of the process, KiB (0 when not measured). */
  rss: number;
}

/**
 * Runs a command to completion, failing loudly on an unexpected exit code. The time ends when
 * the process has ended and its output has been read, as bytes: turning 12 MB of `--json` into
 * a JavaScript string is the bench's own work (30–40 ms), and was counted as ziping's.
 */
function run(cmd: string, args: readonly string[], codes: readonly number[] = [0, 1]): Run {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const stderr = r.stderr.toString('utf8');
  if (r.status === null || !codes.includes(r.status))
    throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${stderr}`);
  const m = /MAXRSS (\d+)/.exec(stderr);
  return { stdout: r.stdout.toString('utf8'), ms, rss: m ? Number(m[1]) : 0 };
}

/**
 * `node -e` code that runs `body` and prints the process's peak memory on exit: Linux's VmHWM,
 * the peak of the process's own memory. Not getrusage's maxRSS, which a process started by
 * `spawnSync` inherits from the bench (its fork's size before `exec`): a child smaller than
 * the bench, such as `ziping check` of a folder (about 100 MB), reported the bench's own 200 MB
 * or more. maxRSS where there is no /proc.
 */
function measured(body: string): string[] {
  return [
    '-e',
    `process.on('exit',()=>{let k=process.resourceUsage().maxRSS;try{k=+/VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'))[1]}catch{}process.stderr.write('\\nMAXRSS '+k+'\\n')});${body}`,
  ];
}

/** `ziping ARGS` as a measured process. */
function ziping(args: readonly string[]): string[] {
  return measured(
    `process.argv=[process.argv[0],${JSON.stringify(BIN)},...${JSON.stringify(args)}];require(${JSON.stringify(BIN)})`,
  );
}

/** One process that reads the files with SheetJS's readFile and does nothing else. */
function sheetjs(paths: readonly string[]): string[] {
  return measured(`const X=require('@e965/xlsx');for(const p of ${JSON.stringify(paths)})X.readFile(p)`);
}

/**
 * Says whether the workers will start from their bundle with its code cache (boot.ts): a module
 * of dist/ rebuilt or touched since `npm run build:cli` makes them load module by module, about
 * 30 ms later, and the figures would not be this build's.
 */
function bundleInUse(): void {
  const script = join(ROOT, 'dist', 'cli', 'worker.js');
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'flags.js'))}).useV8Flags();` +
        `const l=require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'boot.js'))}).loadBundle(${JSON.stringify(script)});` +
        `process.stdout.write(l?(l.cached?'cached':'uncached'):'none')`,
    ],
    { encoding: 'utf8' },
  ).stdout;
  if (probe === 'cached') console.log('workers: the bundle and its code cache are current');
  else
    console.log(
      `WARNING: the workers' bundle is ${probe === 'none' ? 'not current' : 'current, but V8 refuses its cache'}: ` +
        'run `npm run build:cli` first: these figures would not measure this build',
    );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const dir = process.env.KEEP ? '/tmp/bench' : mkdtempSync(join(tmpdir(), 'ziping-bench-'));
mkdirSync(dir, { recursive: true });

interface Pair {
  label: string;
  read: number;
  check: number;
  readRss: number;
  checkRss: number;
}

/** Alternates the bare read and the check, after a warm-up of each; medians of `runs`. */
function pair(
  label: string,
  bare: string[],
  cli: string[],
  runs: number,
  verify: (out: string) => void,
): Pair {
  run(process.execPath, bare, [0]);
  verify(run(process.execPath, cli).stdout);
  const read: Run[] = [];
  const check: Run[] = [];
  for (let i = 0; i < runs; i++) {
    read.push(run(process.execPath, bare, [0]));
    check.push(run(process.execPath, cli));
  }
  return {
    label,
    read: median(read.map((r) => r.ms)),
    check: median(check.map((r) => r.ms)),
    readRss: Math.max(...read.map((r) => r.rss)),
    checkRss: Math.max(...check.map((r) => r.rss)),
  };
}

function show(p: Pair): void {
  console.log(
    `${p.label}: SheetJS read ${p.read.toFixed(0)} ms, ${(p.readRss / 1024).toFixed(0)} MiB · ` +
      `ziping check ${p.check.toFixed(0)} ms, ${(p.checkRss / 1024).toFixed(0)} MiB · ` +
      `time ${(p.check / p.read).toFixed(2)}× · memory ${(p.checkRss / p.readRss).toFixed(2)}×`,
  );
}

function formsIn(out: string): number {
  const report = JSON.parse(out) as { files: Array<{ sheets: Array<{ forms: unknown[] }> }> };
  return report.files.reduce((n, f) => n + f.sheets.reduce((m, s) => m + s.forms.length, 0), 0);
}

function startUp(): void {
  const oneForm = join('examples', 'batch', '普陀区金融服务中心', '金融服务费用.xlsx');
  const cases: Array<[string, string, string[], number]> = [
    ['node -e 0 (Node alone)', process.execPath, ['-e', '0'], 9],
    ['ziping --help', process.execPath, [BIN, '--help'], 9],
    ['ziping check (one form)', process.execPath, [BIN, 'check', oneForm, '--json'], 9],
    ['npx ziping --help', 'npx', ['--no-install', 'ziping', '--help'], 5],
  ];
  console.log('start-up (whole processes, median):');
  // a process-wide cost that neither side of a pair below controls: Node reads the file named
  // there and parses every certificate in it before any script runs (41 ms of a bare `node -e 0`
  // where it names Debian's bundle), and both the SheetJS process and ziping's pay it
  if (process.env.NODE_EXTRA_CA_CERTS)
    console.log(
      `  note: NODE_EXTRA_CA_CERTS is set (${process.env.NODE_EXTRA_CA_CERTS}); every Node process here parses it as it starts, both sides of every pair below included`,
    );
  for (const [label, cmd, args, runs] of cases) {
    run(cmd, args);
    const ms = median(Array.from({ length: runs }, () => run(cmd, args).ms));
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
    r.push(review().ms);
    c.push(check().ms);
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
  // the machine's load as the run starts: figures from a busy machine are not comparable
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} on ${availableParallelism()} cores`,
  );
  if (!process.env.ZIPING_BIN) {
    bundleInUse();
    startUp();
  }
  const stackedRuns: Record<number, Pair> = {};
  const sizes = (process.env.BENCH_FORMS ?? '100,1000,10000').split(',').map(Number);
  for (const forms of sizes) {
    const spec = stacked(forms);
    const path = join(dir, `stacked-${forms}.xlsx`);
    writeWorkbook(path, spec);
    const rows = spec.cells.length - 1;
    // 9 below 10,000 forms: with 5, one slow run moved the 1,000 forms' ratio from 0.57 to 0.73
    // between two runs of the bench ten minutes apart on this 2-core machine
    const runs = forms >= 10000 ? 3 : 9;
    const p = pair(
      `${String(forms).padStart(5)} forms (${rows} rows, ${spec.merges.length} merged areas, ${(statSync(path).size / 1024).toFixed(0)} KiB)`,
      sheetjs([path]),
      ziping(['check', path, '--json']),
      runs,
      (out) => {
        if (formsIn(out) !== forms) throw new Error(`expected ${forms} forms, found ${formsIn(out)}`);
      },
    );
    stackedRuns[forms] = p;
    show(p);
  }

  // a folder of one-form workbooks, as a reviewer receives them
  const files = Number(process.env.BENCH_FILES ?? 1000);
  const folder = join(dir, 'submissions');
  const one = join(dir, 'one-form.xlsx');
  writeWorkbook(one, stacked(1));
  const paths: string[] = [];
  for (let i = 0; i < files; i++) {
    const sub = join(folder, `unit-${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    const p = join(sub, `project-${i}.xlsx`);
    copyFileSync(one, p);
    paths.push(p);
  }
  const folderRun = pair(
    `${files} one-form files`,
    sheetjs(paths),
    ziping(['check', folder, '--json']),
    // more runs than the stacked pairs: each takes about 1 s, and one slow run of 5 moved the
    // median by several hundredths on this 2-core machine
    9,
    (out) => {
      if (formsIn(out) !== files) throw new Error(`expected ${files} forms, found ${formsIn(out)}`);
    },
  );
  show(folderRun);

  // the goals of issue 11
  const goals: Array<[string, number, number | undefined]> = [
    ['check of 1,000 stacked forms ÷ SheetJS read (time)', 0.7, ratio(stackedRuns[1000], 'check')],
    ['check of 10,000 stacked forms ÷ SheetJS read (time)', 0.7, ratio(stackedRuns[10000], 'check')],
    ['check of 10,000 stacked forms ÷ SheetJS read (memory)', 1.5, ratio(stackedRuns[10000], 'checkRss')],
    [
      `check DIR of ${files} one-form files ÷ SheetJS reading them all (time)`,
      0.5,
      ratio(folderRun, 'check'),
    ],
  ];
  console.log('\ngoals (issue 11):');
  for (const [label, goal, got] of goals) {
    const verdict = got === undefined ? 'not run' : got <= goal ? 'met' : 'NOT met';
    console.log(
      `  ${label.padEnd(72)} ≤ ${goal.toFixed(2)}  ${got === undefined ? '—' : got.toFixed(2)}  ${verdict}`,
    );
  }
  reviewBench();
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}

function ratio(p: Pair | undefined, what: 'check' | 'checkRss'): number | undefined {
  if (!p) return undefined;
  return what === 'check' ? p.check / p.read : p.checkRss / p.readRss;
}
