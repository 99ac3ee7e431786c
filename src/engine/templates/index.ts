/**
 * The blank standard forms as data: cells, formulas, merges, formats, validation, column widths
 * and print setup. The command line writes them with exceljs; the add-in with Office.js. Both
 * render exactly this description.
 */
import { GradeBand } from '../compute/bands';
import { show } from '../compute/decimal';
import { a1, colName, colNumber, rangeA1 } from '../grid';
import { Family } from '../layout/model';
import { FieldKey, Role } from '../layout/vocabulary';

export type TemplateStyle =
  'title' | 'subtitle' | 'label' | 'header' | 'category' | 'input' | 'computed' | 'total' | 'note';

/** How each kind of template cell looks; the command line (exceljs) and the add-in (Office.js) both render this. */
export interface TemplateLook {
  readonly fill?: string;
  readonly bold?: boolean;
  readonly size?: number;
  readonly wrap?: boolean;
  readonly center?: boolean;
  readonly top?: boolean;
  readonly border?: boolean;
}

export const TEMPLATE_LOOKS: Readonly<Record<TemplateStyle, TemplateLook>> = {
  title: { bold: true, size: 16, center: true },
  subtitle: { center: true },
  label: { bold: true, fill: '#F2F2F2', wrap: true, border: true },
  header: { bold: true, fill: '#D9E1F2', wrap: true, center: true, border: true },
  category: { bold: true, wrap: true, center: true, border: true },
  input: { wrap: true, border: true },
  computed: { fill: '#FFF2CC', border: true },
  total: { bold: true, fill: '#F2F2F2', center: true, border: true },
  note: { size: 9, wrap: true, top: true },
};

export interface TemplateCell {
  readonly ref: string;
  readonly value?: string | number;
  /** A formula without its leading `=`. */
  readonly formula?: string;
  readonly format?: string;
  readonly style: TemplateStyle;
}

export type TemplateValidation =
  | {
      readonly range: string;
      readonly kind: 'list';
      readonly values: readonly string[];
      readonly message: string;
    }
  | {
      readonly range: string;
      readonly kind: 'decimal';
      /** A number, or a formula relative to the range's first cell (e.g. `D14`). */
      readonly min: string;
      readonly max?: string;
      readonly message: string;
    };

export interface Template {
  readonly family: Family;
  readonly label: { readonly zh: string; readonly en: string };
  readonly sheetName: string;
  /** The used range: A1:G33. */
  readonly range: string;
  readonly cells: readonly TemplateCell[];
  readonly merges: readonly string[];
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
  readonly rowHeights: Readonly<Record<number, number>>;
  readonly validations: readonly TemplateValidation[];
  readonly print: { readonly orientation: 'portrait' | 'landscape'; readonly titleRows: string };
  /** Where a clerk types: header fields, indicator rows by category, and the table's columns. */
  readonly inputs: {
    readonly fields: Partial<Record<FieldKey, string>>;
    readonly categories: ReadonlyArray<{
      readonly name: string;
      readonly points: number;
      readonly rows: readonly number[];
    }>;
    readonly columns: Partial<Record<Role, string>>;
  };
  /** The cells the template computes. */
  readonly computed: {
    /** The points of the form, where it has a weight column to sum (forms with block points have none). */
    readonly totalWeight?: string;
    readonly totalScore: string;
    readonly executionRate: string;
    readonly executionScore?: string;
    readonly grade: string;
  };
}

/**
 * The grade as a formula over the family's bands (the engine's own), in nested IFs that Excel
 * 2016 understands; blank while the total is blank.
 */
export function gradeFormula(total: string, bands: readonly GradeBand[]): string {
  const best = [...bands].sort((x, y) => y.min.comparedTo(x.min));
  let f = `"${best[best.length - 1].grade}"`;
  for (let i = best.length - 2; i >= 0; i--) f = `IF(${total}>=${show(best[i].min)},"${best[i].grade}",${f})`;
  return `IF(${total}="","",${f})`;
}

/** Weights between 0 and 100; each score between 0 and its own row's weight. */
function pointValidations(
  weight: string,
  score: string,
  first: number,
  last: number,
  weightName: string,
  scoreName: string,
): TemplateValidation[] {
  return [
    {
      range: `${weight}${first}:${weight}${last}`,
      kind: 'decimal',
      min: '0',
      max: '100',
      message: `${weightName}应在 0 到 100 之间`,
    },
    {
      range: `${score}${first}:${score}${last}`,
      kind: 'decimal',
      min: '0',
      max: `${weight}${first}`,
      message: `${scoreName}应在 0 与本行${weightName}之间`,
    },
  ];
}

