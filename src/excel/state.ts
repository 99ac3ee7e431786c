/**
 * The add-in's saved state for a sheet: the fills it covered with its marks, the notes it added,
 * and the record of the last change for 撤销本次修改. One helper builds every record.
 */
import type { RequestContext, Setting } from './api';

export interface SavedFill {
  pattern: string;
  color: string;
}

export interface ValueRecord {
  cell: string;
  before: unknown;
  formula?: boolean;
}

export interface NoteRecord {
  cell: string;
  content: string;
}

/** What the add-in has on a sheet now: its marks (with the fills they cover) and its notes. */
export interface Marks {
  /** The fill each cell had before the add-in marked it. */
  marks: Record<string, SavedFill>;
  /** Cells where the add-in put a note. */
  notes: string[];
}

export interface SheetState extends Marks {
  v: 1;
  /** What the last change replaced, for 撤销本次修改. */
  last?: {
    values: ValueRecord[];
    fills: Record<string, SavedFill>;
    notesAdded: string[];
    notesRemoved: NoteRecord[];
    previous?: Omit<SheetState, 'last'>;
  };
}

export const stateKey = (sheetId: string) => `ziping.state.${sheetId}`;

/** The state saved for a sheet, from the workbook's settings (loaded with `items/key,items/value`). */
export function stateIn(settings: readonly Setting[], sheetId: string): SheetState | undefined {
  const item = settings.find((s) => s.key === stateKey(sheetId));
  return item ? (JSON.parse(String(item.value)) as SheetState) : undefined;
}

/**
 * The state after a change: the marks and notes the add-in now has, and the record of what the
 * change replaced (values, fills and notes), with the marks and notes from before it.
 */
export function recordChange(
  previous: Marks | undefined,
  now: Marks,
  change: Partial<Omit<NonNullable<SheetState['last']>, 'previous'>>,
): SheetState {
  return {
    v: 1,
    marks: now.marks,
    notes: now.notes,
    last: {
      values: change.values ?? [],
      fills: change.fills ?? {},
      notesAdded: change.notesAdded ?? [],
      notesRemoved: change.notesRemoved ?? [],
      previous: { v: 1, marks: previous?.marks ?? {}, notes: previous?.notes ?? [] },
    },
  };
}

/** Queues the saving of a sheet's state (written with the batch's next sync). */
export function queueSaveState(context: RequestContext, sheetId: string, state: SheetState): void {
  context.workbook.settings.add(stateKey(sheetId), JSON.stringify(state));
}
