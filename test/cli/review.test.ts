/**
 * `ziping review`: a folder of mixed workbooks (several forms, a rich workbook with notes,
 * validation, fills and print setup, bad files, nested folders) gives the summary workbook and
 * annotated copies. The summary is read back with SheetJS; each copy is compared with its
 * original part by part, cell by cell and style by style (with JSZip and xmldom, not with the
 * code under test); both are opened in LibreOffice Calc headless and read back.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DOMParser, Element as XmlElement, XMLSerializer } from '@xmldom/xmldom';
import * as XLSX from '@e965/xlsx';
import { cli } from '../../src/cli/main';
import { reviewIsolated } from '../../src/cli/review/pool';
import { readWorkbookFile } from '../../src/cli/readWorkbook';
import { analyzeSheet, Report } from '../../src/engine';
import { planRun, RunPlan } from '../../src/engine/plan';
import { TONE_FILL } from '../../src/excel/adapter';
import {
  changed,
  nationalSheet,
  NATIONAL_INDICATORS,
  SHANGHAI_INDICATORS,
  shanghaiSheet,
} from '../fixtures/forms';
import { stackedSeed } from '../fixtures/seed';
import { REAL_FORMS, realSheet } from '../fixtures/real';
import { SheetSpec } from '../fixtures/seedForms';
import { writeXlsx } from '../fixtures/workbook';
import { describeWith, requireProgram, SOFFICE } from '../fixtures/programs';
import { isCellError } from '../../src/engine/grid';

let dir: string;
let input: string;
let out: string;
const at = (...p: string[]) => join(input, ...p);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let o = '';
  let e = '';
  const code = await cli(argv, { out: (t) => (o += t + '\n'), err: (t) => (e += t + '\n') });
  return { code, out: o, err: e };
}

/** A workbook with more than cells: a clerk's note, fills, a border, validation, widths, print setup, a second sheet. */
async function writeRich(path: string): Promise<void> {
  const spec = shanghaiSheet({
    name: '自评',
    fields: { grade: '良好', executionRate: null },
    indicators: changed(SHANGHAI_INDICATORS, { 1: { score: 14 } }),
    total: { weight: { value: 100, formula: 'SUM(D14:D19)' }, score: 90 },
  });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.name);
  fill(ws, spec);
  ws.getCell('F20').note = '科室的批注：合计待复核';
  ws.getCell('F20').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell('D20').border = { top: { style: 'thin' }, bottom: { style: 'double' } };
  ws.getCell('B14').font = { bold: true, color: { argb: 'FF1F4E79' } };
  ws.getColumn(2).width = 30;
  ws.getColumn(5).width = 24;
  ws.getCell('F14').dataValidation = {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [0, 15],
  };
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', printTitlesRow: '13:13', fitToWidth: 1 };
  const other = wb.addWorksheet('附注');
  other.getCell('A1').value = '本表由单位填报';
  other.getCell('A1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } };
  other.mergeCells('A1:C1');
  other.getCell('A2').value = { formula: 'LEN(A1)', result: 7 };
  await wb.xlsx.writeFile(path);
}

