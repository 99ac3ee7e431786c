import { FileReport, Finding, FormReport, Report } from '../engine/report';
import { Lang } from '../engine/messages';
import { existsSync } from 'fs';
import { Family } from '../engine/layout/model';
import { unreadableReport } from './unreadable';
import { CheckedFile } from './checked';
import { expandInputs, Input } from './paths';
import {
  checkIsolated,
  defaultLimits,
  Limits,
  startChecking,
  StartedWorkers,
  Task,
  workerScript,
} from './pool';
import { readStdin, STDIN, StdinCopy } from './stdin';
import type { AtomicWriteOptions } from './atomicWrite';
import type { Template } from '../engine/templates';
import { templateUsage, USAGE } from './usage';
import { visibleText } from '../engine/read/text';
import { figureText, recomputedShown } from '../engine/shown';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Raw text (no newline added), for output streamed as it is known; without it, `out` at the end. */
  write?(text: string): void;
  /** Raw bytes (UTF-8), for `--json` streamed as the workers made it; without it, `write`. */
  writeBytes?(bytes: Uint8Array): void;
}

const NOTHING: Record<NonNullable<Input['problem']>, Record<Lang, string>> = {
  'empty-folder': {
    zh: '文件夹中没有 .xlsx、.xlsm 或 .xls 工作簿',
    en: 'the folder holds no .xlsx, .xlsm or .xls workbook',
  },
  'no-match': { zh: '没有与通配符匹配的工作簿', en: 'no workbook matches the wildcard' },
};

/** What `check` may do beyond its arguments: read stdin, and draw progress on a terminal. */
export interface CheckEnv {
  /** The stream `-` reads (default: the process's stdin). */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Draws one progress line in place; given only when stderr is a terminal. */
  readonly progress?: (line: string) => void;
  /** Workers started ahead, as the process began (pool.ts, `startAhead`): used if they fit, else ended. */
  readonly started?: StartedWorkers;
}

/** What a run tells as it goes: the number of files, then each file in the order given. */
export interface CheckListener {
  /** Once, before any file: how many entries the report will have. */
  start?(total: number): void;
  /** Each entry, in input order, as soon as it and every one before it are known. */
  file(file: CheckedFile, index: number): void;
  /** After each file is known, in any order: for a progress bar. */
  progress?(done: number, total: number): void;
}

/**
 * Checks every workbook the arguments name (files, folders, wildcards, `-` for stdin), each once
 * and each in a bounded worker (pool.ts), and hands each entry to the listener in the order
 * given, as soon as it can: a run holds only the entries that wait for a slower one before them.
 */
export async function forEachChecked(
  args: readonly string[],
  lang: Lang,
  limits: Limits,
  env: CheckEnv,
  listener: CheckListener,
): Promise<void> {
  workerScript(); // not built: said before anything is written
  // the workers start (and load the reader and the engine) while the folders are searched
  const started = startChecking(args, limits, env.started);
  try {
    await checkInputs(args, lang, limits, env, listener, started);
  } finally {
    started.close();
  }
}

async function checkInputs(
  args: readonly string[],
  lang: Lang,
  limits: Limits,
  env: CheckEnv,
  listener: CheckListener,
  started: StartedWorkers,
): Promise<void> {
  const inputs = expandInputs(args);
  const total = inputs.length;
  listener.start?.(total);
  const waiting = new Map<number, CheckedFile>();
  let next = 0;
  let done = 0;
  const deliver = (k: number, file: CheckedFile) => {
    waiting.set(k, file);
    for (let f = waiting.get(next); f; f = waiting.get(next)) {
      waiting.delete(next);
      listener.file(f, next++);
    }
    listener.progress?.(++done, total);
  };
  let stdin: StdinCopy | undefined;
  try {
    const tasks: Task[] = [];
    const at: number[] = [];
    const refuse = (k: number, path: string, reason: string) =>
      deliver(k, CheckedFile.of(unreadableReport(path, reason, lang), 2));
    for (const [k, i] of inputs.entries()) {
      if (i.problem) refuse(k, i.path, `${i.path}: ${NOTHING[i.problem][lang]}`);
      else if (i.path === STDIN) {
        stdin = await readStdin(env.stdin ?? process.stdin, limits.maxSizeMb, lang);
        if ('problem' in stdin) refuse(k, STDIN, stdin.problem);
        else {
          at.push(k);
          tasks.push({ path: STDIN, file: stdin.file });
        }
      } else {
        at.push(k);
        tasks.push({ path: i.path });
      }
    }
    await checkIsolated(tasks, lang, limits, (t, file) => deliver(at[t], file), started);
  } finally {
    if (stdin && 'file' in stdin) stdin.remove();
  }
}

