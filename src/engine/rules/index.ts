import { blockScoreExceedsPoints } from './block-score-exceeds-points';
import { categoryWeightMismatch } from './category-weight-mismatch';
import { declaredPointsMismatch } from './declared-points-mismatch';
import { formNotFilled } from './form-not-filled';
import { cellError } from './cell-error';
import { deductionWithoutReason } from './deduction-without-reason';
import { executionExceedsBudget } from './execution-exceeds-budget';
import { executionRateMismatch } from './execution-rate-mismatch';
import { executionScoreMismatch } from './execution-score-mismatch';
import { gradeMismatch } from './grade-mismatch';
import { lowExecutionUnexplained } from './low-execution-unexplained';
import { markupInCell } from './markup-in-cell';
import { misalignedRow } from './misaligned-row';
import { missingField } from './missing-field';
import { missingScore } from './missing-score';
import { negativeValue } from './negative-value';
import { nonstandardSymbol } from './nonstandard-symbol';
import { notANumber } from './not-a-number';
import { scoreExceedsWeight } from './score-exceeds-weight';
import { scoreInconsistentWithActual } from './score-inconsistent-with-actual';
import { totalScoreMismatch } from './total-score-mismatch';
import { totalWeightMismatch } from './total-weight-mismatch';
import { weightsNot100 } from './weights-not-100';
import { Rule, Severity } from './types';

export * from './types';

/** Every rule, in the order of docs/report.md. */
const ALL_RULES = [
  misalignedRow,
  notANumber,
  cellError,
  formNotFilled,
  missingScore,
  scoreExceedsWeight,
  negativeValue,
  categoryWeightMismatch,
  declaredPointsMismatch,
  blockScoreExceedsPoints,
  weightsNot100,
  totalWeightMismatch,
  totalScoreMismatch,
  executionRateMismatch,
  gradeMismatch,
  executionScoreMismatch,
  executionExceedsBudget,
  deductionWithoutReason,
  missingField,
  lowExecutionUnexplained,
  scoreInconsistentWithActual,
  nonstandardSymbol,
  markupInCell,
] as const;

export const RULES: ReadonlyArray<Rule<RuleId>> = ALL_RULES;

/** The ids of findings about a sheet as a whole rather than one form. */
export type SheetRuleId = 'form-not-recognised';

/**
 * A rule's id. Each rule module declares its own (`defineRule({ id: … })`); the union is read
 * off the list above, so a new rule is its module, its line in that list and its test table.
 */
export type RuleId = (typeof ALL_RULES)[number]['id'] | SheetRuleId;

/** Findings about a sheet as a whole rather than one form (the report's `sheets[].findings`). */
export const SHEET_RULES: ReadonlyArray<{
  readonly id: SheetRuleId;
  readonly severity: Severity;
  readonly description: string;
}> = [
  {
    id: 'form-not-recognised',
    severity: 'warning',
    description: 'No form was read on a sheet where a row nearly heads an indicator table.',
  },
];

export const RULE_BY_ID: ReadonlyMap<RuleId, Rule<RuleId>> = new Map(RULES.map((r) => [r.id, r]));