function fill(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  spec.cells.forEach((row, r) =>
    row?.forEach((cell, c) => {
      if (!cell) return;
      const target = ws.getCell(r, c);
      const v = cell.value;
      if (cell.formula)
        target.value = { formula: cell.formula, result: v ?? undefined } as ExcelJS.CellFormulaValue;
      else if (isCellError(v)) target.value = { error: v.error } as ExcelJS.CellErrorValue;
      else target.value = v;
      if (cell.format) target.numFmt = cell.format;
    }),
  );
  for (const m of spec.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
let hashes: Map<string, string>;
let result: { code: number; out: string; err: string };

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name))
    .sort();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ziping-review-'));
  input = join(dir, 'in');
  out = join(dir, 'out');
  mkdirSync(at('unit-a', 'sub'), { recursive: true });
  mkdirSync(at('unit-b'), { recursive: true });
  await writeRich(at('unit-a', 'rich.xlsx'));
  await writeXlsx(at('unit-a', 'sub', 'stacked.xlsx'), [stackedSeed(true)]);
  await writeXlsx(at('unit-b', 'national.xlsx'), [
    nationalSheet({
      funds: { executed: 60, rate: { value: 0.6, format: '0.00%' }, score: 8 },
      indicators: changed(NATIONAL_INDICATORS, { 1: { score: 16 } }),
      total: { weight: 100, score: 97 },
    }),
  ]);
  await writeXlsx(at('clean.xlsx'), [shanghaiSheet()]);
  await writeXlsx(at('unit-b', 'no-form.xlsx'), [
    { name: '数据', cells: [undefined, [undefined, { value: '姓名' }, { value: '金额' }]], merges: [] },
  ]);
  writeFileSync(at('unit-b', 'notes.xlsx'), '这不是工作簿\n');
  const whole = readFileSync(at('clean.xlsx'));
  writeFileSync(at('unit-b', 'truncated.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
  writeFileSync(at('unit-a', '~$rich.xlsx'), 'lock');
  // an .xls: listed, checked, not annotated
  const old = XLSX.read(readFileSync(at('clean.xlsx')), { type: 'buffer' });
  XLSX.writeFile(old, at('unit-b', 'old.xls'), { bookType: 'biff8' });
  hashes = new Map(filesUnder(input).map((p) => [p, sha(p)]));
  // the review every suite below reads
  result = await run('review', input, '--out', out);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The plan the add-in would apply to each sheet of a workbook. */
function plansOf(path: string): Map<string, RunPlan> {
  const plans = new Map<string, RunPlan>();
  for (const g of readWorkbookFile(path)) plans.set(g.name, planRun(analyzeSheet(g), g));
  return plans;
}

describe('ziping review over a folder', () => {
  test('exit 2 (unreadable files), the originals untouched, nothing written outside --out', () => {
    expect(result.code).toBe(2);
    expect(result.err).toBe('');
    expect(new Map(filesUnder(input).map((p) => [p, sha(p)]))).toEqual(hashes);
    expect(filesUnder(out).map((p) => p.slice(out.length + 1))).toEqual(
      [
        '汇总.xlsx',
        join('clean.xlsx'),
        join('unit-a', 'rich.xlsx'),
        join('unit-a', 'sub', 'stacked.xlsx'),
        join('unit-b', 'national.xlsx'),
        join('unit-b', 'no-form.xlsx'),
      ].sort(),
    );
  });

  test('the summary: one row per form, unreadable files as rows with the reason, numbers as numbers', () => {
    const wb = XLSX.readFile(join(out, '汇总.xlsx'), { cellStyles: true, cellNF: true });
    expect(wb.SheetNames).toEqual(['自评表', '问题', '统计']);
    const ws = wb.Sheets['自评表'];
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    expect(rows[0]).toEqual([
      '文件',
      '工作表',
      '范围',
      '预算单位',
      '项目名称',
      '当年预算数',
      '执行数',
      '预算执行率',
      '自评总分',
      '重算总分',
      '自评等级',
      '重算等级',
      '错误',
      '警告',
      '提示',
      '首个错误（或无法检查的原因）',
      '标注副本',
    ]);
    const body = rows.slice(1);
    expect(body.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['clean.xlsx', 'Sheet1', 'A1:G21'],
      [join('unit-a', 'rich.xlsx'), '自评', 'A1:G21'],
      [join('unit-a', 'sub', 'stacked.xlsx'), 'Sheet1', 'A3:G40'],
      [join('unit-a', 'sub', 'stacked.xlsx'), 'Sheet1', 'A42:G69'],
      [join('unit-a', 'sub', 'stacked.xlsx'), 'Sheet1', 'A71:G96'],
      [join('unit-b', 'national.xlsx'), expect.any(String), expect.any(String)],
      [join('unit-b', 'no-form.xlsx'), null, null],
      [join('unit-b', 'notes.xlsx'), null, null],
      [join('unit-b', 'old.xls'), 'Sheet1', 'A1:G21'],
      [join('unit-b', 'truncated.xlsx'), null, null],
    ]);
    const rich = body[1];
    // budget, executed, rate (a fraction, shown as a percentage), totals, grades, counts
    expect(rich.slice(3, 15)).toEqual([
      '上海市普陀区金融服务中心',
      '金融服务费用',
      50000,
      50000,
      1,
      90,
      99,
      '良好',
      '优秀',
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(rich[12]).toBeGreaterThan(0);
    expect(ws.F3.z).toBe('#,##0.00');
    expect(ws.H3.z).toBe('0.00%');
    expect(ws.H3.t).toBe('n');
    expect(String(rich[15])).toMatch(/\S/);
    expect(rich[16]).toBe('unit-a/rich.xlsx');
    expect(ws.Q3.l?.Target).toBeDefined();
    // the stacked seed: 95 / 优秀 / 62.16%, errors on the shifted rows
    expect(body[2].slice(7, 13)).toEqual([expect.closeTo(0.6216, 4), 95, 95, '优秀', '优秀', 2]);
    expect(body[2][15]).toMatch(/第 29 行/);
    // the clean form: no error, no fill; rows with errors are filled as the add-in fills errors
    expect(body[0].slice(12, 15)).toEqual([0, 0, 0]);
    expect(ws.A2.s?.fgColor?.rgb).toBeUndefined();
    expect(ws.A3.s?.fgColor?.rgb).toBe(TONE_FILL.error.slice(1));
    expect(ws.P3.s?.fgColor?.rgb).toBe(TONE_FILL.error.slice(1));
    // unreadable files and files without a form: a row with the reason, filled
    expect(body[7][15]).toMatch(/不是 Excel 工作簿/);
    expect(body[9][15]).toMatch(/已损坏|无法读取/);
    expect(body[6][15]).toMatch(/没有找到|未找到|自评表/);
    expect(ws.A9.s?.fgColor?.rgb).toBe(TONE_FILL.error.slice(1));
    // the .xls: checked, but no copy, and the summary says so
    expect(body[8][16]).toMatch(/\.xls.*未生成标注副本/);
    expect(ws.Q10.l).toBeUndefined();
    expect(body[8][15]).toBeNull();
    expect(ws['!autofilter']).toEqual({ ref: 'A1:Q11' });
    expect(ws['!cols']?.[15]?.width).toBe(60);
  });

  test('the header row is frozen and the chart is in the package', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(out, '汇总.xlsx')));
    const s1 = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(s1).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    const chart = await zip.file('xl/charts/chart1.xml')!.async('string');
    expect(chart).toContain("<c:f>'统计'!$B$2:$B$");
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('/xl/charts/chart1.xml');
    const doc = new DOMParser().parseFromString(chart, 'text/xml');
    expect(doc.getElementsByTagName('c:barChart').length).toBe(1);
  });

  test('the findings sheet lists every finding of the check report, and the statistics count them', async () => {
    const report = JSON.parse((await run('check', input, '--json')).out) as Report;
    const all = report.files.flatMap((f) =>
      f.sheets.flatMap((s) => [...s.findings, ...s.forms.flatMap((fm) => fm.findings)]),
    );
    const wb = XLSX.readFile(join(out, '汇总.xlsx'));
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['问题'], { header: 1, defval: '' });
    expect(rows[0]).toEqual(['文件', '工作表', '单元格', '规则', '级别', '说明', '修复']);
    expect(rows.slice(1).map((r) => [r[3], r[5]])).toEqual(all.map((f) => [f.rule, f.message]));
    const misaligned = rows.find((r) => r[3] === 'misaligned-row' && r[2] === 'A29:G29');
    expect(misaligned?.[6]).toMatch(/^B29=/);
    const stats = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['统计'], { header: 1, defval: null });
    expect(stats[0].slice(0, 2)).toEqual(['绩效等级', '表数']);
    const grades = new Map(
      stats
        .slice(1)
        .filter((r) => r[0] !== null)
        .map((r) => [r[0], r[1]]),
    );
    // 优秀: clean, rich, three stacked, old.xls; 中: the national form
    expect(grades.get('优秀')).toBe(6);
    const perRule = new Map(
      stats
        .slice(1)
        .filter((r) => r[3] !== null)
        .map((r) => [r[3], r[5]]),
    );
    const counted = new Map<string, number>();
    for (const f of all) counted.set(f.rule, (counted.get(f.rule) ?? 0) + 1);
    expect(perRule).toEqual(counted);
  });

  test('each copy equals its original but for the plan: cell by cell, style by style, part by part', async () => {
    for (const rel of [
      ['unit-a', 'rich.xlsx'],
      ['unit-a', 'sub', 'stacked.xlsx'],
      ['unit-b', 'national.xlsx'],
      ['clean.xlsx'],
      ['unit-b', 'no-form.xlsx'],
    ]) {
      await compareCopy(at(...rel), join(out, ...rel), plansOf(at(...rel)));
    }
  });

  test('the rich copy: figures written, formula kept, the clerk’s note kept, everything else as it was', async () => {
    const plan = plansOf(at('unit-a', 'rich.xlsx')).get('自评') as RunPlan;
    expect(plan.writes.map((w) => [w.cell, w.value])).toEqual(
      expect.arrayContaining([
        ['F20', 99],
        ['B9', '优秀'],
      ]),
    );
    expect(plan.writes.find((w) => w.cell === 'D20')).toBeUndefined();
    // the blank rate cell gets the rate as a number shown as a percentage
    const rate = plan.writes.find((w) => w.figure === 'executionRate');
    expect(rate).toMatchObject({ cell: 'D6', type: 'number', format: '0.00%' });
    const a = new ExcelJS.Workbook();
    await a.xlsx.readFile(at('unit-a', 'rich.xlsx'));
    const b = new ExcelJS.Workbook();
    await b.xlsx.readFile(join(out, 'unit-a', 'rich.xlsx'));
    const [wa, wb] = [a.getWorksheet('自评')!, b.getWorksheet('自评')!];
    expect(wb.getCell('F20').value).toBe(99);
    expect(wb.getCell('B9').value).toBe('优秀');
    expect(wb.getCell('D6').value).toBe(rate!.value);
    expect(wb.getCell('D6').numFmt).toBe('0.00%');
    expect(wb.getCell('D20').value).toEqual(wa.getCell('D20').value);
    expect(wb.getCell('F20').note).toBe('科室的批注：合计待复核');
    expect(wb.getCell('B9').note).toBeTruthy();
    expect(wb.model.merges).toEqual(wa.model.merges);
    const dv = (w: ExcelJS.Worksheet) =>
      (w as unknown as { dataValidations: { model: unknown } }).dataValidations.model;
    expect(dv(wb)).toEqual(dv(wa));
    expect(dv(wa)).toHaveProperty('F14');
    expect(wb.columns.map((c) => c.width)).toEqual(wa.columns.map((c) => c.width));
    expect(wb.pageSetup).toEqual(wa.pageSetup);
    expect(wb.getCell('D20').border).toEqual(wa.getCell('D20').border);
    expect(wb.getCell('B14').font).toEqual(wa.getCell('B14').font);
    const other = [a.getWorksheet('附注')!, b.getWorksheet('附注')!];
    expect(other[1].getCell('A1').fill).toEqual(other[0].getCell('A1').fill);
    expect(other[1].getCell('A2').value).toEqual(other[0].getCell('A2').value);
    expect(other[1].model.merges).toEqual(other[0].model.merges);
  });

  test('--lang en: summary.xlsx with English headers', async () => {
    const en = join(dir, 'out-en');
    const r = await run('review', at('clean.xlsx'), '--out', en, '--lang', 'en');
    expect(r.code).toBe(0);
    const wb = XLSX.readFile(join(en, 'summary.xlsx'));
    expect(wb.SheetNames).toEqual(['Forms', 'Findings', 'Statistics']);
    expect(XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Forms, { header: 1 })[0][0]).toBe('File');
    expect(existsSync(join(en, 'clean.xlsx'))).toBe(true);
  });
});

