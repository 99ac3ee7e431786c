/**
 * `ziping review PATH... --out DIR [--lang zh|en]`: every workbook the paths name is checked;
 * DIR receives the summary workbook (汇总.xlsx / summary.xlsx) and an annotated copy of each
 * workbook at its relative path. The originals are never written; nothing is written outside DIR.
 */
import { existsSync, mkdirSync, readdirSync, realpathSync, statSync } from 'fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'path';
import { render } from '../../engine/messages';
import { exitCodeOf, FileReport, Finding } from '../../engine/report';
import { visibleText } from '../../engine/read/text';
import { writeFileAtomic } from '../atomicWrite';
import { expandInputs, Input } from '../paths';
import { defaultLimits } from '../pool';
import { progressBar, readOptions } from '../main';
import { USAGE } from '../usage';
import type { FileResult } from './result';
import { reviewIsolated, ReviewTask } from './pool';
import { FindingRow, SUMMARY_NAME, SummaryRow, summaryWorkbook } from './summary';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const MSG = {
  zh: {
    noOut: '请用 --out 给出输出文件夹',
    outIsFile: (p: string) => `--out ${p} 是文件，不是文件夹`,
    outInInput: (p: string, i: string) =>
      `--out ${p} 在输入文件夹 ${i} 之中且不是新的空文件夹：请换一个输出文件夹（原文件不会被改写）`,
    collides: (p: string) => `标注副本会覆盖原文件 ${p}：请换一个输出文件夹`,
    cannotWrite: (p: string, why: string) => `无法写入 ${p}：${why}`,
    outside: (p: string) => `${p} 经由链接指向输出文件夹之外，未写入：请换一个输出文件夹`,
    nothing: {
      'empty-folder': '文件夹中没有 .xlsx、.xlsm 或 .xls 工作簿',
      'no-match': '没有与通配符匹配的工作簿',
    },
    done: (n: number, forms: number, copies: number, summary: string) =>
      `共 ${n} 个文件、${forms} 张自评表；已写出 ${summary} 和 ${copies} 个标注副本`,
  },
  en: {
    noOut: 'give the output folder with --out',
    outIsFile: (p: string) => `--out ${p} is a file, not a folder`,
    outInInput: (p: string, i: string) =>
      `--out ${p} is inside the input folder ${i} and is not a new, empty folder: choose another output folder (the originals are never written)`,
    collides: (p: string) =>
      `an annotated copy would overwrite the original ${p}: choose another output folder`,
    cannotWrite: (p: string, why: string) => `cannot write ${p}: ${why}`,
    outside: (p: string) =>
      `${p} leads outside the output folder through a link; choose another output folder`,
    nothing: {
      'empty-folder': 'the folder holds no .xlsx, .xlsm or .xls workbook',
      'no-match': 'no workbook matches the wildcard',
    },
    done: (n: number, forms: number, copies: number, summary: string) =>
      `${n} file(s), ${forms} form(s); wrote ${summary} and ${copies} annotated cop${copies === 1 ? 'y' : 'ies'}`,
  },
};

/** The real path of a path that may not exist yet: its nearest existing ancestor's, plus the rest. */
function realish(path: string): string {
  const abs = resolve(path);
  const rest: string[] = [];
  let p = abs;
  for (;;) {
    try {
      return join(realpathSync(p), ...rest.reverse());
    } catch {
      const up = dirname(p);
      if (up === p) return abs;
      rest.push(basename(p));
      p = up;
    }
  }
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The folders the arguments search: folder arguments and the fixed start of each wildcard. */
function inputFolders(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    let isDir = false;
    try {
      isDir = statSync(a).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) out.push(realish(a));
    else if (/[*?]/.test(a)) {
      const segs = a.split(/[\\/]/);
      const fixed: string[] = [];
      for (const s of segs) {
        if (/[*?]/.test(s)) break;
        fixed.push(s);
      }
      out.push(realish(fixed.join(sep) || '.'));
    }
  }
  return out;
}

