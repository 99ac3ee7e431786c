import { Texts } from './catalog';

export const EN_TERMS: Texts['terms'] = {
  weight: 'weight',
  score: 'score',
  totalWeight: 'total weight',
  totalScore: 'total score',
  budgetAmount: 'budget',
  executedAmount: 'amount executed',
  executionRate: 'execution rate',
  executionScore: 'execution score',
  executionPoints: 'execution points',
  previousBudget: 'previous year budget',
  grade: 'grade',
  target: 'target',
  projectName: 'project name',
  budgetUnit: 'budget unit',
  implementingUnit: 'implementing office',
  recurring: 'recurring project',
  annualGoal: 'annual goal',
  evaluationDate: 'evaluation date',
  achievements: 'main achievements',
  problems: 'main problems',
  deviationReasons: 'reasons for deviations or unmet targets',
  improvements: 'improvements',
};

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const MISSING_EN = {
  category: '一级指标 column',
  score: '得分 / 自评分 column',
  name: '三级指标 / 指标名称 or 分值 / 权重 column',
};

export const en: Texts = {
  terms: EN_TERMS,
  'no-form-found': (p) =>
    `No self-evaluation form found (sheets read: ${p.sheets}). A form needs a header row with 一级指标, 权重/分值 and 自评分/得分.`,
  'form-not-recognised': (p) =>
    `Row ${p.row} of "${p.sheet}" looks like an indicator table's header (found: ${p.found}) but has no ${p.missing.map((m) => MISSING_EN[m]).join(', ') || 'readable column'}, so no form was read. If it is a form, write the header the standard way, or send us the sheet so that we can support it`,
  unreadable: (p) => `Cannot read the file: ${p.reason}`,
  'sheet-reason': (p) => `sheet "${p.sheet}": ${p.reason}`,
  'sheet-unreadable': (p) =>
    `Sheet "${p.sheet}" cannot be read (${p.reason}); the other sheets are checked all the same`,
};