/**
 * Every entry of a run, in the order given (forEachChecked, kept): `reportOf` (checked.ts) gives
 * the report, `reportJson` its JSON text, `exitOf` the exit code.
 */
export async function checkPaths(
  args: readonly string[],
  lang: Lang,
  limits: Limits = defaultLimits(),
  env: CheckEnv = {},
): Promise<CheckedFile[]> {
  const files: CheckedFile[] = [];
  await forEachChecked(args, lang, limits, env, { file: (f) => files.push(f) });
  return files;
}

const SEVERITY: Record<Lang, Record<Finding['severity'], string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};
const MARK: Record<Finding['severity'], string> = { error: '✗', warning: '!', info: 'i' };

/** A stated figure, with its recomputed value only where a finding explains the difference. */
function pair(
  form: FormReport,
  figure: { cell?: string; stated?: string; computed?: string },
  lang: Lang,
  unit = '',
): string {
  const none = lang === 'zh' ? '（空）' : '(blank)';
  const s = figureText(figure.stated, unit) ?? none;
  const computed = recomputedShown(form, figure);
  if (computed === undefined) return s;
  const c = figureText(computed, unit);
  return lang === 'zh' ? `${s}（重算为 ${c}）` : `${s} (recomputed: ${c})`;
}

function formSummary(sheet: string, form: FormReport, lang: Lang): string[] {
  const project =
    form.fields.projectName?.value || (lang === 'zh' ? '（未填项目名称）' : '(no project name)');
  const lines = [`  ${sheet}!${form.range}  ${project}`];
  const total = pair(form, form.totalScore, lang);
  const grade = pair(form, form.grade, lang);
  const rate = pair(form, form.executionRate, lang, '%');
  lines.push(
    lang === 'zh'
      ? `    总分 ${total} · 绩效等级 ${grade} · 预算执行率 ${rate}`
      : `    total ${total} · grade ${grade} · execution rate ${rate}`,
  );
  if (form.executionScore) {
    const es = pair(form, form.executionScore, lang);
    lines.push(lang === 'zh' ? `    预算执行得分 ${es}` : `    execution score ${es}`);
  }
  const order: Finding['severity'][] = ['error', 'warning', 'info'];
  const sorted = [...form.findings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  for (const f of sorted) {
    lines.push(
      `    ${MARK[f.severity]} ${SEVERITY[lang][f.severity]} ${f.cells[0]}  ${f.message.replace(/\s*\n\s*/g, ' ')}  [${f.rule}]`,
    );
  }
  if (form.findings.length === 0) lines.push(lang === 'zh' ? '    ✓ 未发现问题' : '    ✓ no findings');
  return lines;
}

/** The grade a form ends with: the recomputed one, else the stated one. */
const gradeOf = (form: FormReport): string | undefined => form.grade.computed ?? form.grade.stated;

/** One line for one file: status, forms, grades, counts and the worst finding. */
function fileLine(file: FileReport, lang: Lang): string {
  const zh = lang === 'zh';
  if (file.error?.code === 'unreadable') return `✗ ${file.path}  ${file.error.message}`;
  const forms = file.sheets.flatMap((s) => s.forms.map((form) => ({ sheet: s.name, form })));
  if (forms.length === 0) return `✗ ${file.path}  ${file.error?.message ?? ''}`.trimEnd();
  const count = { error: 0, warning: 0, info: 0 };
  let worst: { sheet: string; finding: Finding } | undefined;
  const rank = (f: Finding) => ['error', 'warning', 'info'].indexOf(f.severity);
  for (const { sheet, form } of forms) {
    for (const finding of form.findings) {
      count[finding.severity]++;
      if (!worst || rank(finding) < rank(worst.finding)) worst = { sheet, finding };
    }
  }
  const grades = new Map<string, number>();
  for (const { form } of forms) {
    const g = gradeOf(form) ?? (zh ? '无等级' : 'no grade');
    grades.set(g, (grades.get(g) ?? 0) + 1);
  }
  const gradeText = [...grades]
    .map(([g, n]) => (forms.length === 1 ? g : `${g} ×${n}`))
    .join(zh ? '、' : ', ');
  const damaged = file.sheets.filter((s) => s.error);
  const mark = count.error > 0 || damaged.length > 0 ? MARK.error : count.warning > 0 ? MARK.warning : '✓';
  const parts = [
    zh ? `${forms.length} 张自评表` : `${forms.length} form(s)`,
    zh ? `等级 ${gradeText}` : `grade ${gradeText}`,
    zh
      ? `错误 ${count.error}，警告 ${count.warning}，提示 ${count.info}`
      : `${count.error} error(s), ${count.warning} warning(s), ${count.info} info`,
  ];
  if (damaged.length > 0)
    parts.push(
      zh
        ? `${damaged.length} 个工作表无法读取（${damaged[0].name}）`
        : `${damaged.length} sheet(s) unreadable (${damaged[0].name})`,
    );
  if (worst) {
    const f = worst.finding;
    parts.push(
      `${zh ? '首要：' : 'worst: '}${SEVERITY[lang][f.severity]} ${worst.sheet}!${f.cells[0]} [${f.rule}]`,
    );
  }
  return `${mark} ${file.path}  ${parts.join(' · ')}`;
}

export interface HumanOptions {
  /** Every form and finding of every file (default: only when the report has one file). */
  readonly details?: boolean;
}

/**
 * The report for a person, a file at a time: for one file (or with `details`) every form and
 * finding; for many, one line per file. `totals()` ends it. Every line goes through
 * `visibleText`: cell text, sheet and file names are shown, never obeyed by the terminal.
 */
export class HumanReport {
  private readonly count = { error: 0, warning: 0, info: 0 };
  private files = 0;
  private forms = 0;
  private unreadable = 0;
  private formless = 0;

  constructor(
    private readonly lang: Lang,
    private readonly details: boolean,
  ) {}

  /** The lines of one file. */
  file(file: FileReport): string[] {
    const lines: string[] = [];
    this.files++;
    if (file.error?.code === 'unreadable') this.unreadable++;
    else if (file.error) this.formless++;
    if (!this.details) lines.push(fileLine(file, this.lang));
    else lines.push(file.path);
    if (this.details && file.error) lines.push(`  ✗ ${file.error.message}`);
    for (const sheet of file.sheets) {
      if (this.details && sheet.error && !file.error) lines.push(`  ✗ ${sheet.error.message}`);
      for (const form of sheet.forms) {
        this.forms++;
        for (const f of form.findings) this.count[f.severity]++;
        if (this.details) lines.push(...formSummary(sheet.name, form, this.lang));
      }
    }
    return lines.map(visibleText);
  }

  /** The last line: files, forms and findings counted. */
  totals(): string {
    const { count, lang } = this;
    const zh = lang === 'zh';
    const bad = [
      this.unreadable ? (zh ? `${this.unreadable} 个无法读取` : `${this.unreadable} unreadable`) : '',
      this.formless ? (zh ? `${this.formless} 个没有自评表` : `${this.formless} without a form`) : '',
    ].filter(Boolean);
    const files = zh
      ? `共 ${this.files} 个文件${bad.length ? `（${bad.join('，')}）` : ''}`
      : `${this.files} file(s)${bad.length ? ` (${bad.join(', ')})` : ''}`;
    return zh
      ? `${files}、${this.forms} 张自评表：错误 ${count.error}，警告 ${count.warning}，提示 ${count.info}`
      : `${files}, ${this.forms} form(s): ${count.error} error(s), ${count.warning} warning(s), ${count.info} info`;
  }
}

/** The whole report for a person (HumanReport over every file). */
export function humanReport(report: Report, lang: Lang, options: HumanOptions = {}): string {
  const human = new HumanReport(lang, options.details ?? report.files.length === 1);
  const lines = report.files.flatMap((f) => human.file(f));
  lines.push(human.totals());
  return lines.join('\n');
}

const say = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** A positive number given to a flag, or undefined. */
function positive(v: string | undefined, integer: boolean): number | undefined {
  if (v === undefined || !/^\d+(\.\d+)?$/.test(v)) return undefined;
  const n = Number(v);
  return n > 0 && (!integer || Number.isInteger(n)) ? n : undefined;
}

const NUMERIC_FLAGS = {
  '--jobs': { key: 'jobs', integer: true },
  '--max-memory': { key: 'maxMemoryMb', integer: true },
  '--timeout': { key: 'timeoutS', integer: false },
  '--max-size': { key: 'maxSizeMb', integer: false },
} as const;
type NumericFlag = keyof typeof NUMERIC_FLAGS;
/** A flag of the limits (`--jobs`, `--max-memory`, `--timeout`, `--max-size`): check's and review's. */
export const isNumericFlag = (f: string): f is NumericFlag => f in NUMERIC_FLAGS;

/** The limit a flag sets to its value, or the message that refuses the value. */
export function limitOf(
  flag: NumericFlag,
  v: string | undefined,
): { key: (typeof NUMERIC_FLAGS)[NumericFlag]['key']; n: number } | { refused: string } {
  const { key, integer } = NUMERIC_FLAGS[flag];
  const n = positive(v, integer);
  if (n !== undefined) return { key, n };
  return {
    refused: `ziping: ${flag} 需要一个正${integer ? '整' : ''}数 / ${flag} takes a positive ${integer ? 'whole ' : ''}number (got ${v ?? 'nothing'})`,
  };
}

/** What `check` and `review` read from their arguments alike, and the command's own flags. */
export interface Options {
  readonly lang: Lang;
  readonly limits: { -readonly [K in keyof Limits]?: Limits[K] };
  /** Files, folders, wildcards, `-` for stdin; everything after `--`. */
  readonly paths: string[];
  /** The command's own flags that were given: a switch as `true`, a flag with a value as its value. */
  readonly own: Map<string, string | true>;
}

/**
 * Reads a command's arguments: paths, `--` (the end of the options), `--lang`, the limits' flags,
 * `--help`, and the command's own `switches` and `valued` flags (each with the message when its
 * value is missing). Returns the options, or the exit code once it has said why it stops.
 */
export function readOptions(
  args: readonly string[],
  io: Io,
  command: {
    readonly switches?: readonly string[];
    readonly valued?: Readonly<Record<string, string>>;
  },
): Options | number {
  let lang: Lang = 'zh';
  const limits: Options['limits'] = {};
  const paths: string[] = [];
  const own = new Map<string, string | true>();
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!options || a === '-' || !a.startsWith('-')) {
      paths.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = () => (eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i]);
    if (a === '--') options = false;
    else if (command.switches?.includes(a)) own.set(a, true);
    else if (command.valued && flag in command.valued) {
      const v = value();
      if (!v) {
        io.err(`ziping: ${command.valued[flag]}\n\n${USAGE}`);
        return 2;
      }
      own.set(flag, v);
    } else if (flag === '--lang') {
      const v = value();
      if (v !== 'zh' && v !== 'en') {
        io.err(`ziping: --lang 只接受 zh 或 en / --lang takes zh or en (got ${v ?? 'nothing'})`);
        return 2;
      }
      lang = v;
    } else if (isNumericFlag(flag)) {
      const limit = limitOf(flag, value());
      if ('refused' in limit) {
        io.err(limit.refused);
        return 2;
      }
      limits[limit.key] = limit.n;
    } else if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    } else {
      io.err(`ziping: 未知选项 / unknown option: ${visibleText(a)}\n\n${USAGE}`);
      return 2;
    }
  }
  if (paths.length === 0) {
    io.err(`ziping: 请给出至少一个文件或文件夹 / give at least one file or folder\n\n${USAGE}`);
    return 2;
  }
  return { lang, limits, paths, own };
}

