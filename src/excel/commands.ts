/**
 * The add-in's commands (校验并评分, 清除标注, 撤销本次修改, 修复, selecting a finding's cell). Each
 * reads the active sheet, lets the engine decide, and applies the result in one more sync. What
 * it changes is recorded with the sheet (see ./state), so that 清除标注 and 撤销本次修改 restore
 * exactly what was there.
 */
import { analyzeSheet, FormAnalysis, Lang } from '../engine';
import { parseA1 } from '../engine/grid';
import { planRun, RunPlan, Tone } from '../engine/plan';
import type { Host, RequestContext, Worksheet } from './api';
import { fromOffice, ZipingError } from './errors';
import { locate, readActiveSheet, Snapshot } from './read';
import { NoteRecord, queueSaveState, recordChange, SavedFill, SheetState, ValueRecord } from './state';
import { literal, paint } from './write';
import { planRemark, queueRemark, Remark } from './remark';

/** Excel's own palette: Bad, Neutral and Good fills, and a quiet blue for information. */
export const TONE_FILL: Record<Tone, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
  good: '#C6EFCE',
};

function fillAt(snap: Snapshot, cell: string): SavedFill {
  const f = snap.fills.get(cell);
  if (!f) throw new Error(`the fill of ${cell} was not read`);
  return f;
}

function before(snap: Snapshot, cell: string): ValueRecord {
  const { row, col } = parseA1(cell);
  const c = snap.grid.cell(row, col);
  if (c?.formula) return { cell, before: `=${c.formula}`, formula: true };
  return { cell, before: valueAt(snap, cell) };
}

function valueAt(snap: Snapshot, cell: string): unknown {
  const { row, col } = parseA1(cell);
  const c = snap.grid.cell(row, col);
  if (!c) return '';
  const v = c.value;
  if (v === null) return '';
  if (typeof v === 'object') return v.error;
  return v;
}

/** Queues the removal of the add-in's marks and notes; returns what they covered. */
function queueRestore(sheet: Worksheet, snap: Snapshot, state: SheetState | undefined, canNote: boolean) {
  const restored: Record<string, SavedFill> = {};
  const notesRemoved: NoteRecord[] = [];
  if (!state) return { restored, notesRemoved };
  for (const [cell, fill] of Object.entries(state.marks)) {
    paint(sheet, cell, fill);
    restored[cell] = fill;
  }
  if (canNote) {
    for (const cell of state.notes) {
      // a note the clerk already deleted is simply gone
      const note = snap.noteObjects.get(cell);
      if (!note) continue;
      note.delete();
      notesRemoved.push({ cell, content: snap.notes.get(cell) ?? '' });
    }
  }
  return { restored, notesRemoved };
}

/** Applies a plan to the sheet of a snapshot: in one batch, after the reads. */
export function queuePlan(
  context: RequestContext,
  snap: Snapshot,
  plan: RunPlan,
  canNote: boolean,
): SheetState {
  const sheet = snap.sheet;
  const previous = snap.state;
  const { restored, notesRemoved } = queueRestore(sheet, snap, previous, canNote);
  const beforeFills: Record<string, SavedFill> = {};
  for (const cell of Object.keys(restored)) beforeFills[cell] = fillAt(snap, cell);
  const values: ValueRecord[] = [];
  for (const w of plan.writes) {
    const { row, col } = parseA1(w.cell);
    if (snap.grid.cell(row, col)?.formula)
      throw new ZipingError('formula', `${w.cell} holds a formula and is never overwritten`);
    values.push(before(snap, w.cell));
    sheet.getRange(w.cell).values = [[literal(w.value)]];
  }
  const marks: Record<string, SavedFill> = {};
  for (const m of plan.marks) {
    // the fill the clerk gave the cell: from before the add-in's previous marks, if it had any
    marks[m.cell] = restored[m.cell] ?? fillAt(snap, m.cell);
    beforeFills[m.cell] ??= fillAt(snap, m.cell);
    sheet.getRange(m.cell).format.fill.color = TONE_FILL[m.tone];
  }
  const removed = new Set(notesRemoved.map((n) => n.cell));
  const notesAdded: string[] = [];
  if (canNote) {
    for (const n of plan.notes) {
      // a note the clerk wrote stays; the add-in only notes cells that have none
      if (snap.notes.has(n.cell) && !removed.has(n.cell)) continue;
      sheet.notes.add(n.cell, n.text);
      notesAdded.push(n.cell);
    }
  }
  const state = recordChange(
    previous,
    { marks, notes: notesAdded },
    { values, fills: beforeFills, notesAdded, notesRemoved },
  );
  queueSaveState(context, snap.sheetId, state);
  return state;
}

export interface RunResult {
  sheetName: string;
  /** The forms as the sheet holds them after the run. */
  analyses: FormAnalysis[];
  plan: RunPlan;
}

/** The minimum the add-in needs: cell properties (1.9), merged areas (1.13), settings (1.4). */
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

/** 校验并评分: read, check, write the figures, mark the findings. At most 3 syncs. */
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
      queuePlan(context, snap, plan, host.supports('ExcelApi', '1.18'));
      await context.sync();
      // the pane shows the sheet as it is now: the written figures in place, what is still wrong
      const after = snap.grid.withValues(plan.writes.map((w) => ({ ...parseA1(w.cell), value: w.value })));
      return {
        sheetName: snap.sheetName,
        analyses: plan.writes.length ? analyzeSheet(after, lang) : analyses,
        plan,
      };
    },
    undoOptions(host),
  );
}

