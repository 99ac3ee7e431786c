import Decimal from 'decimal.js';
import { Cell } from '../grid';
import type { FamilyId } from '../families';
import { FieldKey, Role } from './vocabulary';

/** The id of a form family in the registry (src/engine/families). */
export type Family = FamilyId;

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
  /** The unit its label declares: `当年预算数（元）`, `预算执行数（万元）`. */
  readonly unit?: string;
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
  /** Index into the form's blocks, on forms scored by blocks. */
  readonly block?: number;
  readonly secondary?: string;
  readonly name: string;
}

export interface ExecutionLayout {
  /** The row of the funds block's column headers (年初预算数 | 全年预算数 | …). */
  readonly headerRow: number;
  /** The last row of the block (其中：… / 其他资金 rows included). */
  readonly bottom: number;
  readonly budget: Slot;
  readonly executed: Slot;
  /**
   * The unit the amounts are in, as the column header (`预算数（万元）`) or else the block's side
   * label (`项目资金（万元）`, `预算执行情况（万元）（20分）`) declares it.
   */
  readonly budgetUnit?: string;
  readonly executedUnit?: string;
  /** The 分值 / 权重 cell of the total row, where the block has that column. */
  readonly points?: Slot;
  /** Points a label of the block declares: `预算执行情况（10分）`, `得分（20分*执行率）`. */
  readonly declaredPoints?: Decimal;
  /** Where the declared points are written. */
  readonly declaredAt?: Pos;
  readonly rate: Slot;
  readonly score: Slot;
  /** Cells right of the score on the 年度资金总额 row, where a reason may be written. */
  readonly reasons: readonly Slot[];
}

/**
 * A block of indicators with its own points, on forms that have no weight column
 * (`年度绩效目标1（40分）`), each block repeating its column headers.
 */
export interface BlockLayout {
  readonly label: string;
  readonly row: number;
  readonly col: number;
  readonly points?: Decimal;
  readonly headerRow: number;
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
  /** Points the indicator table's side label declares: `绩效指标（90分）`. */
  readonly indicatorPoints?: { readonly points: Decimal; readonly row: number; readonly col: number };
  /** Blocks scored by their points (forms without a weight column); empty otherwise. */
  readonly blocks: readonly BlockLayout[];
  readonly categories: readonly CategoryLayout[];
  readonly indicators: readonly IndicatorLayout[];
  readonly total?: RowLayout;
  readonly note?: Slot & { readonly text: string };
  readonly execution?: ExecutionLayout;
}