/** The execution rate executed ÷ budget, blank until both are typed (and while the budget is 0). */
function rateFormula(budget: string, executed: string): string {
  return `IF(OR(${budget}="",${executed}=""),"",IF(${budget}=0,"",${executed}/${budget}))`;
}

const MONEY = '#,##0.00';
const RATE = '0.00%';
const SCORE = '0.##';

class Builder {
  readonly cells: TemplateCell[] = [];
  readonly merges: string[] = [];
  readonly rowHeights: Record<number, number> = {};
  private readonly taken = new Set<string>();

  put(
    ref: string,
    style: TemplateStyle,
    content: { value?: string | number; formula?: string; format?: string } = {},
  ) {
    if (this.taken.has(ref)) throw new Error(`template cell ${ref} written twice`);
    this.taken.add(ref);
    this.cells.push({ ref, style, ...content });
  }

  /** A cell spanning columns, with the same style on every cell of the merge (for borders). */
  span(
    row: number,
    from: string,
    to: string,
    style: TemplateStyle,
    content: { value?: string | number; formula?: string; format?: string } = {},
  ) {
    const left = colNumber(from);
    const right = colNumber(to);
    this.put(a1(row, left), style, content);
    for (let c = left + 1; c <= right; c++) this.put(a1(row, c), style);
    if (right > left) this.merges.push(rangeA1(row, left, row, right));
  }

  /** A block merged down and across. */
  block(top: number, bottom: number, from: string, to: string, style: TemplateStyle, value?: string) {
    const left = colNumber(from);
    const right = colNumber(to);
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++)
        this.put(a1(r, c), style, r === top && c === left && value !== undefined ? { value } : {});
    }
    if (bottom > top || right > left) this.merges.push(rangeA1(top, left, bottom, right));
  }
}

/** A category of a template's indicator table: its points and the 二级指标 of its rows. */
interface CategorySpec {
  readonly name: string;
  readonly points: number;
  readonly secondary: readonly string[];
}

/** 产出指标 as the national and the Yunnan / Hubei templates lay it out: 50 points, two rows of each 二级指标. */
const OUTPUTS: CategorySpec = {
  name: '产出指标',
  points: 50,
  secondary: ['数量指标', '数量指标', '质量指标', '质量指标', '时效指标', '时效指标', '成本指标', '成本指标'],
};

/**
 * The indicator rows from `first` down: each category merged down its rows in column `category`
 * as `产出指标（50分）`, each run of one 二级指标 merged down its rows in the next column, and the
 * row's input cells (column and number format).
 */
function indicatorRows(
  b: Builder,
  first: number,
  categories: readonly CategorySpec[],
  category: string,
  inputs: ReadonlyArray<readonly [column: string, format?: string]>,
): Array<{ name: string; points: number; rows: number[] }> {
  const secondary = colName(colNumber(category) + 1);
  let r = first;
  return categories.map((c) => {
    const rows = c.secondary.map((_, k) => r + k);
    b.block(r, r + rows.length - 1, category, category, 'category', `${c.name}（${c.points}分）`);
    let k = 0;
    while (k < c.secondary.length) {
      let end = k;
      while (end + 1 < c.secondary.length && c.secondary[end + 1] === c.secondary[k]) end++;
      b.block(r + k, r + end, secondary, secondary, 'category', c.secondary[k]);
      k = end + 1;
    }
    for (const row of rows)
      for (const [col, format] of inputs) b.put(`${col}${row}`, 'input', format ? { format } : {});
    r += rows.length;
    return { name: c.name, points: c.points, rows };
  });
}

const SHANGHAI_NOTE =
  '说明：1、依据本项目应实现的绩效目标或工作计划，对照已完成的情况，进行绩效自评。2、绩效等级说明：自评分合计90（含）-100分为优秀，75（含）-90分为良好，60（含）-75分为合格，0-60分为不合格。3、产出目标、效果目标和影响力目标可根据项目情况自行增加绩效指标。';

const NATIONAL_NOTE =
  '说明：总分90（含）以上为优，80（含）-90分为良，60（含）-80分为中，60分以下为差。执行率得分 = 执行率 × 分值，最高为分值。';

