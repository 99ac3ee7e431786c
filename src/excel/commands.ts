/**
 * The add-in's commands (校验并评分, 清除标注, 撤销本次修改, 修复, selecting a finding's cell). Each
 * reads the active sheet, lets the engine decide, and applies the result in one more sync. What
 * it changes is recorded with the sheet (see ./state), so that 清除标注 and 撤销本次修改 restore
 * exactly what was there.
 *
 * A batch is not a transaction: when a statement fails half way, what was applied stays. So a
 * change that adds (marks, notes, values) queues its record before its writes, and the commands
 * that give things back (清除标注, 撤销本次修改) check each cell before touching it: a cell the
 * change never reached, or one the clerk changed since, is left alone. Those two record their
 * result last, so that running them again after an interruption finishes the job.
 */
import { analyzeSheet, FormAnalysis, Lang } from '../engine';
import { parseA1 } from '../engine/grid';
import { planRun, PlannedNote, RunPlan, Tone } from '../engine/plan';
import type { Host, RequestContext } from './api';
import { fromOffice, ZipingError } from './errors';
import { contentAt, fillAt, formatAt, locate, readActiveSheet, Snapshot } from './read';
import {
  CellContent,
  MarkRecord,
  Marks,
  markFill,
  NoteRecord,
  queueSaveState,
  recordChange,
  SavedFill,
  SheetState,
  ValueRecord,
} from './state';
import { contentInput, literal, paint, sameFill } from './write';
import { planRemark, remarkChange, Remark } from './remark';

/** Excel's own palette: Bad, Neutral and Good fills, and a quiet blue for information. */
export const TONE_FILL: Record<Tone, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
  good: '#C6EFCE',
};

/** The content a written value leaves in its cell. */
function written(value: string | number | null): CellContent {
  if (value === null || value === '') return { type: 'empty' };
  return typeof value === 'number' ? { type: 'number', value } : { type: 'text', value };
}

/** A write as the add-in applies it: a value, and the number format to give its cell (if any). */
export interface CellWrite {
  readonly cell: string;
  readonly value: string | number | null;
  readonly format?: string;
}

/** The record of one write: what the cell held, what it holds after, and its number format if the write sets one. */
function valueRecord(snap: Snapshot, w: CellWrite, before: CellContent): ValueRecord {
  return {
    cell: w.cell,
    before,
    after: written(w.value),
    ...(w.format !== undefined ? { format: { before: formatAt(snap, w.cell), after: w.format } } : {}),
  };
}

/**
 * Queues the writes: each value, then the number format of a write that gives one (so that a
 * batch stopped half way never leaves a format without its value: see `revertLast`).
 */
function queueWrites(snap: Snapshot, writes: readonly CellWrite[]): void {
  for (const w of writes) {
    const range = snap.sheet.getRange(w.cell);
    range.values = [[literal(w.value)]];
    if (w.format !== undefined) range.numberFormat = [[w.format]];
  }
}

/** The grid as after the writes: their values, and the formats they give. */
function gridAfter(snap: Snapshot, writes: readonly CellWrite[]) {
  return snap.grid.withValues(
    writes.map((w) => ({
      ...parseA1(w.cell),
      value: w.value,
      ...(w.format !== undefined ? { format: w.format } : {}),
    })),
  );
}

function sameContent(a: CellContent | undefined, b: CellContent): boolean {
  if (!a || a.type !== b.type) return false;
  return a.type === 'empty' || (a as { value: unknown }).value === (b as { value: unknown }).value;
}

/**
 * The add-in's marks and notes that are still on the sheet as it made them: a mark whose cell the
 * clerk has coloured since, or a note she has edited or deleted, is hers now. Needs `locate` of
 * the marked cells first.
 */
function live(snap: Snapshot, state: Marks | undefined = snap.state): Marks {
  const marks: Record<string, MarkRecord> = {};
  for (const [cell, m] of Object.entries(state?.marks ?? {})) {
    const now = snap.fills.get(cell);
    if (now && sameFill(now, markFill(m.mark))) marks[cell] = m;
  }
  const notes = (state?.notes ?? []).filter((n) => snap.notes.get(n.cell) === n.content);
  return { marks, notes };
}