/** A progress bar on a terminal, drawn only once the work has taken more than a moment. */
export function progressBar(draw: (line: string) => void, lang: Lang) {
  const started = Date.now();
  let shown = 0;
  let drawn = false;
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (now - started < 1000 || (now - shown < 100 && done < total)) return;
      shown = now;
      drawn = true;
      const width = 30;
      const full = Math.round((done / total) * width);
      const label = lang === 'zh' ? `已检查 ${done}/${total} 个文件` : `${done}/${total} files checked`;
      draw(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${label}`);
    },
    clear() {
      if (drawn) draw('\r\x1b[K');
      drawn = false;
    },
  };
}

/** `ziping check PATH... [options]`. Returns the exit code. */
async function checkCommand(rest: readonly string[], io: Io, env: CheckEnv): Promise<number> {
  const options = readOptions(rest, io, { switches: ['--json', '--details'] });
  if (typeof options === 'number') return options;
  const { lang, limits, paths: files } = options;
  const json = options.own.has('--json');
  const details = options.own.has('--details');
  const bar = env.progress && !json ? progressBar(env.progress, lang) : undefined;
  // streamed where the process can write raw text; collected and printed at the end otherwise
  const collected: string[] = [];
  const write = (text: string) => {
    bar?.clear();
    if (io.write) io.write(text);
    else collected.push(text);
  };
  let exit: 0 | 1 | 2 = 0;
  let human: HumanReport | undefined;
  try {
    await forEachChecked(files, lang, defaultLimits(limits), env, {
      start(total) {
        if (json) write('{"version":1,"files":[');
        else human = new HumanReport(lang, details || total === 1);
      },
      file(file, index) {
        if (file.exit > exit) exit = file.exit;
        // one line: reviewers pipe it into their scripts (`| jq .` to read it)
        if (json && io.writeBytes) {
          write(index > 0 ? ',' : '');
          io.writeBytes(file.bytes);
        } else if (json) write((index > 0 ? ',' : '') + file.json);
        else write((human as HumanReport).file(file.report).join('\n') + '\n');
      },
      progress: bar?.update,
    });
  } finally {
    bar?.clear();
  }
  write(json ? ']}\n' : `${visibleText((human as HumanReport).totals())}\n`);
  if (!io.write) io.out(collected.join('').replace(/\n$/, ''));
  return exit;
}

/** The command line: `check` (or help). Returns the exit code. */
export async function main(argv: readonly string[], io: Io, env: CheckEnv = {}): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command !== 'check') {
    io.err(command ? `ziping: 未知命令 / unknown command: ${visibleText(command)}\n\n${USAGE}` : USAGE);
    return 2;
  }
  return checkCommand(rest, io, env);
}

/** `ziping template [--family ID] [--force] [--lang zh|en] OUT.xlsx`, ID one of the registry's families. */
export async function templateCommand(
  args: readonly string[],
  io: Io,
  write?: (path: string, t: Template, options: AtomicWriteOptions) => Promise<void>,
): Promise<number> {
  // the families (and the engine behind them) are loaded only here: checking never pays for them
  const { DEFAULT_FAMILY, FAMILIES, FAMILY, FAMILY_IDS, isFamilyId } = await import('../engine/families');
  let family: Family = DEFAULT_FAMILY;
  let force = false;
  let lang: Lang = 'zh';
  const outs: string[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!options || !a.startsWith('--')) outs.push(a);
    else if (a === '--') options = false;
    else if (a === '--force') force = true;
    else if (a === '--help') {
      io.out(templateUsage(FAMILIES, DEFAULT_FAMILY));
      return 0;
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice('--lang='.length) : args[++i];
      if (v !== 'zh' && v !== 'en') {
        io.err(`ziping: --lang 只接受 zh 或 en / --lang takes zh or en (got ${v ?? 'nothing'})`);
        return 2;
      }
      lang = v;
    } else if (a === '--family' || a.startsWith('--family=')) {
      const v = a.includes('=') ? a.slice('--family='.length) : args[++i];
      if (!v || !isFamilyId(v)) {
        io.err(
          `ziping: --family 只接受 ${FAMILY_IDS.join('、')} / --family takes ${FAMILY_IDS.join(', ')} (got ${v === undefined ? 'nothing' : visibleText(v)})`,
        );
        return 2;
      }
      family = v;
    } else {
      io.err(`ziping: 未知选项 / unknown option: ${visibleText(a)}\n\n${USAGE}`);
      return 2;
    }
  }
  if (outs.length !== 1) {
    io.err(`ziping: 请给出一个输出文件 / give exactly one output file\n\n${USAGE}`);
    return 2;
  }
  const out = outs[0];
  const shown = visibleText(out);
  if (!/\.xlsx$/i.test(out)) {
    io.err(
      `ziping: ${say(lang, `输出文件应以 .xlsx 结尾：${shown}`, `the output file must end in .xlsx: ${shown}`)}`,
    );
    return 2;
  }
  if (existsSync(out) && !force) {
    io.err(
      `ziping: ${say(lang, `${shown} 已存在，未覆盖（加 --force 可覆盖）`, `${shown} exists; not overwritten (use --force)`)}`,
    );
    return 2;
  }
  const template = FAMILY[family].template();
  // the atomic writer (and crypto, for its temporary names) is loaded only here: checking never pays for it
  const { WriteError } = await import('./atomicWrite');
  try {
    // exceljs is loaded only here: checking never pays for it
    const writer = write ?? (await import('./writeTemplate')).writeTemplateFile;
    await writer(out, template, { overwrite: force, lang });
  } catch (e) {
    const message =
      e instanceof WriteError
        ? e.message
        : say(lang, `无法写入 ${out}：`, `cannot write ${out}: `) +
          String((e as Error)?.message ?? e).split('\n')[0];
    io.err(`ziping: ${visibleText(message)}`);
    return 2;
  }
  io.out(
    visibleText(
      say(
        lang,
        `已写出空白模板（${template.label.zh}）：${out}`,
        `Wrote a blank template (${template.label.en}): ${out}`,
      ),
    ),
  );
  return 0;
}

/** The command line: `check`, `review` or `template`. Returns the exit code. */
export async function cli(argv: readonly string[], io: Io, env: CheckEnv = {}): Promise<number> {
  if (argv[0] === 'template') return templateCommand(argv.slice(1), io);
  if (argv[0] === 'review') {
    const { reviewCommand } = await import('./review/command');
    return reviewCommand(argv.slice(1), io, env.progress);
  }
  return main(argv, io, env);
}
