import Decimal from 'decimal.js';
import { Cell } from '../grid';
import { FieldKey, Role } from './vocabulary';

export type Family = 'shanghai' | 'national';

export interface Pos {
  readonly row: number;
  readonly col: number;
}

/** A cell of the form: where it is and what it holds (undefined when empty). */
export interface Slot extends Pos {
  readonly cell?: Cell;
}

export interface FieldSlot extends Slot {
  readonly label: Pos;
  /** The text the field holds, markup stripped; '' when blank. */
  readonly text: string;
}

export interface CategoryLayout {
  readonly name: string;
  readonly row: number;
  readonly col: number;
  readonly declared?: Decimal;
}

/** One value moved by realignment: from the column it sits in to the column it belongs to. */
export interface Move {
  readonly from: number;
  readonly to: number;
}

export interface RowLayout {
  readonly row: number;
  /** Cells by role, read at their realigned position. */
  readonly slots: Partial<Record<Role, Slot>>;
  /** Non-empty when the row's values sit under the wrong columns. */
  readonly moves: readonly Move[];
}

export interface IndicatorLayout extends RowLayout {
  readonly category: number;
  readonly secondary?: string;
  readonly name: string;
}

export interface ExecutionLayout {
  /** The row of the funds block's column headers (年初预算数 | 全年预算数 | …). */
  readonly headerRow: number;
  readonly budget: Slot;
  readonly executed: Slot;
  readonly points: Slot;
  readonly rate: Slot;
  readonly score: Slot;
  /** Cells right of the score on the 年度资金总额 row, where a reason may be written. */
  readonly reasons: readonly Slot[];
}

export interface FormLayout {
  readonly family: Family;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly title?: Slot & { readonly text: string };
  readonly fields: Partial<Record<FieldKey, FieldSlot>>;
  readonly headerRow: number;
  readonly columns: Partial<Record<Role, number>>;
  readonly categories: readonly CategoryLayout[];
  readonly indicators: readonly IndicatorLayout[];
  readonly total?: RowLayout;
  readonly note?: Slot & { readonly text: string };
  readonly execution?: ExecutionLayout;
}