/** Queues giving back the fills under the given marks and deleting the given notes. */
function queueRestore(snap: Snapshot, marks: Marks): void {
  for (const [cell, m] of Object.entries(marks.marks)) paint(snap.sheet, cell, m.before);
  for (const n of marks.notes) snap.noteObjects.get(n.cell)?.delete();
}

/** Merges two lists of notes, without repeating one. */
function notesOf(...lists: NoteRecord[][]): NoteRecord[] {
  const seen = new Set<string>();
  return lists.flat().filter((n) => {
    const k = `${n.cell}\u0000${n.content}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

export interface RunResult {
  sheetName: string;
  /** The forms as the sheet holds them after the run. */
  analyses: FormAnalysis[];
  plan: RunPlan;
  /**
   * Messages the add-in could not put in a note: the cell holds a threaded comment (which blocks
   * notes), or this Excel has no notes API. The pane shows them.
   */
  paneOnly: PlannedNote[];
}

/**
 * Applies a plan to the sheet of a snapshot, in one batch after the reads (the fills of the marked
 * cells and of the plan's cells must have been located). The record goes first.
 */
export function queuePlan(
  snap: Snapshot,
  plan: RunPlan,
  canNote: boolean,
): { state: SheetState; paneOnly: PlannedNote[] } {
  const sheet = snap.sheet;
  for (const w of plan.writes) {
    const { row, col } = parseA1(w.cell);
    if (snap.grid.cell(row, col)?.formula)
      throw new ZipingError('formula', `${w.cell} holds a formula and is never overwritten`);
  }
  const previous = live(snap);
  const removing = canNote ? previous.notes : [];
  const values: ValueRecord[] = plan.writes.map((w) =>
    valueRecord(snap, w, contentAt(snap, w.cell) as CellContent),
  );
  const fills: Record<string, SavedFill> = {};
  for (const cell of [...Object.keys(previous.marks), ...plan.marks.map((m) => m.cell)])
    fills[cell] = fillAt(snap, cell);
  const marks: Record<string, MarkRecord> = {};
  for (const m of plan.marks) {
    // the fill the clerk gave the cell: from before the add-in's previous mark, if it had one
    marks[m.cell] = {
      before: previous.marks[m.cell]?.before ?? fillAt(snap, m.cell),
      mark: TONE_FILL[m.tone],
    };
  }
  const freed = new Set(removing.map((n) => n.cell));
  const notesAdded: NoteRecord[] = [];
  const paneOnly: PlannedNote[] = [];
  for (const n of plan.notes) {
    // a threaded comment blocks a note: the message goes to the pane
    if (!canNote || snap.comments.has(n.cell)) paneOnly.push(n);
    // a note the clerk wrote stays; the add-in only notes cells that have none
    else if (!snap.notes.has(n.cell) || freed.has(n.cell)) notesAdded.push({ cell: n.cell, content: n.text });
  }
  // the record first, covering everything this batch may apply: the earlier marks and notes stay
  // on record until they are seen gone (see `live`), in case the batch stops before removing them
  const state = recordChange(
    previous,
    { marks: { ...previous.marks, ...marks }, notes: notesOf(removing, notesAdded) },
    { values, fills, notesAdded, notesRemoved: removing },
  );
  queueSaveState(sheet, state);
  queueRestore(snap, { marks: previous.marks, notes: removing });
  queueWrites(snap, plan.writes);
  for (const m of plan.marks) sheet.getRange(m.cell).format.fill.color = TONE_FILL[m.tone];
  for (const n of notesAdded) sheet.notes.add(n.cell, n.content);
  return { state, paneOnly };
}

/** The minimum the add-in needs: cell properties (1.9), worksheet custom properties (1.12), merged areas (1.13). */
export const REQUIRED_API = '1.13';

/** Runs a batch; Office's errors the clerk can act on come back as the add-in's own. */
export function runOn<T>(
  host: Host,
  batch: (context: RequestContext) => Promise<T>,
  options?: { mergeUndoGroup?: boolean },
): Promise<T> {
  return host.run(batch, options).catch((e: unknown) => {
    throw fromOffice(e);
  });
}

export function undoOptions(host: Host) {
  return { mergeUndoGroup: host.supports('ExcelApi', '1.20') };
}

export function assertHost(host: Host): void {
  if (!host.supports('ExcelApi', REQUIRED_API)) {
    throw new ZipingError('unsupported', `this version of Excel lacks ExcelApi ${REQUIRED_API}`);
  }
}

/**
 * 校验并评分: read, check, write the figures, mark the findings. Four syncs: the sheet's size,
 * its cells (more syncs only for a sheet too large for one response), fills and notes' places, the
 * write.
 */
export async function validateAndGrade(host: Host, lang: Lang): Promise<RunResult> {
  assertHost(host);
  return runOn(
    host,
    async (context) => {
      const snap = await readActiveSheet(context, host);
      const analyses = analyzeSheet(snap.grid, lang);
      const plan = planRun(analyses, snap.grid, lang);
      if (snap.protected) throw new ZipingError('protected', snap.sheetName);
      await locate(context, snap, [
        ...plan.marks.map((m) => m.cell),
        ...Object.keys(snap.state?.marks ?? {}),
      ]);
      const { paneOnly } = queuePlan(snap, plan, host.supports('ExcelApi', '1.18'));
      await context.sync();
      // the pane shows the sheet as it is now: the written figures in place, what is still wrong
      const after = gridAfter(snap, plan.writes);
      return {
        sheetName: snap.sheetName,
        analyses: plan.writes.length ? analyzeSheet(after, lang) : analyses,
        plan,
        paneOnly,
      };
    },
    undoOptions(host),
  );
}

/** Checks the active sheet without changing anything (the pane's first look). */
export async function inspect(host: Host, lang: Lang): Promise<RunResult> {
  assertHost(host);
  return runOn(host, async (context) => {
    const snap = await readActiveSheet(context, { ...host, supports: () => false });
    const analyses = analyzeSheet(snap.grid, lang);
    return { sheetName: snap.sheetName, analyses, plan: planRun(analyses, snap.grid, lang), paneOnly: [] };
  });
}

/** 清除标注: every cell the add-in marked gets its own fill back; the add-in's notes go. */
export async function clearHighlights(host: Host): Promise<number> {
  assertHost(host);
  return runOn(
    host,
    async (context) => {
      const snap = await readActiveSheet(context, host);
      const state = snap.state;
      if (!state || (Object.keys(state.marks).length === 0 && state.notes.length === 0)) return 0;
      if (snap.protected) throw new ZipingError('protected', snap.sheetName);
      await locate(context, snap, Object.keys(state.marks));
      const now = live(snap);
      const canNote = host.supports('ExcelApi', '1.18');
      const removing = canNote ? now.notes : [];
      const fills: Record<string, SavedFill> = {};
      for (const cell of Object.keys(now.marks)) fills[cell] = fillAt(snap, cell);
      queueRestore(snap, { marks: now.marks, notes: removing });
      // recorded last: after an interruption, the marks still on the sheet are still on record
      queueSaveState(
        snap.sheet,
        recordChange(now, { marks: {}, notes: canNote ? [] : now.notes }, { fills, notesRemoved: removing }),
      );
      await context.sync();
      return Object.keys(now.marks).length;
    },
    undoOptions(host),
  );
}

/**
 * 撤销本次修改: values, number formats, fills and notes as they were before the last change.
 * Refused, with nothing written, when a cell the change wrote holds something else now (the clerk
 * typed there since, or the state does not belong to this sheet). Values go back as literal text,
 * numbers or booleans; a number format the change gave a cell goes back to the one it had, unless
 * the clerk has given the cell another since (that one is hers).
 */
export async function revertLast(host: Host): Promise<number> {
  assertHost(host);
  return runOn(
    host,
    async (context) => {
      const snap = await readActiveSheet(context, host);
      const last = snap.state?.last;
      if (!last) throw new ZipingError('nothing-to-undo', snap.stateRejected ?? snap.sheetName);
      if (snap.protected) throw new ZipingError('protected', snap.sheetName);
      await locate(context, snap, Object.keys(last.fills));
      const revert: ValueRecord[] = [];
      const changed: string[] = [];
      for (const v of last.values) {
        const now = contentAt(snap, v.cell);
        if (sameContent(now, v.after)) revert.push(v);
        else if (!sameContent(now, v.before)) changed.push(v.cell);
        // else: the change never reached this cell
      }
      if (changed.length)
        throw new ZipingError(
          'sheet-changed',
          changed.length > 10
            ? `${changed.slice(0, 10).join(', ')}, … (${changed.length})`
            : changed.join(', '),
        );
      const sheet = snap.sheet;
      for (const v of revert) {
        const range = sheet.getRange(v.cell);
        range.values = [[contentInput(v.before)]];
        if (v.format && formatAt(snap, v.cell) === v.format.after) range.numberFormat = [[v.format.before]];
      }
      let fills = 0;
      for (const [cell, before] of Object.entries(last.fills)) {
        // the fill before the change, the change's mark, or the clerk's fill it gave back
        const expected = [before, snap.state?.marks[cell] && markFill(snap.state.marks[cell].mark)];
        expected.push(last.previous.marks[cell]?.before);
        const now = fillAt(snap, cell);
        if (!expected.some((f) => f && sameFill(f, now))) continue;
        paint(sheet, cell, before);
        fills++;
      }
      if (host.supports('ExcelApi', '1.18')) {
        const deleting = new Set<string>();
        for (const n of last.notesAdded) {
          if (snap.notes.get(n.cell) !== n.content) continue;
          snap.noteObjects.get(n.cell)?.delete();
          deleting.add(n.cell);
        }
        for (const n of last.notesRemoved)
          if ((!snap.notes.has(n.cell) || deleting.has(n.cell)) && !snap.comments.has(n.cell))
            sheet.notes.add(n.cell, n.content);
      }
      // recorded last: an interrupted revert can simply be run again
      queueSaveState(sheet, { v: 2, marks: last.previous.marks, notes: last.previous.notes });
      await context.sync();
      return revert.length + fills;
    },
    undoOptions(host),
  );
}

/**
 * Applies fixes the clerk asked for (修复 / 全部修复). A fix never writes over a formula. With
 * `lang`, the sheet is checked again at once: on a sheet the add-in has marked, the marks and
 * notes of the findings the fix resolved go in the same batch (see ./remark), and the result
 * holds the forms as the sheet now is.
 */
export async function applyFixes(
  host: Host,
  fixes: ReadonlyArray<CellWrite>,
  lang?: Lang,
): Promise<{ applied: number; skipped: string[]; result?: RunResult }> {
  assertHost(host);
  return runOn(
    host,
    async (context) => {
      const snap = await readActiveSheet(context, host);
      if (snap.protected) throw new ZipingError('protected', snap.sheetName);
      const values: ValueRecord[] = [];
      const writes: CellWrite[] = [];
      const skipped: string[] = [];
      // one write per cell: the last fix for it
      const last = new Map(fixes.map((f) => [f.cell, f]));
      for (const f of last.values()) {
        const before = contentAt(snap, f.cell);
        if (!before) {
          skipped.push(f.cell);
          continue;
        }
        values.push(valueRecord(snap, f, before));
        writes.push(f);
      }
      const state: Marks = snap.state ?? { marks: {}, notes: [] };
      let result: RunResult | undefined;
      let remark: Remark | undefined;
      if (lang) {
        const after = gridAfter(snap, writes);
        const analyses = analyzeSheet(after, lang);
        const plan = planRun(analyses, after, lang);
        result = { sheetName: snap.sheetName, analyses, plan, paneOnly: [] };
        if (Object.keys(state.marks).length > 0 || state.notes.length > 0) {
          remark = planRemark(state, planRun(analyzeSheet(snap.grid, lang), snap.grid, lang), plan);
          await locate(context, snap, [...remark.unmark, ...remark.mark.map((m) => m.cell)]);
        }
      }
      const change = remark
        ? remarkChange(snap, state, remark, TONE_FILL, host.supports('ExcelApi', '1.18'))
        : undefined;
      // the record first: a batch is not a transaction
      queueSaveState(
        snap.sheet,
        change
          ? recordChange(state, change.now, {
              values,
              fills: change.fills,
              notesAdded: change.notesAdded,
              notesRemoved: change.notesRemoved,
            })
          : recordChange(state, state, { values }),
      );
      queueWrites(snap, writes);
      change?.queue();
      await context.sync();
      return { applied: values.length, skipped, ...(result ? { result } : {}) };
    },
    undoOptions(host),
  );
}

/** Selects a cell or range of the active sheet (a finding clicked in the pane); Excel scrolls to it. */
export async function selectCell(host: Host, address: string): Promise<void> {
  await runOn(host, async (context) => {
    context.workbook.worksheets.getActiveWorksheet().getRange(address).select();
    await context.sync();
  });
}
