import { Grid } from '../grid';
import { Chain } from '../compute/chain';
import { FormFigures } from '../compute/figures';
import { Message } from '../messages/catalog';
import { FixWrite } from '../fix';

export type RuleId =
  | 'misaligned-row'
  | 'not-a-number'
  | 'cell-error'
  | 'missing-score'
  | 'form-not-filled'
  | 'block-score-exceeds-points'
  | 'declared-points-mismatch'
  | 'score-exceeds-weight'
  | 'negative-value'
  | 'category-weight-mismatch'
  | 'weights-not-100'
  | 'total-weight-mismatch'
  | 'total-score-mismatch'
  | 'execution-rate-mismatch'
  | 'grade-mismatch'
  | 'execution-score-mismatch'
  | 'execution-exceeds-budget'
  | 'deduction-without-reason'
  | 'missing-field'
  | 'low-execution-unexplained'
  | 'score-inconsistent-with-actual'
  | 'nonstandard-symbol'
  | 'markup-in-cell'
  /** About a sheet rather than a form: no form was read where a header row nearly is one. */
  | 'form-not-recognised';

export type Severity = 'error' | 'warning' | 'info';

export type { FixWrite } from '../fix';

/** What a rule reports, before the message is put in words. */
export interface Draft {
  /** The cells to highlight; the first is the main one. */
  readonly cells: readonly string[];
  readonly message: Message;
  readonly fix?: readonly FixWrite[];
}

export interface RuleContext {
  readonly grid: Grid;
  readonly figures: FormFigures;
  readonly chain: Chain;
}

/** A rule, in the manner of an ESLint rule: its id, its severity, and a check over one form. */
export interface Rule {
  readonly id: RuleId;
  readonly severity: Severity;
  readonly description: string;
  check(context: RuleContext): Draft[];
}