/** The folder every input is under: the copies keep their paths relative to it. */
function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return resolve('.');
  let common = dirname(resolve(paths[0])).split(sep);
  for (const p of paths.slice(1)) {
    const parts = dirname(resolve(p)).split(sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  // a root (`/`, `C:\`) keeps its separator; inputs on several drives share none
  if (common.length === 0) return '';
  return common.length === 1 ? common[0] + sep : common.join(sep);
}

/** A workbook's path under --out: relative to the common folder; on another drive, under its letter. */
function relativeTo(base: string, path: string): string {
  const abs = resolve(path);
  if (!base) return abs.replace(/^([A-Za-z]):[\\/]*/, '$1' + sep).replace(/^[\\/]+/, '');
  return relative(base, abs);
}

function isEmptyDir(path: string): boolean {
  try {
    return statSync(path).isDirectory() && readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

/** The `review` command. Returns the exit code. */
export async function reviewCommand(
  args: readonly string[],
  io: Io,
  /** Draws one progress line in place; given only when stderr is a terminal. */
  progress?: (line: string) => void,
): Promise<number> {
  const options = readOptions(args, io, {
    valued: { '--out': '--out 需要一个文件夹 / --out takes a folder' },
  });
  if (typeof options === 'number') return options;
  const { lang, limits, paths } = options;
  const out = options.own.get('--out') as string | undefined;
  const t = MSG[lang];
  if (!out) {
    io.err(`ziping: ${t.noOut}\n\n${USAGE}`);
    return 2;
  }
  if (existsSync(out) && !statSync(out).isDirectory()) {
    io.err(`ziping: ${t.outIsFile(out)}`);
    return 2;
  }
  const realOut = realish(out);
  const outIsNewOrEmpty = !existsSync(out) || isEmptyDir(out);
  for (const folder of inputFolders(paths)) {
    if (inside(realOut, folder) && !outIsNewOrEmpty) {
      io.err(`ziping: ${t.outInInput(out, folder)}`);
      return 2;
    }
  }
  const inputs: Input[] = expandInputs(paths);
  const workbooks = inputs.filter((i) => !i.problem).map((i) => i.path);
  const base = commonFolder(workbooks);
  const targets = new Map<string, string>();
  const realInputs = new Set(workbooks.map(realish));
  for (const p of workbooks) {
    const rel = relativeTo(base, p);
    const target = join(out, rel);
    if (realInputs.has(realish(target))) {
      io.err(`ziping: ${t.collides(p)}`);
      return 2;
    }
    // a link inside DIR that leads out of it is not followed
    if (!inside(realish(target), realOut)) {
      io.err(`ziping: ${t.outside(target)}`);
      return 2;
    }
    targets.set(p, target);
  }
  const summaryPath = join(out, SUMMARY_NAME[lang]);
  if (realInputs.has(realish(summaryPath))) {
    io.err(`ziping: ${t.collides(summaryPath)}`);
    return 2;
  }
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    io.err(`ziping: ${t.cannotWrite(out, String((e as Error).message ?? e).split('\n')[0])}`);
    return 2;
  }

  const files: FileReport[] = [];
  const rows: SummaryRow[] = [];
  const findings: FindingRow[] = [];
  const grades = new Map<string, number>();
  const bandOrder: string[] = [];
  let copies = 0;
  let forms = 0;
  const tasks: ReviewTask[] = workbooks.map((path) => ({
    path,
    rel: relativeTo(base, path),
    target: targets.get(path) as string,
  }));
  const done = new Map<string, FileResult>();
  const bar = progress ? progressBar(progress, lang) : undefined;
  let finished = 0;
  const results = await reviewIsolated(tasks, lang, defaultLimits(limits, 'review'), () =>
    bar?.update(++finished, tasks.length),
  );
  bar?.clear();
  results.forEach((r, i) => done.set(tasks[i].path, r));
  for (const input of inputs) {
    if (input.problem) {
      const message = render(
        { key: 'unreadable', params: { reason: `${input.path}: ${t.nothing[input.problem]}` } },
        lang,
      );
      files.push({ path: input.path, error: { code: 'unreadable', message }, sheets: [] });
      rows.push({ file: input.path, errors: 0, warnings: 0, infos: 0, firstError: message, failed: true });
      continue;
    }
    const r = done.get(input.path) as FileResult;
    files.push(r.report);
    rows.push(...r.rows);
    findings.push(...r.findings);
    for (const b of r.bands) if (!bandOrder.includes(b)) bandOrder.push(b);
    for (const g of r.grades) grades.set(g, (grades.get(g) ?? 0) + 1);
    forms += r.grades.length;
    if (r.copied) copies++;
    const worst = r.report.error
      ? '✗'
      : r.rows.some((x) => x.errors > 0)
        ? '✗'
        : r.rows.some((x) => x.warnings > 0)
          ? '!'
          : '✓';
    io.out(visibleText(`${worst} ${input.path}${r.report.error ? `  ${r.report.error.message}` : ''}`));
  }
  const gradeRows: Array<[string, number]> = [
    ...bandOrder.map((g): [string, number] => [g, grades.get(g) ?? 0]),
    ...[...grades].filter(([g]) => !bandOrder.includes(g)),
  ];
  const ruleCounts = new Map<string, { severity: Finding['severity']; n: number }>();
  for (const f of findings) {
    const c = ruleCounts.get(f.rule) ?? { severity: f.severity, n: 0 };
    c.n++;
    ruleCounts.set(f.rule, c);
  }
  const ruleRows = [...ruleCounts]
    .sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))
    .map(([rule, c]) => [rule, c.severity, c.n] as const);
  try {
    writeFileAtomic(
      summaryPath,
      summaryWorkbook({ lang, rows, findings, grades: gradeRows, rules: ruleRows }),
      {
        overwrite: true,
        lang,
      },
    );
  } catch (e) {
    io.err(`ziping: ${t.cannotWrite(summaryPath, String((e as Error).message ?? e).split('\n')[0])}`);
    return 2;
  }
  io.out(visibleText(t.done(inputs.length, forms, copies, summaryPath)));
  return exitCodeOf({ version: 1, files });
}
