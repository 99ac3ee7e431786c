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
import { Rule, RuleId, Severity } from './types';

export * from './types';

/** Every rule, in the order of docs/report.md. */
export const RULES: readonly Rule[] = [
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
];

/** Findings about a sheet as a whole rather than one form (the report's `sheets[].findings`). */
export const SHEET_RULES: ReadonlyArray<{
  readonly id: RuleId;
  readonly severity: Severity;
  readonly description: string;
}> = [
  {
    id: 'form-not-recognised',
    severity: 'warning',
    description: 'No form was read on a sheet where a row nearly heads an indicator table.',
  },
];

export const RULE_BY_ID: ReadonlyMap<RuleId, Rule> = new Map(RULES.map((r) => [r.id, r]));
