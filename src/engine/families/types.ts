import Decimal from 'decimal.js';
import { GradeBand } from '../compute/bands';
import type { Template } from '../templates';
import type { FamilyId } from './index';

/** What the layout reader saw of a form, for telling its family. */
export interface LayoutFeatures {
  /** A budget block scored as part of the form (项目资金 / 预算执行情况). */
  readonly budgetBlock: boolean;
  /** The points the budget block's label declares: `预算执行情况（万元）（20分）`. */
  readonly executionPointsDeclared?: Decimal;
  /** The indicator table has a 实际完成值 column. */
  readonly actualColumn: boolean;
  /** The indicator table has a 二级指标 column. */
  readonly secondaryColumn: boolean;
  /** The indicator table has a weight column (权重 / 分值). */
  readonly weightColumn: boolean;
  /** The indicators are scored by blocks declaring their points: `年度绩效目标1（40分）`. */
  readonly blockPoints: boolean;
  /** The form's title, as a label key ('' when it has none). */
  readonly title: string;
}

/**
 * A family of forms: how to tell one, how it is scored, and its blank standard form. Adding a
 * province's form is one such module (and its fixtures) in this folder, listed in index.ts; its
 * `id` joins the registry's ids from there: `FamilyModule['id']` is the union of the modules' ids.
 */
export interface FamilyModule<Id extends string = FamilyId> {
  readonly id: Id;
  readonly label: { readonly zh: string; readonly en: string };
  /** True when a form of these features belongs to the family (the registry asks in order). */
  matches(features: LayoutFeatures): boolean;
  /** Grade bands, best first, when the form's note states none. */
  readonly bands: readonly GradeBand[];
  /** Points budget execution is worth when the form's budget block neither gives nor declares them. */
  readonly executionPoints?: Decimal;
  /** The blank standard form, with live formulas. */
  template(): Template;
}
