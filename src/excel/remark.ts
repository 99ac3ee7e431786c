/**
 * After a fix, the marks follow at once: a cell marked for a finding the fix resolved gets its
 * own fill back and loses the add-in's note; a finding the fix left (or made) keeps or gets its
 * mark and an up-to-date note. Cells marked Good for a written figure keep their mark. Only a
 * sheet that already has the add-in's marks is re-marked: a fix never adds marks to a sheet the
 * clerk has not checked.
 */
import type { PlannedMark, RunPlan, Tone } from '../engine/plan';
import { fillAt, Snapshot } from './read';
import type { MarkRecord, Marks, NoteRecord, SavedFill } from './state';
import { paint } from './write';

export interface Remark {
  /** Marked cells whose finding is gone: their own fill comes back. */
  unmark: string[];
  /** Cells to mark (again): new findings, or a finding whose severity changed. */
  mark: PlannedMark[];
  /** The add-in's notes to replace (changed text) or add, by cell. */
  notes: Map<string, string>;
  /** Cells whose add-in note goes (its finding is gone). */
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
  const ours = new Set(state.notes.map((n) => n.cell));
  const dropNotes = [...ours].filter((cell) => beforeNotes.has(cell) && !afterNotes.has(cell));
  const notes = new Map<string, string>();
  for (const [cell, text] of afterNotes) {
    // only findings' notes: a written figure's note stays as it is
    if (!now.has(cell)) continue;
    if (beforeNotes.get(cell) !== text || !marked.has(cell)) notes.set(cell, text);
  }
  return { unmark, mark, notes, dropNotes };
}

/**
 * What a remark does on a located snapshot (`locate` read the fills of `unmark` and `mark` and the
 * notes' places): the marks and notes to keep on record, what it replaces, and the queueing of
 * its writes, to be called after the record was queued (a batch is not a transaction). Like
 * 校验并评分's record, `now` keeps the marks and notes it removes until they are seen gone.
 */
export function remarkChange(
  snap: Snapshot,
  state: Marks,
  remark: Remark,
  fillOf: Record<Tone, string>,
  canNote: boolean,
): {
  now: Marks;
  fills: Record<string, SavedFill>;
  notesAdded: NoteRecord[];
  notesRemoved: NoteRecord[];
  queue: () => void;
} {
  const fills: Record<string, SavedFill> = {};
  for (const cell of [...remark.unmark, ...remark.mark.map((m) => m.cell)]) fills[cell] = fillAt(snap, cell);
  const marks: Record<string, MarkRecord> = { ...state.marks };
  for (const m of remark.mark) {
    // the fill the clerk gave the cell, kept from before the add-in's first mark
    marks[m.cell] = { before: state.marks[m.cell]?.before ?? fillAt(snap, m.cell), mark: fillOf[m.tone] };
  }
  const ourNote = new Map(state.notes.map((n) => [n.cell, n]));
  const notesRemoved: NoteRecord[] = [];
  const notesAdded: NoteRecord[] = [];
  if (canNote) {
    const removable = (cell: string) => {
      const n = ourNote.get(cell);
      // the add-in's note as it wrote it: one the clerk edited is hers now
      return n && snap.notes.get(cell) === n.content ? n : undefined;
    };
    for (const cell of remark.dropNotes) {
      const n = removable(cell);
      if (n) notesRemoved.push(n);
    }
    for (const [cell, text] of remark.notes) {
      // a threaded comment blocks a note; a note the clerk wrote stays
      if (snap.comments.has(cell)) continue;
      if (snap.notes.has(cell)) {
        const n = removable(cell);
        if (!n) continue;
        notesRemoved.push(n);
      }
      notesAdded.push({ cell, content: text });
    }
  }
  const seen = new Set<string>();
  const notes = [...state.notes, ...notesAdded].filter((n) => {
    const k = `${n.cell}\u0000${n.content}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const queue = () => {
    for (const cell of remark.unmark) paint(snap.sheet, cell, state.marks[cell].before);
    for (const m of remark.mark) snap.sheet.getRange(m.cell).format.fill.color = fillOf[m.tone];
    for (const n of notesRemoved) snap.noteObjects.get(n.cell)?.delete();
    for (const n of notesAdded) snap.sheet.notes.add(n.cell, n.content);
  };
  return { now: { marks, notes }, fills, notesAdded, notesRemoved, queue };
}