describe('every workbook of the repository and the real forms: copies equal their originals but for the plan', () => {
  const more = () => join(dir, 'more');
  beforeAll(async () => {
    mkdirSync(join(more(), 'real'), { recursive: true });
    for (const form of REAL_FORMS)
      await writeXlsx(join(more(), 'real', `${form.id}.xlsx`), [realSheet(form)]);
    const examples = join(__dirname, '..', '..', 'examples');
    for (const rel of [
      ['putuo-2021.xlsx'],
      ['national-example.xlsx'],
      ['batch', '职业技能培训.xlsx'],
      ['batch', '普陀区金融服务中心', '金融服务费用.xlsx'],
      ['batch', '普陀区金融服务办公室', '金融业务费用.xlsx'],
      ['batch', '普陀区金融服务办公室', '中介机构服务费.xlsx'],
    ]) {
      mkdirSync(join(more(), 'examples', ...rel.slice(0, -1)), { recursive: true });
      copyFileSync(join(examples, ...rel), join(more(), 'examples', ...rel));
    }
  });

  test('each one', async () => {
    const to = join(dir, 'more-out');
    const r = await run('review', more(), '--out', to);
    expect(r.err).toBe('');
    const files = filesUnder(more()).map((p) => p.slice(more().length + 1));
    expect(files).toHaveLength(REAL_FORMS.length + 6);
    let marked = 0;
    for (const rel of files) {
      const plans = plansOf(join(more(), rel));
      marked += [...plans.values()].reduce((n, p) => n + p.marks.length, 0);
      await compareCopy(join(more(), rel), join(to, rel), plans);
    }
    expect(marked).toBeGreaterThan(50);
  });
});

