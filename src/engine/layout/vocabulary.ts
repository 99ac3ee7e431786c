/**
 * The labels forms are found by. Every pattern is matched against the key of `parseLabel(text)`:
 * half-width, no white space, trailing annotations such as `（A）`, `（10分）`, `（万元）` removed.
 */

import { remembered } from '../read/memo';

export type FieldKey =
  | 'projectName'
  | 'budgetUnit'
  | 'implementingUnit'
  | 'recurring'
  | 'budgetAmount'
  | 'previousBudget'
  | 'executedAmount'
  | 'executionRate'
  | 'annualGoal'
  | 'evaluationDate'
  | 'grade'
  | 'achievements'
  | 'problems'
  | 'deviationReasons'
  | 'improvements';

const UNIT = '(\\((元|万元|%|％)\\))?';

export const FIELD_LABELS: ReadonlyArray<readonly [FieldKey, RegExp]> = [
  ['projectName', /^项目名称$/],
  ['budgetUnit', /^(预算单位|主管部门|预算部门)$/],
  ['implementingUnit', /^(具体实施处(\(科室\))?|具体实施(单位|部门)|实施单位|实施处室|项目实施单位)$/],
  ['recurring', /^是否为?经常性项目$/],
  ['budgetAmount', new RegExp(`^当年预算(数|金额)${UNIT}$`)],
  ['previousBudget', new RegExp(`^上年预算(数|金额)${UNIT}$`)],
  ['executedAmount', new RegExp(`^(预算|当年)执行(数|金额)${UNIT}$`)],
  ['executionRate', new RegExp(`^预算执行率${UNIT}$`)],
  ['annualGoal', /^(项目)?年度总(体)?目标(完成情况)?$/],
  ['evaluationDate', /^自评(时间|日期)$/],
  ['grade', /^(绩效|自评|评价)等级$/],
  ['achievements', /^主要绩效$/],
  ['problems', /^(主要问题|存在(的)?问题)$/],
  // Yunnan and Hubei forms, below the total: left blank when nothing fell short, so not required
  ['deviationReasons', /^偏差(较)?大(或|和)(目标)?未完成原因(分析)?$/],
  ['improvements', /^(改进|整改)措施$/],
];

/**
 * A text row below the table that is not a field of the report: the Yunnan / Hubei forms'
 * 改进措施及结果应用方案, after 偏差大或目标未完成原因分析 and before the note.
 */
export const TEXT_ROW_BELOW = /^改进措施及结果应用方案$/;

/** The header field a label key names, if any (the first of FIELD_LABELS that matches). */
export const fieldKeyOf = remembered((key: string): FieldKey | undefined => {
  if (key.length > 20) return undefined;
  for (const [k, re] of FIELD_LABELS) if (re.test(key)) return k;
  return undefined;
});

/** Columns of the indicator table. */
export type Role =
  | 'lead'
  | 'category'
  | 'secondary'
  | 'name'
  | 'sign'
  | 'target'
  | 'unit'
  | 'actual'
  | 'weight'
  | 'rule'
  | 'score'
  | 'note';

/**
 * `record[role] = value`, as a store by each role's own name: a store by a name that varies (a
 * row's slots, an indicator's cells in its report: every role of every row) takes V8's slowest
 * path, where each of these sees the few shapes of a sheet's rows. Exhaustive: a role added to
 * Role without its case does not compile here.
 */
export function setByRole<T>(record: Partial<Record<Role, T>>, role: Role, value: T): void {
  switch (role) {
    case 'lead':
      record.lead = value;
      return;
    case 'category':
      record.category = value;
      return;
    case 'secondary':
      record.secondary = value;
      return;
    case 'name':
      record.name = value;
      return;
    case 'sign':
      record.sign = value;
      return;
    case 'target':
      record.target = value;
      return;
    case 'unit':
      record.unit = value;
      return;
    case 'actual':
      record.actual = value;
      return;
    case 'weight':
      record.weight = value;
      return;
    case 'rule':
      record.rule = value;
      return;
    case 'score':
      record.score = value;
      return;
    case 'note':
      record.note = value;
      return;
    default: {
      const other: never = role;
      (record as Record<string, T>)[other] = value;
    }
  }
}

export const COLUMN_LABELS: ReadonlyArray<readonly [Role, RegExp]> = [
  ['category', /^(一级指标(名称)?|指标类别|指标类型)$/],
  ['secondary', /^二级指标(名称)?$/],
  ['name', /^(指标名称|三级指标(名称)?|具体指标|绩效指标名称)$/],
  ['sign', /^(指标性质|指标方向|比较符号?|计算符号|符号)$/],
  [
    'target',
    /^(指标解释|目标值|年度指标值|指标值|预期(目标)?值|年度目标值|绩效目标值|年初目标值|年初指标值|预期指标值|年度目标)$/,
  ],
  ['unit', /^(度量单位|计量单位|单位)$/],
  ['actual', /^(实际完成值|实际完成情况|实际值|完成值|全年实际值|全年完成值|实际完成)$/],
  ['weight', /^(权重|分值)(\((分|%)\))?$/],
  ['rule', /^(评分规则|评分标准|评分办法)$/],
  ['score', /^(自评分|得分|自评得分|评分|实际得分)(\(分\))?$/],
  ['note', /^(备注|偏差原因.*|原因分析.*|未完成原因.*|未达成原因.*)$/],
  ['lead', /^((年度)?绩效指标(完成情况)?|年度绩效目标\d*|绩效目标\d*)$/],
];

