import { checkWorkbook, exitCodeOf, FileReport, Finding, FormReport, Report } from '../engine/report';
import { Lang, render } from '../engine/messages';
import { existsSync } from 'fs';
import { Family } from '../engine/layout/model';
import { FAMILY, isFamilyId } from '../engine/families';
import { readWorkbookFile, UnreadableError } from './readWorkbook';
import { expandInputs, Input } from './paths';
import { USAGE } from './usage';
import { visibleText } from '../engine/read/text';
import { figureText, recomputedShown } from '../engine/shown';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const NOTHING: Record<NonNullable<Input['problem']>, Record<Lang, string>> = {
  'empty-folder': {
    zh: '文件夹中没有 .xlsx、.xlsm 或 .xls 工作簿',
    en: 'the folder holds no .xlsx, .xlsm or .xls workbook',
  },
  'no-match': { zh: '没有与通配符匹配的工作簿', en: 'no workbook matches the wildcard' },
};

/** Checks every workbook the arguments name (files, folders, wildcards), each once. */
export function checkPaths(args: readonly string[], lang: Lang): Report {
  const inputs = expandInputs(args);
  const report = checkFiles(
    inputs.filter((i) => !i.problem).map((i) => i.path),
    lang,
  );
  const byPath = new Map(report.files.map((f) => [f.path, f]));
  const files = inputs.map((i): FileReport =>
    i.problem
      ? {
          path: i.path,
          error: {
            code: 'unreadable',
            message: render(
              { key: 'unreadable', params: { reason: `${i.path}: ${NOTHING[i.problem][lang]}` } },
              lang,
            ),
          },
          sheets: [],
        }
      : (byPath.get(i.path) as FileReport),
  );
  return { ...report, files };
}

export function checkFiles(paths: readonly string[], lang: Lang): Report {
  const files: FileReport[] = paths.map((path) => {
    try {
      return checkWorkbook(path, readWorkbookFile(path, lang), lang);
    } catch (e) {
      const reason =
        e instanceof UnreadableError ? e.message : String((e as Error)?.message ?? e).split('\n')[0];
      return {
        path,
        error: { code: 'unreadable', message: render({ key: 'unreadable', params: { reason } }, lang) },
        sheets: [],
      };
    }
  });
  return { version: 1, files };
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

export function humanReport(report: Report, lang: Lang): string {
  const lines: string[] = [];
  const count = { error: 0, warning: 0, info: 0 };
  let forms = 0;
  for (const file of report.files) {
    lines.push(file.path);
    if (file.error) lines.push(`  ✗ ${file.error.message}`);
    for (const sheet of file.sheets) {
      for (const form of sheet.forms) {
        forms++;
        for (const f of form.findings) count[f.severity]++;
        lines.push(...formSummary(sheet.name, form, lang));
      }
    }
  }
  lines.push(
    lang === 'zh'
      ? `共 ${report.files.length} 个文件、${forms} 张自评表：错误 ${count.error}，警告 ${count.warning}，提示 ${count.info}`
      : `${report.files.length} file(s), ${forms} form(s): ${count.error} error(s), ${count.warning} warning(s), ${count.info} info`,
  );
  // cell text, sheet and file names are data: shown, never obeyed by the terminal
  return lines.map(visibleText).join('\n');
}

/** The command line. Returns the exit code. */
export function main(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command !== 'check') {
    io.err(command ? `ziping: 未知命令 / unknown command: ${command}\n\n${USAGE}` : USAGE);
    return 2;
  }
  let json = false;
  let lang: Lang = 'zh';
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') json = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(7) : rest[++i];
      if (v !== 'zh' && v !== 'en') {
        io.err(`ziping: --lang 只接受 zh 或 en / --lang takes zh or en (got ${v ?? 'nothing'})`);
        return 2;
      }
      lang = v;
    } else if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith('--')) {
      io.err(`ziping: 未知选项 / unknown option: ${a}\n\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    io.err(`ziping: 请给出至少一个文件或文件夹 / give at least one file or folder\n\n${USAGE}`);
    return 2;
  }
  const report = checkPaths(files, lang);
  // one line: reviewers pipe it into their scripts (`| jq .` to read it)
  if (json) io.out(JSON.stringify(report));
  else io.out(humanReport(report, lang));
  return exitCodeOf(report);
}

/** `ziping template [--family shanghai|national] [--force] OUT.xlsx` */
export async function templateCommand(args: readonly string[], io: Io): Promise<number> {
  let family: Family = 'shanghai';
  let force = false;
  const outs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--force') force = true;
    else if (a === '--family' || a.startsWith('--family=')) {
      const v = a.includes('=') ? a.slice('--family='.length) : args[++i];
      if (!v || !isFamilyId(v)) {
        io.err(
          `ziping: --family 只接受 shanghai 或 national / --family takes shanghai or national (got ${v ?? 'nothing'})`,
        );
        return 2;
      }
      family = v;
    } else if (a.startsWith('--')) {
      io.err(`ziping: 未知选项 / unknown option: ${a}\n\n${USAGE}`);
      return 2;
    } else outs.push(a);
  }
  if (outs.length !== 1) {
    io.err(`ziping: 请给出一个输出文件 / give exactly one output file\n\n${USAGE}`);
    return 2;
  }
  const out = outs[0];
  if (!/\.xlsx$/i.test(out)) {
    io.err(`ziping: 输出文件应以 .xlsx 结尾 / the output file must end in .xlsx: ${out}`);
    return 2;
  }
  if (existsSync(out) && !force) {
    io.err(
      `ziping: ${out} 已存在，未覆盖（加 --force 可覆盖）/ ${out} exists; not overwritten (use --force)`,
    );
    return 2;
  }
  const template = FAMILY[family].template();
  try {
    // exceljs is loaded only here: checking never pays for it
    const { writeTemplateFile } = await import('./writeTemplate');
    await writeTemplateFile(out, template);
  } catch (e) {
    io.err(`ziping: 无法写入 ${out}：${String((e as Error).message ?? e).split('\n')[0]}`);
    return 2;
  }
  io.out(`已写出空白模板（${template.label.zh}）：${out}`);
  return 0;
}

/** The command line: `check` or `template`. Returns the exit code. */
export async function cli(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === 'template') return templateCommand(argv.slice(1), io);
  return main(argv, io);
}