/** The Shanghai district form (the seed's compact layout), 100 points: 产出 45, 效益 35, 满意度 20. */
export function shanghaiTemplate(bands: readonly GradeBand[]): Template {
  const b = new Builder();
  b.span(1, 'A', 'G', 'title', { value: '____年度财政项目绩效自我评价' });
  b.rowHeights[1] = 30;
  const pairs: Array<[string, FieldKey, string, FieldKey, string?, string?]> = [
    ['项目名称', 'projectName', '预算单位', 'budgetUnit'],
    ['具体实施处(科室)', 'implementingUnit', '是否为经常性项目', 'recurring'],
    ['当年预算数(元)', 'budgetAmount', '上年预算金额(元)', 'previousBudget', MONEY, MONEY],
    ['预算执行数(元)', 'executedAmount', '预算执行率(%)', 'executionRate', MONEY, RATE],
  ];
  const fields: Partial<Record<FieldKey, string>> = {};
  pairs.forEach(([l1, k1, l2, k2, f1, f2], i) => {
    const r = 3 + i;
    b.put(`A${r}`, 'label', { value: l1 });
    b.put(`B${r}`, 'input', f1 ? { format: f1 } : {});
    b.put(`C${r}`, 'label', { value: l2 });
    if (k2 === 'executionRate') {
      b.span(r, 'D', 'G', 'computed', { formula: rateFormula('B5', 'B6'), format: RATE });
    } else {
      b.span(r, 'D', 'G', 'input', f2 ? { format: f2 } : {});
    }
    fields[k1] = `B${r}`;
    fields[k2] = `D${r}`;
  });
  const first = 14;
  const categories = [
    { name: '产出指标', points: 45, count: 8 },
    { name: '效益指标', points: 35, count: 6 },
    { name: '满意度指标', points: 20, count: 4 },
  ];
  const last = first + categories.reduce((s, c) => s + c.count, 0) - 1;
  const total = last + 1;
  const longs: Array<[string, FieldKey]> = [
    ['项目年度总目标', 'annualGoal'],
    ['自评时间', 'evaluationDate'],
    ['绩效等级', 'grade'],
    ['主要绩效', 'achievements'],
    ['主要问题', 'problems'],
    ['改进措施', 'improvements'],
  ];
  longs.forEach(([label, key], i) => {
    const r = 7 + i;
    b.put(`A${r}`, 'label', { value: label });
    if (key === 'grade') {
      const t = `F${total}`;
      b.span(r, 'B', 'G', 'computed', { formula: gradeFormula(t, bands) });
    } else b.span(r, 'B', 'G', 'input');
    fields[key] = `B${r}`;
    if (key === 'annualGoal' || key === 'achievements' || key === 'problems' || key === 'improvements')
      b.rowHeights[r] = 48;
  });
  ['一级指标', '指标名称', '目标值', '权重', '评分规则', '自评分', '备注'].forEach((h, i) =>
    b.put(a1(13, i + 1), 'header', { value: h }),
  );
  let r = first;
  const cats = categories.map((c) => {
    const rows = Array.from({ length: c.count }, (_, k) => r + k);
    b.block(r, r + c.count - 1, 'A', 'A', 'category', `${c.name} (${c.points}分)`);
    for (const row of rows) {
      b.put(`B${row}`, 'input');
      b.put(`C${row}`, 'input');
      b.put(`D${row}`, 'input', { format: SCORE });
      b.put(`E${row}`, 'input');
      b.put(`F${row}`, 'input', { format: SCORE });
      b.put(`G${row}`, 'input');
    }
    r += c.count;
    return { name: c.name, points: c.points, rows };
  });
  b.span(total, 'A', 'C', 'total', { value: '合计' });
  b.put(`D${total}`, 'total', {
    formula: `IF(COUNT(D${first}:D${last})=0,"",SUM(D${first}:D${last}))`,
    format: SCORE,
  });
  b.put(`E${total}`, 'total');
  b.put(`F${total}`, 'total', {
    formula: `IF(COUNT(F${first}:F${last})=0,"",SUM(F${first}:F${last}))`,
    format: SCORE,
  });
  b.put(`G${total}`, 'total');
  b.span(total + 1, 'A', 'G', 'note', { value: SHANGHAI_NOTE });
  b.rowHeights[total + 1] = 60;
  return {
    family: 'shanghai',
    label: { zh: '上海区级财政项目绩效自我评价表', en: 'Shanghai district self-evaluation form' },
    sheetName: '绩效自评表',
    range: `A1:G${total + 1}`,
    cells: b.cells,
    merges: b.merges,
    columnWidths: [16, 26, 18, 8, 30, 8, 22],
    rowHeights: b.rowHeights,
    validations: [
      { range: 'D4', kind: 'list', values: ['是', '否'], message: '请选择“是”或“否”' },
      ...pointValidations('D', 'F', first, last, '权重', '自评分'),
    ],
    print: { orientation: 'portrait', titleRows: '13:13' },
    inputs: {
      fields,
      categories: cats,
      columns: { category: 'A', name: 'B', target: 'C', weight: 'D', rule: 'E', score: 'F', note: 'G' },
    },
    computed: { totalWeight: `D${total}`, totalScore: `F${total}`, executionRate: 'D6', grade: 'B9' },
  };
}

