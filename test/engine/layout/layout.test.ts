import { analyzeSheet, checkSheet, checkWorkbook, findForms, Grid } from '../../../src/engine';
import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../../fixtures/forms';
import { gridOf, SheetSpec, withCells } from '../../fixtures/seed';
import { CATEGORY_MARK, COLUMN_LABELS, roleOf } from '../../../src/engine/layout/vocabulary';
import { tableFrame } from '../../../src/engine/layout/realign';

const rename = (spec: SheetSpec, row: number, col: number, text: string) =>
  withCells(spec, [[row, col, { value: text }]]);

describe('finding forms by their labels', () => {
  test('an empty sheet has no form', () => {
    expect(findForms(new Grid({ name: 'x', cells: [] }))).toEqual([]);
  });

  test('a sheet of other data has no form', () => {
    const cells = [undefined, [undefined, { value: '姓名' }, { value: '权重' }, { value: '得分' }]];
    expect(findForms(new Grid({ name: 'x', cells }))).toEqual([]);
  });

  test.each([
    ['分值 for 权重', 13, 4, '分值'],
    ['得分 for 自评分', 13, 6, '得分'],
    ['指标解释 for 目标值', 13, 3, '指标解释'],
    ['年度指标值 for 目标值', 13, 3, '年度指标值'],
    ['stray spaces in 一级指标', 13, 1, ' 一级 指标 '],
    ['指标类别 for 一级指标', 13, 1, '指标类别'],
    ['一级指标名称 for 一级指标', 13, 1, '一级指标名称'],
    ['自评得分 for 自评分', 13, 6, '自评得分'],
    ['权重（%） for 权重', 13, 4, '权重（%）'],
    ['总分 for 合计', 20, 1, '总分'],
    ['合 计 with a space', 20, 1, '合 计'],
    ['偏差原因分析及改进措施 for 备注', 13, 7, '偏差原因分析及改进措施'],
  ])('synonym: %s', (_name, row, col, text) => {
    const forms = analyzeSheet(gridOf(rename(shanghaiSheet(), row, col, text)));
    expect(forms).toHaveLength(1);
    expect(forms[0].report.totalScore).toEqual({ cell: 'F20', stated: '100', computed: '100' });
    expect(forms[0].findings).toEqual([]);
  });

  test('一级指标 with 指 written as a character reference still heads the table', () => {
    const forms = analyzeSheet(gridOf(rename(shanghaiSheet(), 13, 1, '一级&#25351;标')));
    expect(forms).toHaveLength(1);
    expect(forms[0].report.totalScore).toEqual({ cell: 'F20', stated: '100', computed: '100' });
    expect(forms[0].findings.map((f) => `${f.rule} ${f.cells.join()}`)).toEqual(['markup-in-cell A13']);
    // without the reference (or 指) the row heads nothing
    expect(analyzeSheet(gridOf(rename(shanghaiSheet(), 13, 1, '一级标')))).toEqual([]);
  });

  test('every key of the category role holds CATEGORY_MARK (texts without it are passed over)', () => {
    const [, category] = COLUMN_LABELS.find(([role]) => role === 'category') ?? [];
    // the pattern's alternatives, as `^(a|b(c)?|d)$` lists them at its top level
    const source = (category as RegExp).source;
    expect(source.startsWith('^(') && source.endsWith(')$')).toBe(true);
    const alternatives: string[] = [];
    let depth = 0;
    let from = 2;
    for (let k = 2; k < source.length - 2; k++) {
      if (source[k] === '(') depth++;
      else if (source[k] === ')') depth--;
      else if (source[k] === '|' && depth === 0) {
        alternatives.push(source.slice(from, k));
        from = k + 1;
      }
    }
    alternatives.push(source.slice(from, source.length - 2));
    expect(alternatives.length).toBeGreaterThan(1);
    for (const a of alternatives) expect(a.replace(/\([^)]*\)\?/g, '')).toContain(CATEGORY_MARK);
    expect(roleOf('指标类别')).toBe('category');
  });

  test('a form at any row and column, without merged cells', () => {
    const spec = shanghaiSheet({ row: 40, col: 5 });
    const [form] = analyzeSheet(gridOf({ ...spec, merges: [] }));
    expect(form.report.range).toBe('E40:K60');
    expect(form.report.totalScore.cell).toBe('J59');
    expect(form.findings).toEqual([]);
  });

  test('repeated category cells instead of merged ones', () => {
    const inds = changed(I, { 1: { category: '产出指标 (45分)' }, 2: { category: '产出指标 (45分)' } });
    const [form] = analyzeSheet(gridOf(shanghaiSheet({ indicators: inds, mergeCategories: false })));
    expect(form.report.categories.map((c) => c.name)).toEqual(['产出指标', '效益指标', '满意度指标']);
    expect(form.findings).toEqual([]);
  });

  test('blank separator rows inside the table', () => {
    const spec = shanghaiSheet({ row: 1 });
    // move the 效益 and 满意度 rows and the total down by one, leaving row 17 blank
    const cells = spec.cells.map((r) => (r ? [...r] : r));
    for (let r = 21; r >= 17; r--) cells[r + 1] = cells[r];
    cells[17] = [];
    const [form] = analyzeSheet(gridOf({ ...spec, cells, merges: [] }));
    expect(form.report.indicators).toHaveLength(6);
    expect(form.report.totalScore).toEqual({ cell: 'F21', stated: '100', computed: '100' });
  });

  test('a form without a title, note or total row', () => {
    const [form] = analyzeSheet(gridOf(shanghaiSheet({ title: null, total: null, note: null })));
    expect(form.report.title).toBeUndefined();
    expect(form.report.totalScore).toEqual({ computed: '100' });
    expect(form.report.grade.computed).toBe('优秀');
  });

  test('a category header on a row of its own', () => {
    const inds = [{ category: '产出指标（45分）', name: '' }, ...changed(I, { 0: { category: undefined } })];
    inds[1] = { ...inds[1], category: undefined };
    const [form] = analyzeSheet(
      gridOf(shanghaiSheet({ indicators: inds.map((i) => (i.name === '' ? { ...i, rule: '' } : i)) })),
    );
    expect(form.report.indicators).toHaveLength(6);
    expect(form.report.categories[0]).toMatchObject({ name: '产出指标', declared: '45', weight: '45' });
  });
});