/** Checks the active sheet without changing anything (the pane's first look). One sync. */
export async function inspect(host: Host, lang: Lang): Promise<RunResult> {
  assertHost(host);
  return runOn(host, async (context) => {
    const snap = await readActiveSheet(context, { ...host, supports: () => false });
    const analyses = analyzeSheet(snap.grid, lang);
    return { sheetName: snap.sheetName, analyses, plan: planRun(analyses, snap.grid, lang) };
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
      const sheet = snap.sheet;
      const { restored, notesRemoved } = queueRestore(sheet, snap, state, host.supports('ExcelApi', '1.18'));
      const fills: Record<string, SavedFill> = {};
      for (const cell of Object.keys(restored)) fills[cell] = fillAt(snap, cell);
      queueSaveState(
        context,
        snap.sheetId,
        recordChange(state, { marks: {}, notes: [] }, { fills, notesRemoved }),
      );
      await context.sync();
      return Object.keys(restored).length;
    },
    undoOptions(host),
  );
}

/** 撤销本次修改: values, fills and notes as they were before the last change. */
export async function revertLast(host: Host): Promise<number> {
  assertHost(host);
  return runOn(
    host,
    async (context) => {
      const snap = await readActiveSheet(context, host);
      const last = snap.state?.last;
      if (!last) throw new ZipingError('nothing-to-undo', snap.sheetName);
      if (snap.protected) throw new ZipingError('protected', snap.sheetName);
      await locate(context, snap, []);
      const sheet = snap.sheet;
      for (const v of last.values) {
        // a formula goes back as a formula, a constant as the constant it was
        const before =
          typeof v.before === 'string' && v.before.startsWith('=') && !v.formula
            ? literal(v.before)
            : v.before;
        sheet.getRange(v.cell).values = [[before]];
      }
      for (const [cell, fill] of Object.entries(last.fills)) paint(sheet, cell, fill);
      if (host.supports('ExcelApi', '1.18')) {
        for (const cell of last.notesAdded) snap.noteObjects.get(cell)?.delete();
        const deleting = new Set(last.notesAdded);
        for (const n of last.notesRemoved)
          if (!snap.notes.has(n.cell) || deleting.has(n.cell)) sheet.notes.add(n.cell, n.content);
      }
      const restored: SheetState = last.previous ? { ...last.previous } : { v: 1, marks: {}, notes: [] };
      queueSaveState(context, snap.sheetId, restored);
      await context.sync();
      return last.values.length + Object.keys(last.fills).length;
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
  fixes: ReadonlyArray<{ cell: string; value: string | number | null }>,
  lang?: Lang,
): Promise<{ applied: number; skipped: string[]; result?: RunResult }> {
  assertHost(host);
  return runOn(
    host,
    async (context) => {
      const snap = await readActiveSheet(context, host);
      if (snap.protected) throw new ZipingError('protected', snap.sheetName);
      const sheet = snap.sheet;
      const skipped: string[] = [];
      const writes = fixes.filter((f) => {
        const { row, col } = parseA1(f.cell);
        if (!snap.grid.cell(row, col)?.formula) return true;
        skipped.push(f.cell);
        return false;
      });
      const state = snap.state ?? { marks: {}, notes: [] };
      let result: RunResult | undefined;
      let remark: Remark | undefined;
      if (lang) {
        const after = snap.grid.withValues(writes.map((f) => ({ ...parseA1(f.cell), value: f.value })));
        const analyses = analyzeSheet(after, lang);
        const plan = planRun(analyses, after, lang);
        result = { sheetName: snap.sheetName, analyses, plan };
        if (Object.keys(state.marks).length > 0 || state.notes.length > 0) {
          remark = planRemark(state, planRun(analyzeSheet(snap.grid, lang), snap.grid, lang), plan);
          await locate(context, snap, [...remark.unmark, ...remark.mark.map((m) => m.cell)]);
        }
      }
      const values: ValueRecord[] = [];
      for (const f of writes) {
        values.push(before(snap, f.cell));
        sheet.getRange(f.cell).values = [[literal(f.value ?? '')]];
      }
      if (remark) {
        const r = queueRemark(sheet, snap, state, remark, TONE_FILL, host.supports('ExcelApi', '1.18'));
        queueSaveState(
          context,
          snap.sheetId,
          recordChange(state, r.now, {
            values,
            fills: r.fills,
            notesAdded: r.notesAdded,
            notesRemoved: r.notesRemoved,
          }),
        );
      } else queueSaveState(context, snap.sheetId, recordChange(state, state, { values }));
      await context.sync();
      return { applied: values.length, skipped, ...(result ? { result } : {}) };
    },
    undoOptions(host),
  );
}

/** Selects a cell or range of the active sheet (a finding clicked in the pane). */
export async function selectCell(host: Host, address: string): Promise<void> {
  await runOn(host, async (context) => {
    context.workbook.worksheets.getActiveWorksheet().getRange(address).select();
    await context.sync();
  });
}