/** The national 项目支出绩效自评表 (财预〔2020〕10号): execution 10, 产出 50, 效益 30, 满意度 10. */
export function nationalTemplate(bands: readonly GradeBand[]): Template {
  const b = new Builder();
  b.span(1, 'A', 'I', 'title', { value: '项目支出绩效自评表' });
  b.rowHeights[1] = 30;
  b.span(2, 'A', 'I', 'subtitle', { value: '（      年度）' });
  b.put('A3', 'label', { value: '项目名称' });
  b.span(3, 'B', 'I', 'input');
  b.put('A4', 'label', { value: '主管部门' });
  b.span(4, 'B', 'D', 'input');
  b.put('E4', 'label', { value: '实施单位' });
  b.span(4, 'F', 'I', 'input');
  b.block(5, 9, 'A', 'A', 'label', '项目资金（万元）');
  b.put('B5', 'header');
  ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].forEach((h, i) =>
    b.put(a1(5, 3 + i), 'header', { value: h }),
  );
  b.put('I5', 'header');
  const fundRows = ['年度资金总额', '其中：当年财政拨款', '上年结转资金', '其他资金'];
  fundRows.forEach((label, i) => {
    const r = 6 + i;
    b.put(`B${r}`, 'label', { value: label });
    for (const c of ['C', 'D', 'E']) b.put(`${c}${r}`, i === 0 ? 'input' : 'input', { format: MONEY });
    if (i === 0) {
      b.put('F6', 'computed', { value: 10 });
      b.put('G6', 'computed', { formula: rateFormula('D6', 'E6'), format: RATE });
      b.put('H6', 'computed', { formula: 'IF(G6="","",MIN(G6*F6,F6))', format: '0.00' });
    } else {
      b.put(`F${r}`, 'computed', { value: '—' });
      b.put(`G${r}`, 'computed', { formula: rateFormula(`D${r}`, `E${r}`), format: RATE });
      b.put(`H${r}`, 'computed', { value: '—' });
    }
    b.put(`I${r}`, 'input');
  });
  b.block(10, 11, 'A', 'A', 'label', '年度总体目标');
  b.span(10, 'B', 'E', 'header', { value: '预期目标' });
  b.span(10, 'F', 'I', 'header', { value: '实际完成情况' });
  b.span(11, 'B', 'E', 'input');
  b.span(11, 'F', 'I', 'input');
  b.rowHeights[11] = 60;
  const header = 12;
  [
    '一级指标',
    '二级指标',
    '三级指标',
    '年度指标值',
    '实际完成值',
    '分值',
    '得分',
    '偏差原因分析及改进措施',
  ].forEach((h, i) => b.put(a1(header, 2 + i), 'header', { value: h }));
  const categories: CategorySpec[] = [
    OUTPUTS,
    {
      name: '效益指标',
      points: 30,
      secondary: [
        '经济效益指标',
        '社会效益指标',
        '社会效益指标',
        '生态效益指标',
        '可持续影响指标',
        '可持续影响指标',
      ],
    },
    { name: '满意度指标', points: 10, secondary: ['服务对象满意度指标', '服务对象满意度指标'] },
  ];
  const first = header + 1;
  const last = first + categories.reduce((s, c) => s + c.secondary.length, 0) - 1;
  const total = last + 1;
  b.block(header, last, 'A', 'A', 'label', '绩效指标');
  const cats = indicatorRows(b, first, categories, 'B', [
    ['D'],
    ['E'],
    ['F'],
    ['G', SCORE],
    ['H', SCORE],
    ['I'],
  ]);
  b.span(total, 'A', 'F', 'total', { value: '总分' });
  b.put(`G${total}`, 'total', { formula: `SUM(G${first}:G${last})+F6`, format: SCORE });
  b.put(`H${total}`, 'total', {
    formula: `IF(COUNT(H${first}:H${last})=0,"",SUM(H${first}:H${last},H6))`,
    format: '0.00',
  });
  b.put(`I${total}`, 'total');
  const g = `H${total}`;
  b.put(`A${total + 1}`, 'label', { value: '自评等级' });
  b.span(total + 1, 'B', 'I', 'computed', { formula: gradeFormula(g, bands) });
  b.span(total + 2, 'A', 'I', 'note', { value: NATIONAL_NOTE });
  b.rowHeights[total + 2] = 36;
  return {
    family: 'national',
    label: { zh: '项目支出绩效自评表（财政部）', en: 'National project expenditure self-evaluation form' },
    sheetName: '绩效自评表',
    range: `A1:I${total + 2}`,
    cells: b.cells,
    merges: b.merges,
    columnWidths: [10, 14, 16, 22, 14, 14, 8, 8, 26],
    rowHeights: b.rowHeights,
    validations: [...pointValidations('G', 'H', first, last, '分值', '得分')],
    print: { orientation: 'landscape', titleRows: `${header}:${header}` },
    inputs: {
      fields: {
        projectName: 'B3',
        budgetUnit: 'B4',
        implementingUnit: 'F4',
        annualGoal: 'B11',
        budgetAmount: 'D6',
        executedAmount: 'E6',
      },
      categories: cats,
      columns: {
        category: 'B',
        secondary: 'C',
        name: 'D',
        target: 'E',
        actual: 'F',
        weight: 'G',
        score: 'H',
        note: 'I',
      },
    },
    computed: {
      totalWeight: `G${total}`,
      totalScore: `H${total}`,
      executionRate: 'G6',
      executionScore: 'H6',
      grade: `B${total + 1}`,
    },
  };
}