describe('a sheet with no form', () => {
  test('a header row that lacks the score column is named, with the labels found and their cells', () => {
    const sheet = shanghaiSheet();
    const cells = sheet.cells.map((row) => (row ? [...row] : row));
    cells[13]![6] = { value: '完成情况' }; // 自评分 → an unknown label
    const report = checkSheet(gridOf({ ...sheet, cells }), 'zh');
    expect(report.forms).toEqual([]);
    expect(report.findings).toHaveLength(1);
    const [f] = report.findings;
    expect(f).toMatchObject({ rule: 'form-not-recognised', severity: 'warning' });
    expect(f.cells).toEqual(['A13', 'B13', 'C13', 'D13', 'E13', 'G13']);
    expect(f.message).toMatch(
      /第 13 行像是指标表的表头（找到：一级指标 A13、指标名称 B13.*缺少“得分\/自评分”列/,
    );
    const en = checkSheet(gridOf({ ...sheet, cells }), 'en').findings[0];
    expect(en.message).toMatch(/Row 13 .* has no 得分 \/ 自评分 column/);
  });

  test('a sheet without such a row has no finding', () => {
    const report = checkSheet(
      gridOf({ name: 'x', cells: [undefined, [undefined, { value: '项目名称' }]], merges: [] }),
    );
    expect(report).toEqual({ name: 'x', forms: [], findings: [] });
  });

  test('the file-level message repeats why', () => {
    const sheet = shanghaiSheet();
    const cells = sheet.cells.map((row) => (row ? [...row] : row));
    cells[13]![1] = { value: '类别' };
    const file = checkWorkbook('x.xlsx', [gridOf({ ...sheet, cells })]);
    expect(file.error?.code).toBe('no-form-found');
    expect(file.error?.message).toMatch(/缺少“一级指标”列/);
  });
});

describe("a table's frame", () => {
  test('is made once for a header of the same columns and edges, and anew for other edges', () => {
    const a = tableFrame({ category: 1, name: 3, weight: 7, score: 9 }, 1, 9);
    const b = tableFrame({ category: 1, name: 3, weight: 7, score: 9 }, 1, 9);
    expect(b).toBe(a);
    expect(a.roles).toEqual(['category', 'name', 'weight', 'score']);
    expect(a.roleAt[7]).toBe('weight');
    expect(a.numericPlaces).toBe(2);
    // the score column is more than two columns past the right edge: no place reads it
    const narrow = tableFrame({ category: 1, name: 3, weight: 7, score: 9 }, 1, 6);
    expect(narrow).not.toBe(a);
    expect(narrow.numericPlaces).toBe(1);
    const other = tableFrame({ category: 1, name: 3, weight: 8, score: 9 }, 1, 9);
    expect(other.roleAt[8]).toBe('weight');
    expect(other.roleAt[7]).toBeUndefined();
  });
});
