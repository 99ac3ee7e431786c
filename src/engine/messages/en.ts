import { Texts } from './catalog';

const terms: Texts['terms'] = {
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
  improvements: 'improvements',
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const MISSING_EN = {
  category: '一级指标 column',
  score: '得分 / 自评分 column',
  name: '三级指标 / 指标名称 or 分值 / 权重 column',
};

export const en: Texts = {
  terms,
  'misaligned-row': (p) =>
    `Row ${p.row} has values under the wrong header columns (${p.cells}${p.direction === 'mixed' ? '' : `, shifted ${p.by} column${p.by === '1' ? '' : 's'} ${p.direction}`}): ${p.moves.join(', ')}. They were read at their proper place; the fix moves them there.`,
  'not-a-number': (p) => `${cap(terms[p.what])} should be a number, but ${p.cell} holds "${p.text}"`,
  'cell-error': (p) =>
    `${cap(terms[p.what])} (${p.cell}) is the error value ${p.code}: check its formula or references`,
  'form-not-filled': (p) =>
    p.indicators === '0'
      ? `The form is not filled in: no indicator and no score (${p.cell})`
      : `The form is not filled in: none of its ${p.indicators} indicators has a score (${p.cell}), so no total or grade can be computed`,
  'block-score-exceeds-points': (p) =>
    `The scores of "${p.block}" add up to ${p.score}, above the block's ${p.points} points (${p.cell})`,
  'declared-points-mismatch': (p) =>
    `"${p.label}" declares ${p.declared} points, but its parts add up to ${p.sum} (${p.cell})`,
  'missing-score': (p) => `Indicator "${p.name}" has weight ${p.weight} but no score (${p.cell})`,
  'score-exceeds-weight': (p) =>
    `Score ${p.score} is above weight ${p.weight} (${p.cell}, indicator "${p.name}")`,
  'negative-value': (p) => `${cap(terms[p.what])} ${p.value} is negative (${p.cell})`,
  'category-weight-mismatch': (p) =>
    `The weights of ${p.category} add up to ${p.sum}, not the ${p.declared} points its header declares (${p.cell})`,
  'weights-not-100': (p) => `All weights add up to ${p.sum}; they should add up to 100 (${p.cell})`,
  'total-weight-mismatch': (p) =>
    `Total weight ${p.stated} differs from the sum of the weights, ${p.computed} (${p.cell})`,
  'total-score-mismatch': (p) =>
    `Total score ${p.stated} differs from the sum of the scores, ${p.computed} (${p.cell})${p.grade ? `; the grade becomes "${p.grade}"` : ''}`,
  'execution-rate-mismatch': (p) =>
    `Execution rate ${p.stated}% differs from executed ${p.executed} ÷ budget ${p.budget} = ${p.computed}% (${p.cell})`,
  'grade-mismatch': (p) =>
    `Grade "${p.stated}" is not "${p.computed}", the band of total score ${p.total} (${p.cell})`,
  'execution-score-mismatch': (p) =>
    `Execution score ${p.stated} should be rate ${p.rate}% × ${p.points} points = ${p.computed} (${p.cell})`,
  'execution-exceeds-budget': (p) =>
    `Amount executed ${p.executed} is above the budget ${p.budget} (${p.cell})`,
  'deduction-without-reason': (p) =>
    `Indicator "${p.name}" scores ${p.score} of ${p.weight}, but the remarks (${p.cell}) give no reason`,
  'missing-field': (p) => `"${cap(terms[p.what])}" is blank (${p.cell})`,
  'low-execution-unexplained': (p) =>
    `Execution rate ${p.rate}% is below 90%, and "main problems" does not explain it (${p.cell})`,
  'score-inconsistent-with-actual': (p) =>
    `Indicator "${p.name}": target ${p.target}, actual ${p.actual}; the standard rule gives ${p.expected} points, the score is ${p.score} (${p.cell})`,
  'nonstandard-symbol': (p) =>
    `"${p.found}" in target "${p.text}" is not a standard sign; write "${p.standard}" (${p.cell})`,
  'markup-in-cell': (p) => `${p.cell} holds web markup (${p.preview}); the fix writes the plain text`,
  'no-form-found': (p) =>
    `No self-evaluation form found (sheets read: ${p.sheets}). A form needs a header row with 一级指标, 权重/分值 and 自评分/得分.`,
  'form-not-recognised': (p) =>
    `Row ${p.row} of "${p.sheet}" looks like an indicator table's header (found: ${p.found}) but has no ${p.missing.map((m) => MISSING_EN[m]).join(', ') || 'readable column'}, so no form was read. If it is a form, write the header the standard way, or send us the sheet so that we can support it`,
  unreadable: (p) => `Cannot read the file: ${p.reason}`,
  'sheet-reason': (p) => `sheet "${p.sheet}": ${p.reason}`,
  'sheet-unreadable': (p) =>
    `Sheet "${p.sheet}" cannot be read (${p.reason}); the other sheets are checked all the same`,
};
