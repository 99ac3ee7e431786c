/**
 * The messages the engine says outside its rules, with their parameters; zh.ts and en.ts implement
 * them. Each rule's own messages, in both languages, live in its module under src/engine/rules/.
 */

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
  | 'deviationReasons'
  | 'improvements';

export interface Catalog {
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
