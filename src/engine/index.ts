/** The Ziping engine: pure TypeScript, no Office.js, no DOM, no Node APIs. */
export * from './grid';
export * from './report';
export { findForms } from './layout/findForms';
export type { FormLayout, Family } from './layout/model';
export { RULES, SHEET_RULES } from './rules';
export type { Rule, RuleId, Severity, FixWrite } from './rules';
export type { Lang } from './messages';