describe('ziping review: bad input writes nothing', () => {
  test.each([
    [['review', 'IN'], /--out/],
    [['review', '--out', 'OUT'], /至少一个文件/],
    [['review', 'IN', '--out', 'IN'], /输入文件夹/],
    [['review', 'IN', '--out', 'IN/unit-a'], /输入文件夹/],
    [['review', 'IN', '--out', 'IN/clean.xlsx'], /是文件/],
    [['review', 'IN', '--out', 'OUT', '--lang', 'fr'], /--lang/],
    [['review', 'IN', '--out', 'OUT', '--bogus'], /unknown option/],
    // an argument is shown, never obeyed by the terminal
    [['review', 'IN', '--out', 'OUT', '--x\u001b[2J'], /unknown option: --x\\x1b\[2J/],
  ])('%j', async (argv, message) => {
    const before = filesUnder(input);
    const target = join(dir, 'never');
    const r = await run(...argv.map((a) => a.replace('IN', input).replace('OUT', target)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(filesUnder(input)).toEqual(before);
    expect(existsSync(target)).toBe(false);
  });

  test('a new folder inside the input folder is allowed, and the originals stay as they were', async () => {
    const inner = join(input, 'unit-b', 'reviewed');
    const r = await run('review', join(input, 'unit-b', 'national.xlsx'), '--out', inner);
    expect(r.code).toBe(1);
    expect(existsSync(join(inner, 'national.xlsx'))).toBe(true);
    expect(sha(join(input, 'unit-b', 'national.xlsx'))).toBe(
      hashes.get(join(input, 'unit-b', 'national.xlsx')),
    );
    rmSync(inner, { recursive: true });
  });

  (process.platform === 'win32' ? test.skip : test)(
    'a link inside --out that leads elsewhere is not followed',
    async () => {
      const linked = join(dir, 'linked-out');
      const elsewhere = join(dir, 'elsewhere');
      mkdirSync(linked);
      mkdirSync(elsewhere);
      symlinkSync(elsewhere, join(linked, 'unit-a'));
      const r = await run('review', input, '--out', linked);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/链接/);
      expect(readdirSync(elsewhere)).toEqual([]);
      expect(readdirSync(linked)).toEqual(['unit-a']);
    },
  );

  test('a copy that would land on its original is refused', async () => {
    const r = await run('review', at('clean.xlsx'), '--out', input);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/覆盖原文件|输入文件夹/);
    expect(sha(at('clean.xlsx'))).toBe(hashes.get(at('clean.xlsx')));
  });
});

// --- the comparison of a copy with its original, with parsers independent of the code under test

type Xml = Document;
const parse = (s: string): Xml => new DOMParser().parseFromString(s, 'text/xml') as unknown as Xml;
const ser = (n: Node) => new XMLSerializer().serializeToString(n as never);
const kids = (el: Element) =>
  Array.from(el.childNodes as unknown as ArrayLike<Node>)
    .map(ser)
    .join('');

function children(el: Element | null | undefined, name: string): Element[] {
  if (!el) return [];
  return Array.from(el.childNodes as unknown as ArrayLike<Node>).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).localName === name,
  );
}