const YUNNAN_HUBEI_NOTE =
  '说明：1、预算数为调整后财政资金总额（含上年结转），执行数为财政资金实际支出数；执行率得分 = 执行率 × 20，最高20分。2、总分90（含）以上为优，80（含）-90分为良，60（含）-80分为中，60分以下为差。';

/**
 * The Yunnan / Hubei 项目支出绩效自评表 (20 points): budget execution 20 (executed ÷ budget × 20,
 * at most 20), one block 年度绩效目标（80分） without a weight column, 产出 50, 效益 20, 满意度 10.
 */
export function yunnanHubeiTemplate(bands: readonly GradeBand[]): Template {
  const b = new Builder();
  b.span(1, 'A', 'G', 'title', { value: '（      年度）项目支出绩效自评表' });
  b.rowHeights[1] = 30;
  b.put('A2', 'label', { value: '单位名称' });
  b.span(2, 'B', 'D', 'input');
  b.put('E2', 'label', { value: '填报日期' });
  b.span(2, 'F', 'G', 'input');
  b.put('A3', 'label', { value: '项目名称' });
  b.span(3, 'B', 'G', 'input');
  b.put('A4', 'label', { value: '主管部门' });
  b.span(4, 'B', 'C', 'input');
  b.span(4, 'D', 'E', 'label', { value: '项目实施单位' });
  b.span(4, 'F', 'G', 'input');
  b.put('A5', 'label', { value: '项目类别' });
  b.span(5, 'B', 'G', 'input');
  b.put('A6', 'label', { value: '项目属性' });
  b.span(6, 'B', 'G', 'input');
  b.span(7, 'A', 'B', 'label', { value: '预算执行情况（万元）（20分）' });
  b.put('C7', 'header', { value: '预算数（A）' });
  b.put('D7', 'header', { value: '执行数（B）' });
  b.put('E7', 'header', { value: '执行率（B/A）' });
  b.span(7, 'F', 'G', 'header', { value: '得分（20分*执行率）' });
  b.span(8, 'A', 'B', 'label', { value: '年度财政资金总额' });
  b.put('C8', 'input', { format: MONEY });
  b.put('D8', 'input', { format: MONEY });
  b.put('E8', 'computed', { formula: rateFormula('C8', 'D8'), format: RATE });
  b.span(8, 'F', 'G', 'computed', { formula: 'IF(E8="","",MIN(E8,1)*20)', format: '0.00' });
  b.rowHeights[7] = 30;
  const header = 9;
  ['一级指标', '二级指标', '三级指标', '年初目标值（A）', '实际完成值（B）', '得分'].forEach((h, i) =>
    b.put(a1(header, 2 + i), 'header', { value: h }),
  );
  const categories: CategorySpec[] = [
    OUTPUTS,
    {
      name: '效益指标',
      points: 20,
      secondary: ['经济效益指标', '社会效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
    },
    { name: '满意度指标', points: 10, secondary: ['服务对象满意度指标', '服务对象满意度指标'] },
  ];
  const first = header + 1;
  const last = first + categories.reduce((s, c) => s + c.secondary.length, 0) - 1;
  const total = last + 1;
  const blockPoints = categories.reduce((s, c) => s + c.points, 0);
  b.block(header, last, 'A', 'A', 'label', `年度绩效目标（${blockPoints}分）`);
  const cats = indicatorRows(b, first, categories, 'B', [['D'], ['E'], ['F'], ['G', SCORE]]);
  b.span(total, 'A', 'F', 'total', { value: '总分' });
  b.put(`G${total}`, 'total', {
    formula: `IF(COUNT(G${first}:G${last})=0,"",SUM(G${first}:G${last},F8))`,
    format: '0.00',
  });
  const grade = total + 1;
  b.put(`A${grade}`, 'label', { value: '自评等级' });
  b.span(grade, 'B', 'G', 'computed', { formula: gradeFormula(`G${total}`, bands) });
  const reasons = total + 2;
  const measures = total + 3;
  b.put(`A${reasons}`, 'label', { value: '偏差大或目标未完成原因分析' });
  b.span(reasons, 'B', 'G', 'input');
  b.put(`A${measures}`, 'label', { value: '改进措施及结果应用方案' });
  b.span(measures, 'B', 'G', 'input');
  b.rowHeights[reasons] = 48;
  b.rowHeights[measures] = 48;
  b.span(total + 4, 'A', 'G', 'note', { value: YUNNAN_HUBEI_NOTE });
  b.rowHeights[total + 4] = 36;
  return {
    family: 'yunnan-hubei',
    label: {
      zh: '项目支出绩效自评表（云南、湖北）',
      en: 'Yunnan / Hubei project expenditure self-evaluation form',
    },
    sheetName: '绩效自评表',
    range: `A1:G${total + 4}`,
    cells: b.cells,
    merges: b.merges,
    columnWidths: [14, 12, 16, 28, 16, 16, 10],
    rowHeights: b.rowHeights,
    validations: [
      {
        range: 'B5',
        kind: 'list',
        values: ['部门预算项目', '市直专项', '市对下转移支付项目'],
        message: '请选择项目类别',
      },
      { range: 'B6', kind: 'list', values: ['持续性项目', '新增性项目'], message: '请选择项目属性' },
      { range: 'C8:D8', kind: 'decimal', min: '0', message: '金额不能为负数' },
      // no weight column: each score between 0 and its category's points
      ...cats.map((c): TemplateValidation => ({
        range: `G${c.rows[0]}:G${c.rows[c.rows.length - 1]}`,
        kind: 'decimal',
        min: '0',
        max: String(c.points),
        message: `${c.name}的得分应在 0 到 ${c.points} 之间`,
      })),
    ],
    print: { orientation: 'portrait', titleRows: `${header}:${header}` },
    inputs: {
      fields: {
        projectName: 'B3',
        budgetUnit: 'B4',
        implementingUnit: 'F4',
        budgetAmount: 'C8',
        executedAmount: 'D8',
        deviationReasons: `B${reasons}`,
      },
      categories: cats,
      columns: { category: 'B', secondary: 'C', name: 'D', target: 'E', actual: 'F', score: 'G' },
    },
    computed: {
      totalScore: `G${total}`,
      executionRate: 'E8',
      executionScore: 'F8',
      grade: `B${grade}`,
    },
  };
}

/** A sheet name that does not clash: 绩效自评表, 绩效自评表 (2), … (case-insensitive, as Excel compares). */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
