/** Every message the engine says, with its parameters. zh.ts and en.ts implement it. */

/** Names of things in a form, as a message mentions them. */
export type Term =
  | 'weight'
  | 'score'
  | 'totalWeight'
  | 'totalScore'
  | 'budgetAmount'
  | 'executedAmount'
  | 'executionRate'
  | 'executionScore'
  | 'executionPoints'
  | 'previousBudget'
  | 'grade'
  | 'target'
  | 'projectName'
  | 'budgetUnit'
  | 'implementingUnit'
  | 'recurring'
  | 'annualGoal'
  | 'evaluationDate'
  | 'achievements'
  | 'problems'
  | 'improvements';

export interface Catalog {
  'misaligned-row': {
    row: string;
    cells: string;
    direction: 'left' | 'right' | 'mixed';
    by: string;
    moves: string[];
  };
  'not-a-number': { what: Term; cell: string; text: string };
  'cell-error': { what: Term; cell: string; code: string };
  'missing-score': { name: string; weight: string; cell: string };
  'form-not-filled': { indicators: string; cell: string };
  'block-score-exceeds-points': { block: string; score: string; points: string; cell: string };
  'declared-points-mismatch': { label: string; declared: string; sum: string; cell: string };
  'score-exceeds-weight': { name: string; score: string; weight: string; cell: string };
  'negative-value': { what: Term; value: string; cell: string };
  'category-weight-mismatch': { category: string; sum: string; declared: string; cell: string };
  'weights-not-100': { sum: string; cell: string };
  'total-weight-mismatch': { stated: string; computed: string; cell: string };
  'total-score-mismatch': { stated: string; computed: string; cell: string; grade?: string };
  'execution-rate-mismatch': {
    stated: string;
    computed: string;
    executed: string;
    budget: string;
    cell: string;
  };
  'grade-mismatch': { stated: string; computed: string; total: string; cell: string };
  'execution-score-mismatch': {
    stated: string;
    computed: string;
    rate: string;
    points: string;
    cell: string;
  };
  'execution-exceeds-budget': { executed: string; budget: string; cell: string };
  'deduction-without-reason': { name: string; score: string; weight: string; cell: string };
  'missing-field': { what: Term; cell: string };
  'low-execution-unexplained': { rate: string; cell: string };
  'score-inconsistent-with-actual': {
    name: string;
    target: string;
    actual: string;
    expected: string;
    score: string;
    cell: string;
  };
  'nonstandard-symbol': { text: string; found: string; standard: string; cell: string };
  'markup-in-cell': { cell: string; preview: string };
  'no-form-found': { sheets: string };
  'form-not-recognised': {
    sheet: string;
    row: string;
    found: string;
    missing: Array<'category' | 'score' | 'name'>;
  };
  unreadable: { reason: string };
  'sheet-unreadable': { sheet: string; reason: string };
  'sheet-reason': { sheet: string; reason: string };
}

export type MessageKey = keyof Catalog;

export type Message = { [K in MessageKey]: { readonly key: K; readonly params: Catalog[K] } }[MessageKey];

export type Lang = 'zh' | 'en';

export type Texts = { readonly [K in MessageKey]: (p: Catalog[K]) => string } & {
  readonly terms: Readonly<Record<Term, string>>;
};