function first(doc: Xml | Element, name: string): Element | undefined {
  return (doc.getElementsByTagName(name)[0] as Element | undefined) ?? undefined;
}

function attrs(el: Element, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Array.from(el.attributes as unknown as ArrayLike<Attr>))
    if (!skip.includes(a.name)) out[a.name] = a.value;
  return out;
}

function cellsOf(doc: Xml): Map<string, Element> {
  const out = new Map<string, Element>();
  for (const c of Array.from(doc.getElementsByTagName('c') as unknown as ArrayLike<XmlElement>))
    out.set(c.getAttribute('r') as string, c as unknown as Element);
  return out;
}

function fillRgb(styles: Xml, xf: Element): string | undefined {
  const fills = children(first(styles, 'fills'), 'fill');
  const f = fills[Number(xf.getAttribute('fillId') ?? 0)];
  return first(f, 'fgColor')?.getAttribute('rgb') ?? undefined;
}

async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wb = parse(await zip.file('xl/workbook.xml')!.async('string'));
  const rels = parse(await zip.file('xl/_rels/workbook.xml.rels')!.async('string'));
  const target = new Map(
    Array.from(rels.getElementsByTagName('Relationship') as unknown as ArrayLike<Element>).map((r) => [
      r.getAttribute('Id'),
      r.getAttribute('Target'),
    ]),
  );
  const out = new Map<string, string>();
  for (const s of Array.from(wb.getElementsByTagName('sheet') as unknown as ArrayLike<Element>)) {
    const t = target.get(s.getAttribute('r:id')) as string;
    out.set(s.getAttribute('name') as string, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  return out;
}

async function compareCopy(original: string, copy: string, plans: Map<string, RunPlan>): Promise<void> {
  const A = await JSZip.loadAsync(readFileSync(original));
  const B = await JSZip.loadAsync(readFileSync(copy));
  const sheets = await sheetParts(A);
  const marked = new Set(
    [...plans].filter(([, p]) => p.marks.length || p.writes.length).map(([name]) => sheets.get(name)),
  );
  const mayChange = new Set<string>(['xl/styles.xml', 'xl/workbook.xml', '[Content_Types].xml']);
  for (const part of marked) {
    mayChange.add(part as string);
    mayChange.add((part as string).replace(/([^/]+)$/, '_rels/$1.rels'));
  }
  // every part the copy does not have to change is byte for byte the original's
  const namesA = Object.keys(A.files).filter((n) => !A.files[n].dir);
  for (const name of namesA) {
    const b = B.file(name);
    expect(b).not.toBeNull();
    const [x, y] = [await A.file(name)!.async('nodebuffer'), await b!.async('nodebuffer')];
    const isNotes = /comments\d*\.xml$|\.vml$/.test(name);
    if (!mayChange.has(name) && !isNotes) expect({ name, same: x.equals(y) }).toEqual({ name, same: true });
  }
  const added = Object.keys(B.files).filter((n) => !B.files[n].dir && !A.file(n));
  for (const n of added)
    expect(n).toMatch(
      /^xl\/(comments\d+\.xml|drawings\/vmlDrawing\d+\.vml|worksheets\/_rels\/sheet\d+\.xml\.rels)$/,
    );

  const sA = parse(await A.file('xl/styles.xml')!.async('string'));
  const sB = parse(await B.file('xl/styles.xml')!.async('string'));
  for (const section of ['numFmts', 'fonts', 'borders', 'cellStyleXfs', 'cellStyles', 'dxfs']) {
    const [x, y] = [first(sA, section), first(sB, section)];
    expect(x ? ser(x) : undefined).toBe(y ? ser(y) : undefined);
  }
  const xfsA = children(first(sA, 'cellXfs'), 'xf');
  const xfsB = children(first(sB, 'cellXfs'), 'xf');
  expect(xfsB.slice(0, xfsA.length).map(ser)).toEqual(xfsA.map(ser));

  for (const [name, plan] of plans) {
    const part = sheets.get(name) as string;
    const docA = parse(await A.file(part)!.async('string'));
    const docB = parse(await B.file(part)!.async('string'));
    // outside sheetData, the sheet is as it was (but for the drawing that shows new notes)
    const rest = (d: Xml) => {
      const clone = d.cloneNode(true) as Xml;
      for (const tag of ['sheetData', 'legacyDrawing'])
        for (const el of Array.from(clone.getElementsByTagName(tag) as unknown as ArrayLike<Element>))
          el.parentNode?.removeChild(el);
      return ser(clone);
    };
    const hadDrawing = docA.getElementsByTagName('legacyDrawing').length > 0;
    expect(rest(docB)).toBe(rest(docA));
    if (hadDrawing) expect(ser(first(docB, 'legacyDrawing')!)).toBe(ser(first(docA, 'legacyDrawing')!));

    const cA = cellsOf(docA);
    const cB = cellsOf(docB);
    const writes = new Map(plan.writes.map((w) => [w.cell, w]));
    const tones = new Map(plan.marks.map((m) => [m.cell, m.tone]));
    const refs = new Set([...cA.keys(), ...cB.keys()]);
    for (const ref of refs) {
      const a = cA.get(ref);
      const b = cB.get(ref);
      expect({ ref, present: !!b }).toEqual({ ref, present: true });
      const w = writes.get(ref);
      const tone = tones.get(ref);
      if (!a) expect({ ref, planned: !!(w || tone) }).toEqual({ ref, planned: true });
      // the value
      if (w) {
        expect(a ? first(a, 'f') : undefined).toBeUndefined();
        if (w.type === 'number') {
          expect(b!.getAttribute('t') ?? 'n').toBe('n');
          expect(Number(first(b!, 'v')?.textContent)).toBe(w.value);
        } else {
          expect(b!.getAttribute('t')).toBe('inlineStr');
          expect(first(b!, 't')?.textContent).toBe(w.value);
        }
      } else if (a) {
        expect({
          ref,
          t: b!.getAttribute('t'),
          content: kids(b!),
        }).toEqual({
          ref,
          t: a.getAttribute('t'),
          content: kids(a),
        });
      }
      // the style: the same cell format, or its clone with the tone's fill
      const xa = xfsA[Number(a?.getAttribute('s') ?? 0)];
      const xb = xfsB[Number(b!.getAttribute('s') ?? 0)];
      // a write with a number format: the built-in 0.00% (id 10) in the clone
      const format = w?.type === 'number' ? w.format : undefined;
      if (format) expect({ ref, numFmtId: xb.getAttribute('numFmtId') }).toEqual({ ref, numFmtId: '10' });
      const changing = ['fillId', 'applyFill', ...(format ? ['numFmtId', 'applyNumberFormat'] : [])];
      if (tone) {
        expect({ ref, fill: fillRgb(sB, xb) }).toEqual({ ref, fill: `FF${TONE_FILL[tone].slice(1)}` });
        if (a) {
          expect(attrs(xb, changing)).toEqual(attrs(xa, changing));
          expect(kids(xb)).toEqual(kids(xa));
        }
      } else expect({ ref, s: b!.getAttribute('s') }).toEqual({ ref, s: a!.getAttribute('s') });
    }
    // the notes: each planned note on its cell, unless the clerk had one there (kept as it was)
    if (plan.notes.length === 0) continue;
    const rels = parse(await B.file(part.replace(/([^/]+)$/, '_rels/$1.rels'))!.async('string'));
    const rel = Array.from(rels.getElementsByTagName('Relationship') as unknown as ArrayLike<Element>).find(
      (r) => (r.getAttribute('Type') ?? '').endsWith('/comments'),
    )!;
    const commentsPart = `xl/${(rel.getAttribute('Target') as string).replace(/^\.\.\//, '')}`;
    const comments = parse(await B.file(commentsPart)!.async('string'));
    const byCell = new Map(
      Array.from(comments.getElementsByTagName('comment') as unknown as ArrayLike<Element>).map((c) => [
        c.getAttribute('ref'),
        c.textContent,
      ]),
    );
    const before = A.file(commentsPart)
      ? new Map(
          Array.from(
            parse(await A.file(commentsPart)!.async('string')).getElementsByTagName(
              'comment',
            ) as unknown as ArrayLike<Element>,
          ).map((c) => [c.getAttribute('ref'), c.textContent]),
        )
      : new Map<string | null, string | null>();
    for (const n of plan.notes) expect(byCell.get(n.cell)).toBe(before.get(n.cell) ?? n.text);
    for (const [cell, text] of before) expect(byCell.get(cell)).toBe(text);
  }
}

// --- LibreOffice Calc opens, recalculates and converts the summary and a copy

const calc = describeWith(SOFFICE, 'review output opened in LibreOffice Calc');

calc.describe('the summary and a copy, opened in LibreOffice Calc', () => {
  let soffice: string;
  let converted: string;
  beforeAll(() => {
    soffice = requireProgram(SOFFICE, calc.path);
    converted = join(dir, 'calc');
    execFileSync(
      soffice,
      [
        '--headless',
        '--calc',
        '--convert-to',
        'xlsx',
        '--outdir',
        converted,
        join(out, '汇总.xlsx'),
        join(out, 'unit-a', 'rich.xlsx'),
      ],
      { stdio: 'pipe', timeout: 180_000, env: { ...process.env, HOME: dir } },
    );
  }, 200_000);

  test('Calc reads the summary: the same rows, formats, and the chart', async () => {
    const ours = XLSX.readFile(join(out, '汇总.xlsx'));
    const theirs = XLSX.readFile(join(converted, '汇总.xlsx'), { cellNF: true });
    expect(theirs.SheetNames).toEqual(ours.SheetNames);
    for (const name of ours.SheetNames) {
      const rows = (wb: XLSX.WorkBook) =>
        XLSX.utils
          .sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, raw: true, defval: null })
          // Calc keeps 15 significant digits
          .map((r) => r.map((v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
      expect(rows(theirs)).toEqual(rows(ours));
    }
    expect(theirs.Sheets['自评表'].H3.z).toMatch(/0\.00%/);
    const zip = await JSZip.loadAsync(readFileSync(join(converted, '汇总.xlsx')));
    expect(Object.keys(zip.files).some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    // Calc followed the hyperlinks: rewritten relative to where it saved, they still name the copies
    const rels = await zip.file('xl/worksheets/_rels/sheet1.xml.rels')!.async('string');
    const targets = [...rels.matchAll(/Target="([^"]+)" TargetMode="External"/g)].map((m) =>
      resolve(converted, decodeURI(m[1])),
    );
    expect(targets).toContain(join(out, 'unit-a', 'rich.xlsx'));
    expect(targets.filter((t) => !existsSync(t))).toEqual([]);
  });

  test('Calc reads the copy: the written figures, the recalculated formula, the notes', () => {
    const wb = XLSX.readFile(join(converted, 'rich.xlsx'), { cellFormula: true });
    const ws = wb.Sheets['自评'];
    expect(ws.F20.v).toBe(99);
    expect(ws.B9.v).toBe('优秀');
    // the rate: a number that Calc shows as a percentage
    expect(ws.D6.t).toBe('n');
    expect(ws.D6.w).toMatch(/^\d+\.\d\d%$/);
    expect(ws.D20.f).toBe('SUM(D14:D19)');
    expect(ws.D20.v).toBe(100);
    expect(ws.F20.c?.[0]?.t).toMatch(/科室的批注/);
    expect(ws.B9.c?.[0]?.t).toBeTruthy();
    expect(wb.Sheets['附注'].A2.v).toBe(7);
    // the engine reads the copy: what was written is no longer wrong
    const after = readWorkbookFile(join(converted, 'rich.xlsx'));
    const findings = analyzeSheet(after[0]).flatMap((a) => a.findings.map((f) => f.rule));
    expect(findings).not.toContain('total-score-mismatch');
    expect(findings).not.toContain('grade-mismatch');
  });
});

describe('review in bounded workers: a file over a limit is a row with the reason, never a stop', () => {
  const task = () => ({
    path: at('clean.xlsx'),
    rel: 'clean.xlsx',
    target: join(dir, 'limits', 'clean.xlsx'),
  });

  test('the limits flags of check: --timeout, and a bad value refused', async () => {
    const to = join(dir, 'out-timeout');
    const r = await run('review', at('clean.xlsx'), '--out', to, '--timeout', '0.001', '--jobs', '1');
    expect(r.code).toBe(2);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.readFile(join(to, '汇总.xlsx')).Sheets['自评表'], {
      header: 1,
      defval: null,
    });
    expect(rows[1][15]).toMatch(/耗时过长/);
    expect(existsSync(join(to, 'clean.xlsx'))).toBe(false);
    const bad = await run('review', at('clean.xlsx'), '--out', join(dir, 'never2'), '--jobs', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--jobs/);
    // read as check reads them: a whole number where one is needed
    const half = await run('review', at('clean.xlsx'), '--out', join(dir, 'never3'), '--max-memory=1.5');
    expect(half.code).toBe(2);
    expect(half.err).toMatch(/--max-memory takes a positive whole number \(got 1\.5\)/);
    expect(existsSync(join(dir, 'never3'))).toBe(false);
  });

  test('over the deadline', async () => {
    const [r] = await reviewIsolated([task()], 'zh', {
      jobs: 1,
      maxMemoryMb: 512,
      maxSizeMb: 1024,
      timeoutS: 0.001,
    });
    expect(r.report.error?.message).toMatch(/耗时过长/);
    expect(r.rows).toEqual([expect.objectContaining({ file: 'clean.xlsx', failed: true })]);
    expect(r.copied).toBe(false);
  });

  test('over the size limit, and the next file still reviewed', async () => {
    const results = await reviewIsolated(
      [task(), { ...task(), path: at('unit-a', 'rich.xlsx'), rel: 'rich.xlsx' }],
      'en',
      {
        jobs: 2,
        maxMemoryMb: 512,
        maxSizeMb: 0.005,
      },
    );
    expect(results[0].report.error?.message).toMatch(/too large/);
    expect(results[1].report.error?.message).toMatch(/too large/);
    const ok = await reviewIsolated([task()], 'en', { jobs: 1, maxMemoryMb: 512, maxSizeMb: 1024 });
    expect(ok[0].report.error).toBeUndefined();
    expect(ok[0].copied).toBe(true);
    expect(existsSync(join(dir, 'limits', 'clean.xlsx'))).toBe(true);
  });
});
