import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { analyzeSheet, Grid } from '../../src/engine';
import { readWorkbookFile } from '../../src/cli/readWorkbook';
import { templateCommand } from '../../src/cli/main';
import { uniqueSheetName } from '../../src/engine/templates';
import { FAMILY } from '../../src/engine/families';

const shanghaiTemplate = FAMILY.shanghai.template;
const nationalTemplate = FAMILY.national.template;
const yunnanHubeiTemplate = FAMILY['yunnan-hubei'].template;
import {
  nationalExample,
  seedForm2,
  templateGrid,
  writeFilled,
  yunnanHubeiExample,
} from '../fixtures/templates';
import { describeWith, requireProgram, SOFFICE } from '../fixtures/programs';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ziping-tpl-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = () => {
  const said = { out: '', err: '' };
  return { said, io: { out: (t: string) => (said.out += t), err: (t: string) => (said.err += t) } };
};

describe.each([
  [
    'shanghai',
    shanghaiTemplate,
    [
      ['产出指标', '45'],
      ['效益指标', '35'],
      ['满意度指标', '20'],
    ],
  ],
  [
    'national',
    nationalTemplate,
    [
      ['产出指标', '50'],
      ['效益指标', '30'],
      ['满意度指标', '10'],
    ],
  ],
  [
    'yunnan-hubei',
    yunnanHubeiTemplate,
    [
      ['产出指标', '50'],
      ['效益指标', '20'],
      ['满意度指标', '10'],
    ],
  ],
] as const)('the blank %s template', (family, make, categories) => {
  const check = (grid: Grid) => {
    const forms = analyzeSheet(grid);
    expect(forms).toHaveLength(1);
    expect(forms[0].layout.family).toBe(family);
    expect(forms[0].report.categories.map((c) => [c.name, c.declared])).toEqual(categories);
    // a blank template is reported once, as not filled in, and for nothing else
    expect(forms[0].findings.map((f) => [f.rule, f.severity])).toEqual([['form-not-filled', 'error']]);
    return forms[0];
  };

  test('the engine finds one form of its family, with its categories and points, and only that it is not filled in', () => {
    const form = check(templateGrid(make()));
    expect(form.report.indicators).toEqual([]);
    expect(form.report.grade.bands.map((b) => b.grade)).toEqual(
      family === 'shanghai' ? ['优秀', '良好', '合格', '不合格'] : ['优', '良', '中', '差'],
    );
    expect(form.figures.grade.bandsFromNote).toBe(true);
  });

  test('ziping template writes it, and the written workbook reads back the same', async () => {
    const out = join(dir, `${family}.xlsx`);
    const { io: o, said } = io();
    expect(await templateCommand(['--family', family, out], o)).toBe(0);
    expect(said.out).toContain(out);
    const grids = readWorkbookFile(out);
    expect(grids.map((g) => g.name)).toEqual(['绩效自评表']);
    check(grids[0]);
  });

  test('every computed cell holds a formula, every formula names cells of the sheet', () => {
    const t = make();
    for (const ref of Object.values(t.computed)) {
      if (ref === undefined) continue;
      expect(t.cells.find((c) => c.ref === ref)?.formula).toBeTruthy();
    }
    for (const c of t.cells.filter((x) => x.formula))
      expect(c.formula).not.toMatch(/IFS\(|XLOOKUP|LET\(|SWITCH\(/);
  });
});

describe('writing, validation and formats', () => {
  test('refuses to overwrite without --force', async () => {
    const out = join(dir, 'exists.xlsx');
    expect(await templateCommand([out], io().io)).toBe(0);
    const before = statSync(out).mtimeMs;
    const { io: o, said } = io();
    expect(await templateCommand([out], o)).toBe(2);
    expect(said.err).toContain('--force');
    expect(statSync(out).mtimeMs).toBe(before);
    expect(await templateCommand(['--force', out], io().io)).toBe(0);
  });

  test.each([[['--family', 'city', 'x.xlsx']], [[]], [['a.xlsx', 'b.xlsx']], [['out.csv']]])(
    'usage error %j',
    async (args) => {
      expect(await templateCommand(args, io().io)).toBe(2);
    },
  );

  test('scores are kept between 0 and their own row weight; 是否为经常性项目 to 是/否; money and rate formats', async () => {
    const out = join(dir, 'validation.xlsx');
    await templateCommand(['--force', out], io().io);
    // the sheet's own XML: exceljs reads a validation formula back as a number
    const xml = await (
      await JSZip.loadAsync(readFileSync(out))
    )
      .file('xl/worksheets/sheet1.xml')!
      .async('string');
    const rule = (sqref: string) =>
      new RegExp(`<dataValidation [^>]*sqref="${sqref}"[^>]*>(.*?)</dataValidation>`).exec(xml)?.[0] ?? '';
    expect(rule('F14')).toMatch(/type="decimal".*<formula1>0<\/formula1><formula2>D14<\/formula2>/);
    expect(rule('F20')).toMatch(/<formula2>D20<\/formula2>/);
    expect(rule('D14:D31')).toMatch(/<formula1>0<\/formula1><formula2>100<\/formula2>/);
    expect(rule('D4')).toMatch(/type="list".*<formula1>&quot;是,否&quot;<\/formula1>/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('绩效自评表')!;
    expect(ws.getCell('B5').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D6').numFmt).toBe('0.00%');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: '13:13', fitToWidth: 1 });
    expect(ws.getCell('A13').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.getCell('B7').alignment).toMatchObject({ wrapText: true });
  });
});

test('the Yunnan / Hubei template: execution 20 points from B/A, the total from the scores and the execution score, each score within its category, 项目类别 and 项目属性 as lists', async () => {
  const t = yunnanHubeiTemplate();
  const formula = (ref: string) => t.cells.find((c) => c.ref === ref)?.formula;
  expect(formula(t.computed.executionRate)).toBe('IF(OR(C8="",D8=""),"",IF(C8=0,"",D8/C8))');
  expect(formula(t.computed.executionScore!)).toBe('IF(E8="","",MIN(E8,1)*20)');
  expect(formula(t.computed.totalScore)).toBe('IF(COUNT(G10:G24)=0,"",SUM(G10:G24,F8))');
  expect(t.computed.totalWeight).toBeUndefined();
  const labels = new Set(t.cells.map((c) => c.value));
  for (const label of [
    '（      年度）项目支出绩效自评表',
    '单位名称',
    '填报日期',
    '项目实施单位',
    '项目类别',
    '项目属性',
    '预算执行情况（万元）（20分）',
    '预算数（A）',
    '执行数（B）',
    '执行率（B/A）',
    '得分（20分*执行率）',
    '年度财政资金总额',
    '年度绩效目标（80分）',
    '年初目标值（A）',
    '实际完成值（B）',
    '总分',
    '偏差大或目标未完成原因分析',
    '改进措施及结果应用方案',
  ])
    expect(labels).toContain(label);
  const out = join(dir, 'yunnan-hubei-validation.xlsx');
  expect(await templateCommand(['--family', 'yunnan-hubei', out], io().io)).toBe(0);
  const xml = await (
    await JSZip.loadAsync(readFileSync(out))
  )
    .file('xl/worksheets/sheet1.xml')!
    .async('string');
  const rule = (sqref: string) =>
    new RegExp(`<dataValidation [^>]*sqref="${sqref}"[^>]*>(.*?)</dataValidation>`).exec(xml)?.[0] ?? '';
  expect(rule('G10:G17')).toMatch(/type="decimal".*<formula1>0<\/formula1><formula2>50<\/formula2>/);
  expect(rule('G18:G22')).toMatch(/<formula2>20<\/formula2>/);
  expect(rule('G23:G24')).toMatch(/<formula2>10<\/formula2>/);
  expect(rule('B5')).toMatch(/type="list".*部门预算项目,市直专项,市对下转移支付项目/);
  expect(rule('B6')).toMatch(/type="list".*持续性项目,新增性项目/);
  expect(rule('C8:D8')).toMatch(/operator="greaterThanOrEqual".*<formula1>0<\/formula1>/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('绩效自评表')!;
  expect(ws.getCell('C8').numFmt).toBe('#,##0.00');
  expect(ws.getCell('E8').numFmt).toBe('0.00%');
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: '9:9', fitToWidth: 1 });
});

test('sheet names that do not clash', () => {
  expect(uniqueSheetName('绩效自评表', ['Sheet1'])).toBe('绩效自评表');
  expect(uniqueSheetName('绩效自评表', ['绩效自评表'])).toBe('绩效自评表 (2)');
  expect(uniqueSheetName('绩效自评表', ['绩效自评表', '绩效自评表 (2)'])).toBe('绩效自评表 (3)');
});

/**
 * The formulas are right in a real spreadsheet application: the filled templates are
 * recalculated by LibreOffice Calc (headless), and its results must equal the engine's figures.
 */
const calc = describeWith(SOFFICE, 'templates recalculated by LibreOffice Calc');

calc.describe('filled templates recalculated by LibreOffice Calc', () => {
  let soffice: string;
  beforeAll(() => {
    soffice = requireProgram(SOFFICE, calc.path);
  });

  function recalc(file: string): string {
    const out = join(dir, 'calc');
    execFileSync(soffice, ['--headless', '--calc', '--convert-to', 'xlsx', '--outdir', out, file], {
      stdio: 'pipe',
      timeout: 120_000,
      env: { ...process.env, HOME: dir },
    });
    return join(out, file.split('/').pop() as string);
  }

  test.each([
    [
      'shanghai',
      seedForm2,
      { totalScore: '100', totalWeight: '100', rate: '100', grade: '优秀', executionScore: undefined },
    ],
    [
      'national',
      nationalExample,
      { totalScore: '97.5', totalWeight: '100', rate: '95', grade: '优', executionScore: '9.5' },
    ],
    [
      'yunnan-hubei',
      yunnanHubeiExample,
      { totalScore: '94.4', totalWeight: '100', rate: '92', grade: '优', executionScore: '18.4' },
    ],
  ] as const)(
    '%s: no error, and Calc agrees with the engine on totals, rate, execution score and grade',
    async (family, data, want) => {
      const t = FAMILY[family].template();
      const filled = join(dir, `filled-${family}.xlsx`);
      await writeFilled(filled, t, data());
      // before recalculation: formulas without results; the engine computes everything itself
      const [before] = analyzeSheet(readWorkbookFile(filled)[0]);
      expect(before.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(before.report.totalScore.computed).toBe(want.totalScore);

      const [after] = analyzeSheet(readWorkbookFile(recalc(filled))[0]);
      expect(after.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const r = after.report;
      expect({
        totalScore: r.totalScore.computed,
        totalWeight: r.totalWeight.computed,
        rate: r.executionRate.computed,
        grade: r.grade.computed,
        executionScore: r.executionScore?.computed,
      }).toEqual(want);
      // Calc's own results, read from the formula cells, are the engine's figures
      expect(r.totalScore.stated).toBe(r.totalScore.computed);
      // a form scored by block points has no total-points cell: its 100 is the blocks' and execution's
      if (t.computed.totalWeight) expect(r.totalWeight.stated).toBe(r.totalWeight.computed);
      else expect(r.totalWeight.stated).toBeUndefined();
      expect(r.executionRate.stated).toBe(r.executionRate.computed);
      expect(r.grade.stated).toBe(r.grade.computed);
      if (want.executionScore) expect(r.executionScore?.stated).toBe(r.executionScore?.computed);
      expect(r.grade.cell).toBe(t.computed.grade);
      expect(r.totalScore.cell).toBe(t.computed.totalScore);
    },
  );
});

test('the template command through the built bin', () => {
  const out = join(dir, 'bin.xlsx');
  const r = spawnSync(
    process.execPath,
    [join(__dirname, '..', '..', 'bin', 'ziping.js'), 'template', '--family', 'national', out],
    { encoding: 'utf8' },
  );
  expect(r.status).toBe(0);
  expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
});

test('the grade formulas are the engine bands, in nested IFs', () => {
  const sh = shanghaiTemplate();
  const na = nationalTemplate();
  expect(sh.cells.find((c) => c.ref === sh.computed.grade)?.formula).toBe(
    'IF(F32="","",IF(F32>=90,"优秀",IF(F32>=75,"良好",IF(F32>=60,"合格","不合格"))))',
  );
  expect(na.cells.find((c) => c.ref === na.computed.grade)?.formula).toBe(
    'IF(H29="","",IF(H29>=90,"优",IF(H29>=80,"良",IF(H29>=60,"中","差"))))',
  );
  const yh = yunnanHubeiTemplate();
  expect(yh.cells.find((c) => c.ref === yh.computed.grade)?.formula).toBe(
    'IF(G25="","",IF(G25>=90,"优",IF(G25>=80,"良",IF(G25>=60,"中","差"))))',
  );
});
