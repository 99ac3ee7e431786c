/**
 * After a fix, the marks follow at once: a cell marked for a finding the fix resolved gets its
 * own fill back and loses the add-in's note; a finding the fix left (or made) keeps or gets its
 * mark and an up-to-date note. Cells marked Good for a written figure keep their mark. Only a
 * sheet that already has the add-in's marks is re-marked: a fix never adds marks to a sheet the
 * clerk has not checked.
 */
import type { PlannedMark, RunPlan, Tone } from '../engine/plan';
import type { Worksheet } from './api';
import type { Snapshot } from './read';
import type { Marks, NoteRecord, SavedFill } from './state';
import { paint } from './write';

export interface Remark {
  /** Marked cells whose finding is gone: their own fill comes back. */
  unmark: string[];
  /** Cells to mark (again): new findings, or a finding whose severity changed. */
  mark: PlannedMark[];
  /** The add-in's notes to replace (changed text) or add, by cell. */
  notes: Map<string, string>;
  /** The add-in's notes to delete (their finding is gone). */
  dropNotes: string[];
}

const findingTone = (m: PlannedMark) => m.tone !== 'good';

/** What changes in the marks when the sheet goes from `before` to `after` (plans of the same sheet). */
export function planRemark(state: Marks, before: RunPlan, after: RunPlan): Remark {
  const was = new Map<string, Tone>(before.marks.filter(findingTone).map((m) => [m.cell, m.tone]));
  const now = new Map<string, Tone>(after.marks.filter(findingTone).map((m) => [m.cell, m.tone]));
  const marked = new Set(Object.keys(state.marks));
  const unmark = [...marked].filter((cell) => was.has(cell) && !now.has(cell));
  const mark = [...now]
    .filter(([cell, tone]) => !marked.has(cell) || was.get(cell) !== tone)
    .map(([cell, tone]) => ({ cell, tone }));
  const afterNotes = new Map(after.notes.map((n) => [n.cell, n.text]));
  const beforeNotes = new Map(before.notes.map((n) => [n.cell, n.text]));
  const ours = new Set(state.notes);
  const dropNotes = [...ours].filter((cell) => beforeNotes.has(cell) && !afterNotes.has(cell));
  const notes = new Map<string, string>();
  for (const [cell, text] of afterNotes) {
    // a note on a cell that only holds a written figure's note stays as it is
    if (!now.has(cell)) continue;
    if (beforeNotes.get(cell) !== text || !marked.has(cell)) notes.set(cell, text);
  }
  return { unmark, mark, notes, dropNotes };
}

/**
 * Queues a remark on a located snapshot (`locate` read the fills of `unmark` and `mark` and
 * the notes' places). Returns the marks and notes the add-in has afterwards and what it replaced.
 */
export function queueRemark(
  sheet: Worksheet,
  snap: Snapshot,
  state: Marks,
  remark: Remark,
  fillOf: Record<Tone, string>,
  canNote: boolean,
): {
  now: Marks;
  fills: Record<string, SavedFill>;
  notesAdded: string[];
  notesRemoved: NoteRecord[];
} {
  const marks = { ...state.marks };
  const fills: Record<string, SavedFill> = {};
  for (const cell of remark.unmark) {
    const current = snap.fills.get(cell);
    if (current) fills[cell] = current;
    paint(sheet, cell, marks[cell]);
    delete marks[cell];
  }
  for (const m of remark.mark) {
    const current = snap.fills.get(m.cell);
    if (current) fills[m.cell] = current;
    // the fill the clerk gave the cell, kept from before the add-in's first mark
    if (!marks[m.cell] && current) marks[m.cell] = current;
    sheet.getRange(m.cell).format.fill.color = fillOf[m.tone];
  }
  const notes = new Set(state.notes);
  const notesAdded: string[] = [];
  const notesRemoved: NoteRecord[] = [];
  if (canNote) {
    const drop = (cell: string) => {
      const note = snap.noteObjects.get(cell);
      if (!note) return false;
      note.delete();
      notesRemoved.push({ cell, content: snap.notes.get(cell) ?? '' });
      return true;
    };
    for (const cell of remark.dropNotes) {
      drop(cell);
      notes.delete(cell);
    }
    for (const [cell, text] of remark.notes) {
      // a note the clerk wrote stays; the add-in only replaces its own
      if (snap.notes.has(cell) && !notes.has(cell)) continue;
      if (notes.has(cell)) drop(cell);
      sheet.notes.add(cell, text);
      notes.add(cell);
      notesAdded.push(cell);
    }
  }
  return { now: { marks, notes: [...notes] }, fills, notesAdded, notesRemoved };
}