/**
 * A character every key of the category role (COLUMN_LABELS) holds: a text without it (or
 * markup that may spell it) is no category label, and the layout passes it over unread.
 */
export const CATEGORY_MARK = '指';

export function roleOf(key: string): Role | undefined {
  return key.length > 20 ? undefined : roles(key);
}

/** The column role a short label key names, if any (the first of COLUMN_LABELS that matches). */
const roles = remembered((key: string): Role | undefined => {
  for (const [r, re] of COLUMN_LABELS) if (re.test(key)) return r;
  return undefined;
});

export const TOTAL_LABEL = /^(合计|总分|总计|合计得分|总得分|评价总分|自评总分)$/;
/**
 * A form's title: `…绩效自评表`, `绩效…自我评价`. The test of `/绩效.*(自评|自我评价)|自评表/` in one
 * pass (that pattern is retried from every `绩效` of `绩效绩效…`): the first 绩效 of a line, then
 * 自评 or 自我评价 anywhere after it on that line.
 */
export function isTitle(text: string): boolean {
  if (text.includes('自评表')) return true;
  for (let from = text.indexOf('绩效'); from >= 0;) {
    const end = lineEnd(text, from);
    const line = text.slice(from + 2, end);
    if (line.includes('自评') || line.includes('自我评价')) return true;
    from = text.indexOf('绩效', end);
  }
  return false;
}

/** Where the line that holds `at` ends (`.` in a pattern stops there). */
function lineEnd(text: string, at: number): number {
  for (let k = at; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return k;
  }
  return text.length;
}
export const NOTE_START = /^(说明|注|备注)(\d|[:：.、]|$)/;
export const CATEGORY_LIKE = /指标|产出|效益|效果|满意度|成本|过程|决策|管理/;
/**
 * Declared points at the end of a category header: `产出指标 (45分)`, `产出指标（50分）`,
 * `产出指标50分`; `index` is where the declaration starts (its bracket, or the blanks before
 * the number). What `/[(（]?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]?\s*$/` finds, read backwards from
 * the end in one pass: that pattern is retried from every digit of `产出指标1…1x`.
 */
export function declaredPoints(text: string): { index: number; points: string } | undefined {
  let k = text.length;
  const blank = (at: number) => at > 0 && /\s/.test(text[at - 1]);
  while (blank(k)) k--;
  if (k > 0 && (text[k - 1] === ')' || text[k - 1] === '）')) k--;
  while (blank(k)) k--;
  if (k === 0 || text[k - 1] !== '分') return undefined;
  k--;
  while (blank(k)) k--;
  const digits = (at: number) => {
    let d = at;
    while (d > 0 && isDigit(text.charCodeAt(d - 1))) d--;
    return d;
  };
  const end = k;
  let start = digits(k);
  if (start === k) return undefined;
  if (start > 1 && text[start - 1] === '.') {
    const whole = digits(start - 1);
    if (whole < start - 1) start = whole;
  }
  const points = text.slice(start, end);
  k = start;
  while (blank(k)) k--;
  if (k > 0 && (text[k - 1] === '(' || text[k - 1] === '（')) k--;
  return { index: k, points };
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * The budget block's column headers, in the shapes forms use: national `年初预算数 | 全年预算数 |
 * 全年执行数 | 分值 | 执行率 | 得分`, provincial `年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 |
 * 权重 | 得分 | 原因`, and `预算数（A）| 执行数（B）| 执行率（B/A）| 得分（20分*执行率）`.
 */
export const FUNDS = {
  initialBudget: /^年初预算(数)?$/,
  budget: /^(全年预算(数)?|调整后预算(数)?|预算数|全年预算金额|预算调整数|调整预算数)$/,
  executed: /^(全年执行(数)?|预算执行(数)?|执行数|实际执行数|全年支出数|实际支出数?)$/,
  points: /^(分值|权重)$/,
  rate: /^(预算)?执行率$/,
  score: /^得分$/,
  /** The row the block is scored on; `年度资金总额`, `总额`, `年度财政资金总额`, `合计`. */
  totalRow: /^(年度资金总额|年度财政资金总额|资金总额|总额|合计|总计)$/,
  /** The block's side label: `项目资金（万元）`, `预算执行情况（10分）`, `资金情况（万元）`. */
  block: /^(项目资金|预算执行情况|资金情况|预算资金|资金投入|年度预算数)/,
};
export const GOAL_EXPECTED = /^预期目标$/;
