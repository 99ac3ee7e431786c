/** One workbook of `ziping review`: read, checked, its copy annotated and written, its summary rows. */
import { mkdirSync, readFileSync } from 'fs';
import { dirname, sep } from 'path';
import Decimal from 'decimal.js';
import { numberOf } from '../../engine/compute/figures';
import { Lang } from '../../engine/messages';
import { planRun, RunPlan } from '../../engine/plan';
import {
  analyzeSheet,
  checkSheet,
  FileReport,
  Finding,
  FormAnalysis,
  UnreadableSheet,
  unreadableSheetReport,
  workbookReport,
} from '../../engine/report';
import { Grid } from '../../engine/grid';
import { writeFileAtomic } from '../atomicWrite';
import { readWorkbookSheets, UnreadableError } from '../readWorkbook';
import { ZipError } from '../../io/zip';
import { annotateWorkbook, UnsupportedPackage } from './annotate';
import { FileResult, unreadableResult } from './result';
import { FindingRow, SummaryRow } from './summary';

const MSG = {
  zh: {
    xls: '.xls 工作簿未生成标注副本（只标注 .xlsx/.xlsm）',
    notAnnotated: (why: string) => `未生成标注副本：${why}`,
    unsupported: (why: string) => `无法按原样修改此工作簿的文件结构（${why}）`,
    author: '自评 Ziping',
    blankGrade: '（未评定）',
    clear: '（清空）',
  },
  en: {
    xls: '.xls workbook: no annotated copy (only .xlsx/.xlsm are annotated)',
    notAnnotated: (why: string) => `no annotated copy: ${why}`,
    unsupported: (why: string) => `this workbook's package cannot be patched as it is (${why})`,
    author: 'Ziping',
    blankGrade: '(no grade)',
    clear: '(clear)',
  },
};

function num(d: Decimal | undefined): number | undefined {
  return d === undefined ? undefined : d.toNumber();
}

function decimalOrText(s: string | undefined): number | string | undefined {
  if (s === undefined) return undefined;
  try {
    const d = new Decimal(s);
    return d.isFinite() ? d.toNumber() : s;
  } catch {
    return s;
  }
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads and checks one workbook, writes its annotated copy to `target` (atomically), and returns
 * its summary rows and findings. `rel` is its path relative to the inputs' common folder.
 */
export function reviewFile(path: string, rel: string, target: string, lang: Lang): FileResult {
  const t = MSG[lang];
  const link = rel.split(sep).join('/');
  let sheets;
  try {
    sheets = readWorkbookSheets(path, lang);
  } catch (e) {
    const reason =
      e instanceof UnreadableError ? e.message : String((e as Error)?.message ?? e).split('\n')[0];
    return unreadableResult(path, rel, reason, lang);
  }
  const grids = sheets.filter((s): s is Grid => s instanceof Grid);
  const analyses: FormAnalysis[][] = grids.map((g) => analyzeSheet(g, lang));
  const byGrid = new Map(grids.map((g, i) => [g, analyses[i]]));
  // a damaged sheet is a row of its own; the workbook's other sheets are reviewed all the same
  const report: FileReport = workbookReport(
    path,
    sheets.map((s) =>
      s instanceof Grid ? checkSheet(s, lang, byGrid.get(s)) : unreadableSheetReport(s, lang),
    ),
    lang,
    sheets.filter((s): s is UnreadableSheet => !(s instanceof Grid)),
  );
  const plans = new Map<string, RunPlan>();
  grids.forEach((g, i) => plans.set(g.name, planRun(analyses[i], g, lang)));

  // the copy
  let copied = false;
  let copyNote: string | undefined;
  const buf = readFileSync(path);
  if (!buf.subarray(0, 4).equals(ZIP)) copyNote = t.xls;
  else {
    try {
      const { bytes } = annotateWorkbook(buf, plans, t.author);
      mkdirSync(dirname(target), { recursive: true });
      writeFileAtomic(target, bytes, { overwrite: true, lang });
      copied = true;
    } catch (e) {
      const why = String((e as Error)?.message ?? e).split('\n')[0];
      copyNote = t.notAnnotated(
        e instanceof UnsupportedPackage || e instanceof ZipError ? t.unsupported(why) : why,
      );
    }
  }

  const rows: SummaryRow[] = [];
  const findings: FindingRow[] = [];
  const grades: string[] = [];
  const bands: string[] = [];
  const fixText = (f: Finding) =>
    (f.fix ?? []).map((w) => `${w.cell}=${w.value === null ? t.clear : String(w.value)}`).join('; ');
  // the copy's link, or why there is none
  const linkOf = copied ? { link } : copyNote ? { linkNote: copyNote } : {};
  report.sheets.forEach((sheet, si) => {
    const add = (f: Finding) =>
      findings.push({
        file: rel,
        sheet: sheet.name,
        cell: f.cells.join(' '),
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        fix: fixText(f),
      });
    sheet.findings.forEach(add);
    sheet.forms.forEach((form, fi) => {
      const a = analyses[si][fi];
      const count = { error: 0, warning: 0, info: 0 };
      for (const f of form.findings) {
        count[f.severity]++;
        add(f);
      }
      const rate = a.figures.rate.computed ?? a.figures.rate.statedPercent?.value;
      const grade = form.grade.computed ?? form.grade.stated ?? t.blankGrade;
      grades.push(grade);
      for (const b of form.grade.bands) if (!bands.includes(b.grade)) bands.push(b.grade);
      const firstError = form.findings.find((f) => f.severity === 'error')?.message;
      rows.push({
        file: rel,
        sheet: sheet.name,
        range: form.range,
        unit: form.fields.budgetUnit?.value,
        project: form.fields.projectName?.value,
        budget: num(numberOf(a.figures.budget)),
        executed: num(numberOf(a.figures.executed)),
        rate: rate === undefined ? undefined : rate.div(100).toNumber(),
        statedTotal: decimalOrText(form.totalScore.stated),
        computedTotal: num(
          form.totalScore.computed === undefined ? undefined : new Decimal(form.totalScore.computed),
        ),
        statedGrade: form.grade.stated,
        computedGrade: form.grade.computed,
        errors: count.error,
        warnings: count.warning,
        infos: count.info,
        firstError,
        ...linkOf,
        failed: count.error > 0,
      });
    });
  });
  if (report.error)
    rows.push({
      file: rel,
      errors: 0,
      warnings: 0,
      infos: 0,
      firstError: report.error.message,
      ...linkOf,
      failed: true,
    });

  return { report, rows, findings, grades, bands, copied };
}
