/**
 * The engine never throws: over 10,000 random and mutated grids (seed forms with cells deleted,
 * shifted, retyped, duplicated; sheets of random labels and numbers) it returns a report that
 * the schema accepts.
 */
import fc from 'fast-check';
import { Area, Cell, CellValue, checkSheet, Grid } from '../../src/engine';
import { nationalSheet, shanghaiSheet } from '../fixtures/forms';
import { reportValidator } from '../fixtures/schema';
import { SheetSpec, stackedSeed } from '../fixtures/seed';

const validate = reportValidator();

const BASES: SheetSpec[] = [stackedSeed(true), stackedSeed(false), shanghaiSheet(), nationalSheet()];

const LABELS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '指标名称',
  '目标值',
  '指标解释',
  '年度指标值',
  '实际完成值',
  '权重',
  '分值',
  '评分规则',
  '自评分',
  '得分',
  '备注',
  '偏差原因分析及改进措施',
  '合计',
  '总分',
  '产出指标 (45分)',
  '效益指标（35分）',
  '满意度指标',
  '项目名称',
  '预算单位',
  '当年预算数(元)',
  '预算执行数(元)',
  '预算执行率(%)',
  '绩效等级',
  '主要问题',
  '年初预算数',
  '全年预算数',
  '全年执行数',
  '执行率',
  '年度资金总额',
  '年度总体目标',
  '预期目标',
  '说明：90（含）-100分为优秀，75（含）-90分为良好',
  '2021年度财政项目绩效自我评价',
  '项目支出绩效自评表',
  '》=50家',
  '≥1000人',
  '<p>文本</p>',
  '优秀',
  '良',
  '无',
  '',
];

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...LABELS),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 0.5, 1, 100, 1e21, 1e-9, Number.MAX_VALUE, 95.5, 62.16, 0.6216),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('414,400.00', '62.16%', '１００', '3分', '-5', '#DIV/0!', '=SUM(A1)', '  ', '1,2,3'),
  fc.constantFrom({ error: '#REF!' }, { error: '#N/A' }, { error: '#VALUE!' }),
  fc.boolean(),
  fc.constant(null),
);

const cell: fc.Arbitrary<Cell> = fc.record(
  {
    value: cellValue,
    format: fc.constantFrom('0.00%', '#,##0.00', 'General', '0%', 'yyyy-mm-dd', '0.0'),
    formula: fc.constant('SUM(F1:F2)'),
  },
  { requiredKeys: ['value'] },
);

type Op =
  | { kind: 'delete'; row: number; col: number }
  | { kind: 'set'; row: number; col: number; cell: Cell }
  | { kind: 'shift'; row: number; by: number }
  | { kind: 'duplicate'; row: number; to: number }
  | { kind: 'clearRow'; row: number }
  | { kind: 'merge'; area: Area }
  | { kind: 'unmerge'; index: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    row: fc.integer({ min: 1, max: 100 }),
    col: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({
    kind: fc.constant('set' as const),
    row: fc.integer({ min: 1, max: 100 }),
    col: fc.integer({ min: 1, max: 10 }),
    cell,
  }),
  fc.record({
    kind: fc.constant('shift' as const),
    row: fc.integer({ min: 1, max: 100 }),
    by: fc.integer({ min: -3, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    row: fc.integer({ min: 1, max: 100 }),
    to: fc.integer({ min: 1, max: 110 }),
  }),
  fc.record({ kind: fc.constant('clearRow' as const), row: fc.integer({ min: 1, max: 100 }) }),
  fc
    .tuple(
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([top, left, h, w]) => ({
      kind: 'merge' as const,
      area: { top, left, bottom: top + h, right: left + w },
    })),
  fc.record({ kind: fc.constant('unmerge' as const), index: fc.nat(40) }),
);

function mutate(base: SheetSpec, ops: readonly Op[]): Grid {
  const cells = base.cells.map((r) => (r ? [...r] : r));
  const merges = [...base.merges];
  for (const o of ops) {
    switch (o.kind) {
      case 'delete':
        if (cells[o.row]) cells[o.row]![o.col] = undefined;
        break;
      case 'set':
        (cells[o.row] ??= [])[o.col] = o.cell;
        break;
      case 'shift': {
        const row = cells[o.row];
        if (!row) break;
        const moved: Array<Cell | undefined> = [];
        row.forEach((c, k) => {
          if (k + o.by >= 1) moved[k + o.by] = c;
        });
        cells[o.row] = moved;
        break;
      }
      case 'duplicate':
        cells[o.to] = cells[o.row] ? [...cells[o.row]!] : undefined;
        break;
      case 'clearRow':
        cells[o.row] = undefined;
        break;
      case 'merge':
        merges.push(o.area);
        break;
      case 'unmerge':
        merges.splice(o.index % Math.max(1, merges.length), 1);
        break;
    }
  }
  return new Grid({ name: 'Sheet1', cells, merges });
}

function assertValid(grid: Grid): void {
  const sheet = checkSheet(grid, 'zh');
  const errors = validate({ version: 1, files: [{ path: 'x.xlsx', sheets: [sheet] }] });
  if (errors) throw new Error(errors);
  const en = checkSheet(grid, 'en');
  expect(en.forms.length).toBe(sheet.forms.length);
}

describe('the engine on any grid', () => {
  test('6,000 mutated seed and template forms: never throws, always schema-valid', () => {
    fc.assert(
      fc.property(fc.nat(BASES.length - 1), fc.array(op, { minLength: 1, maxLength: 12 }), (b, ops) => {
        assertValid(mutate(BASES[b], ops));
      }),
      { numRuns: 6000, seed: 20261128 },
    );
  });

  test('4,000 random sheets of labels, numbers and errors: never throws, always schema-valid', () => {
    const randomRow = fc.array(fc.option(cell, { nil: undefined, freq: 2 }), { maxLength: 10 });
    fc.assert(
      fc.property(
        fc.array(fc.option(randomRow, { nil: undefined, freq: 6 }), { maxLength: 40 }),
        fc.array(op, { maxLength: 4 }),
        (rows, ops) => {
          assertValid(mutate({ name: 'r', cells: [undefined, ...rows], merges: [] }, ops));
        },
      ),
      { numRuns: 4000, seed: 11282026 },
    );
  });
});
