/**
 * The only code that talks to Excel. It reads the active sheet into a Grid in one sync (plus
 * one for the places of existing notes, when there are any), lets the engine decide, and applies
 * the whole plan in one more. Everything it changes is recorded in the workbook's settings, so
 * that 清除标注 and 撤销本次修改 restore exactly what was there, even after the workbook was saved
 * and reopened.
 */
import { analyzeSheet, CellValue, FormAnalysis, Grid, Lang } from '../engine';
import { Family } from '../engine/layout/model';
import { TEMPLATE_LOOKS, uniqueSheetName } from '../engine/templates';
import { FAMILY } from '../engine/families';
import { Area, Cell, colName, parseA1 } from '../engine/grid';
import { planRun, RunPlan, Tone } from '../engine/plan';
import type { Host, Note, Range, RequestContext, Worksheet } from './api';

/** Excel's own palette: Bad, Neutral and Good fills, and a quiet blue for information. */
export const TONE_FILL: Record<Tone, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
  good: '#C6EFCE',
};

export interface SavedFill {
  pattern: string;
  color: string;
}

export interface SheetState {
  v: 1;
  /** The fill each cell had before the add-in marked it. */
  marks: Record<string, SavedFill>;
  /** Cells where the add-in put a note. */
  notes: string[];
  /** What the last change replaced, for 撤销本次修改. */
  last?: {
    values: Array<{ cell: string; before: unknown; formula?: boolean }>;
    fills: Record<string, SavedFill>;
    notesAdded: string[];
    notesRemoved: Array<{ cell: string; content: string }>;
    previous?: Omit<SheetState, 'last'>;
  };
}

export const stateKey = (sheetId: string) => `ziping.state.${sheetId}`;

export class ZipingError extends Error {
  constructor(
    readonly code: 'protected' | 'no-sheet' | 'unsupported' | 'formula' | 'nothing-to-undo',
    message: string,
  ) {
    super(message);
  }
}

export interface Snapshot {
  sheetId: string;
  sheetName: string;
  protected: boolean;
  grid: Grid;
  /** The fills read by `locate`, by cell. */
  fills: Map<string, SavedFill>;
  state?: SheetState;
  /** Existing notes by cell, with their text. */
  notes: Map<string, string>;
  /** The same notes as API objects, loaded with the snapshot (to delete them in the same run). */
  noteObjects: Map<string, Note>;
  /** Notes whose cells are not known yet (read by `locate`). */
  unlocatedNotes: Note[];
  /** The sheet, as the batch that read it knows it. */
  sheet: Worksheet;
}

const ERROR_VALUE =
  /^#(DIV\/0!|REF!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|BLOCKED!|CONNECT!|FIELD!|BUSY!|UNKNOWN!)$/;

function bareAddress(address: string): string {
  return address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
}

/** Excel's arrays for the used range to a Grid (1-based, in sheet coordinates). */
export function gridFromArrays(
  name: string,
  top: number,
  left: number,
  values: unknown[][],
  formulas: unknown[][],
  formats: unknown[][],
  types: string[][],
  merges: readonly string[],
): Grid {
  const cells: Array<Array<Cell | undefined>> = [];
  values.forEach((row, r) => {
    const out: Array<Cell | undefined> = [];
    row.forEach((v, c) => {
      const formula = formulas[r]?.[c];
      // a text constant that happens to start with '=' (a target such as =10场) is not a formula
      const hasFormula = typeof formula === 'string' && formula.startsWith('=') && formula !== v;
      if ((v === '' || v === null) && !hasFormula) return;
      let value: CellValue;
      if (
        types[r]?.[c] === 'Error' ||
        (typeof v === 'string' && ERROR_VALUE.test(v) && types[r]?.[c] !== 'String')
      )
        value = { error: String(v) };
      else if (typeof v === 'number' || typeof v === 'boolean') value = v;
      else if (v === '' || v === null || v === undefined) value = null;
      else value = String(v);
      const format = formats[r]?.[c];
      out[left + c] = {
        value,
        ...(hasFormula ? { formula: (formula as string).slice(1) } : {}),
        ...(typeof format === 'string' && format !== 'General' ? { format } : {}),
      };
    });
    cells[top + r] = out;
  });
  const areas: Area[] = merges.map((m) => {
    const [a, b = a] = bareAddress(m).replace(/\$/g, '').split(':');
    const s = parseA1(a);
    const e = parseA1(b);
    return { top: s.row, left: s.col, bottom: e.row, right: e.col };
  });
  return new Grid({ name, cells, merges: areas });
}

/**
 * Reads the active sheet in one sync: values, formulas, formats, merges, the notes' texts and
 * the add-in's state. Fills and the notes' places are read later, and only where needed
 * (see `locate`), which keeps the payload small on a large sheet in Excel on the web.
 */
export async function readActiveSheet(context: RequestContext, host: Host): Promise<Snapshot> {
  const queueBasics = () => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('id,name');
    sheet.protection.load('protected');
    const used = sheet.getUsedRangeOrNullObject();
    const merged = used.getMergedAreasOrNullObject();
    merged.load('areas/items/address');
    context.workbook.settings.load('items/key,items/value');
    if (host.supports('ExcelApi', '1.18')) sheet.notes.load('items/content');
    return { sheet, used, merged };
  };
  let { sheet, used, merged } = queueBasics();
  used.load('values,formulas,numberFormat,valueTypes,rowIndex,columnIndex,rowCount,columnCount');
  let arrays:
    { values: unknown[][]; formulas: unknown[][]; formats: unknown[][]; types: string[][] } | undefined;
  try {
    await context.sync();
    if (!used.isNullObject)
      arrays = {
        values: used.values,
        formulas: used.formulas,
        formats: used.numberFormat,
        types: used.valueTypes,
      };
  } catch (e) {
    // Excel on the web answers a sync with at most 5 MB: a large sheet is read in blocks of rows
    if ((e as { code?: string }).code !== 'RequestPayloadSizeLimitExceeded') throw e;
    ({ sheet, used, merged } = queueBasics());
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    await context.sync();
    if (!used.isNullObject)
      arrays = await readInBlocks(
        context,
        sheet,
        used.rowIndex,
        used.columnIndex,
        used.rowCount,
        used.columnCount,
      );
  }
  const settings = context.workbook.settings;
  const stateItem = settings.items.find((s) => s.key === stateKey(sheet.id));
  const state = stateItem ? (JSON.parse(String(stateItem.value)) as SheetState) : undefined;
  const base = {
    sheetId: sheet.id,
    sheetName: sheet.name,
    protected: sheet.protection.protected,
    fills: new Map<string, SavedFill>(),
    state,
    notes: new Map<string, string>(),
    noteObjects: new Map<string, Note>(),
    unlocatedNotes: host.supports('ExcelApi', '1.18') ? sheet.notes.items : [],
    sheet,
  };
  if (used.isNullObject || !arrays) return { ...base, grid: new Grid({ name: sheet.name, cells: [] }) };
  const merges = merged.isNullObject ? [] : merged.areas.items.map((a) => a.address);
  const grid = gridFromArrays(
    sheet.name,
    used.rowIndex + 1,
    used.columnIndex + 1,
    arrays.values,
    arrays.formulas,
    arrays.formats,
    arrays.types,
    merges,
  );
  return { ...base, grid };
}

/** Reads the used range in blocks of rows, halving a block that is still too large. */
async function readInBlocks(
  context: RequestContext,
  sheet: Worksheet,
  rowIndex: number,
  columnIndex: number,
  rowCount: number,
  columnCount: number,
) {
  const out = {
    values: [] as unknown[][],
    formulas: [] as unknown[][],
    formats: [] as unknown[][],
    types: [] as string[][],
  };
  let block = Math.max(1, Math.ceil(rowCount / 2));
  const left = colName(columnIndex + 1);
  const right = colName(columnIndex + columnCount);
  for (let start = 0; start < rowCount;) {
    const end = Math.min(rowCount, start + block);
    const r = sheet.getRange(`${left}${rowIndex + start + 1}:${right}${rowIndex + end}`);
    r.load('values,formulas,numberFormat,valueTypes');
    try {
      await context.sync();
    } catch (e) {
      if ((e as { code?: string }).code !== 'RequestPayloadSizeLimitExceeded' || block === 1) throw e;
      block = Math.max(1, Math.floor(block / 2));
      continue;
    }
    out.values.push(...r.values);
    out.formulas.push(...r.formulas);
    out.formats.push(...r.numberFormat);
    out.types.push(...r.valueTypes);
    start = end;
  }
  return out;
}

/**
 * The second read, only when needed: where the existing notes are, and the fills of the cells
 * the run will change (so that they can be given back exactly). One sync, or none.
 */
export async function locate(
  context: RequestContext,
  snap: Snapshot,
  cells: Iterable<string>,
): Promise<void> {
  const located = snap.unlocatedNotes.map((note) => ({
    note,
    content: note.content,
    where: note.getLocation().load('address') as Range,
  }));
  const fills = [...new Set(cells)].map((cell) => ({
    cell,
    props: snap.sheet.getRange(cell).getCellProperties({ format: { fill: { color: true, pattern: true } } }),
  }));
  if (located.length === 0 && fills.length === 0) return;
  await context.sync();
  for (const n of located) {
    const cell = bareAddress(n.where.address);
    snap.notes.set(cell, n.content);
    snap.noteObjects.set(cell, n.note);
  }
  snap.unlocatedNotes = [];
  for (const f of fills) {
    const p = f.props.value[0]?.[0]?.format?.fill;
    snap.fills.set(f.cell, { pattern: p?.pattern ?? 'None', color: p?.color ?? '#FFFFFF' });
  }
}

function fillAt(snap: Snapshot, cell: string): SavedFill {
  const f = snap.fills.get(cell);
  if (!f) throw new Error(`the fill of ${cell} was not read`);
  return f;
}

function before(snap: Snapshot, cell: string): { cell: string; before: unknown; formula?: boolean } {
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

/**
 * A value as Excel must receive it to store it as it is: text that Excel would read as a
 * formula (`=10场`, `+5`, `@x`) gets the apostrophe that keeps it text.
 */
export function literal(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^[=+@]/.test(value) || (/^-/.test(value) && !/^-\d+(\.\d+)?%?$/.test(value))) return `'${value}`;
  return value;
}

function paint(sheet: Worksheet, cell: string, fill: SavedFill): void {
  const r = sheet.getRange(cell);
  if (fill.pattern === 'None') r.format.fill.clear();
  else r.format.fill.color = fill.color;
}

/** Queues the removal of the add-in's marks and notes; returns what they covered. */
function queueRestore(sheet: Worksheet, snap: Snapshot, state: SheetState | undefined, canNote: boolean) {
  const restored: Record<string, SavedFill> = {};
  const notesRemoved: Array<{ cell: string; content: string }> = [];
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
  const values: Array<{ cell: string; before: unknown; formula?: boolean }> = [];
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
  const state: SheetState = {
    v: 1,
    marks,
    notes: notesAdded,
    last: {
      values,
      fills: beforeFills,
      notesAdded,
      notesRemoved,
      ...(previous ? { previous: { v: 1, marks: previous.marks, notes: previous.notes } } : {}),
    },
  };
  context.workbook.settings.add(stateKey(snap.sheetId), JSON.stringify(state));
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

function undoOptions(host: Host) {
  return { mergeUndoGroup: host.supports('ExcelApi', '1.20') };
}

function assertHost(host: Host): void {
  if (!host.supports('ExcelApi', REQUIRED_API)) {
    throw new ZipingError('unsupported', `this version of Excel lacks ExcelApi ${REQUIRED_API}`);
  }
}

/** 校验并评分: read, check, write the figures, mark the findings. At most 3 syncs. */
export async function validateAndGrade(host: Host, lang: Lang): Promise<RunResult> {
  assertHost(host);
  return host.run(async (context) => {
    const snap = await readActiveSheet(context, host);
    const analyses = analyzeSheet(snap.grid, lang);
    const plan = planRun(analyses, snap.grid, lang);
    if (snap.protected) throw new ZipingError('protected', snap.sheetName);
    await locate(context, snap, [...plan.marks.map((m) => m.cell), ...Object.keys(snap.state?.marks ?? {})]);
    queuePlan(context, snap, plan, host.supports('ExcelApi', '1.18'));
    await context.sync();
    // the pane shows the sheet as it is now: the written figures in place, what is still wrong
    const after = snap.grid.withValues(plan.writes.map((w) => ({ ...parseA1(w.cell), value: w.value })));
    return {
      sheetName: snap.sheetName,
      analyses: plan.writes.length ? analyzeSheet(after, lang) : analyses,
      plan,
    };
  }, undoOptions(host));
}

/** Checks the active sheet without changing anything (the pane's first look). One sync. */
export async function inspect(host: Host, lang: Lang): Promise<RunResult> {
  assertHost(host);
  return host.run(async (context) => {
    const snap = await readActiveSheet(context, { ...host, supports: () => false });
    const analyses = analyzeSheet(snap.grid, lang);
    return { sheetName: snap.sheetName, analyses, plan: planRun(analyses, snap.grid, lang) };
  });
}

/** 清除标注: every cell the add-in marked gets its own fill back; the add-in's notes go. */
export async function clearHighlights(host: Host): Promise<number> {
  assertHost(host);
  return host.run(async (context) => {
    const snap = await readActiveSheet(context, host);
    const state = snap.state;
    if (!state || (Object.keys(state.marks).length === 0 && state.notes.length === 0)) return 0;
    if (snap.protected) throw new ZipingError('protected', snap.sheetName);
    await locate(context, snap, Object.keys(state.marks));
    const sheet = snap.sheet;
    const { restored, notesRemoved } = queueRestore(sheet, snap, state, host.supports('ExcelApi', '1.18'));
    const fills: Record<string, SavedFill> = {};
    for (const cell of Object.keys(restored)) fills[cell] = fillAt(snap, cell);
    const next: SheetState = {
      v: 1,
      marks: {},
      notes: [],
      last: {
        values: [],
        fills,
        notesAdded: [],
        notesRemoved,
        previous: { v: 1, marks: state.marks, notes: state.notes },
      },
    };
    context.workbook.settings.add(stateKey(snap.sheetId), JSON.stringify(next));
    await context.sync();
    return Object.keys(restored).length;
  }, undoOptions(host));
}

/** 撤销本次修改: values, fills and notes as they were before the last change. */
export async function revertLast(host: Host): Promise<number> {
  assertHost(host);
  return host.run(async (context) => {
    const snap = await readActiveSheet(context, host);
    const last = snap.state?.last;
    if (!last) throw new ZipingError('nothing-to-undo', snap.sheetName);
    if (snap.protected) throw new ZipingError('protected', snap.sheetName);
    await locate(context, snap, []);
    const sheet = snap.sheet;
    for (const v of last.values) {
      // a formula goes back as a formula, a constant as the constant it was
      const before =
        typeof v.before === 'string' && v.before.startsWith('=') && !v.formula ? literal(v.before) : v.before;
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
    context.workbook.settings.add(stateKey(snap.sheetId), JSON.stringify(restored));
    await context.sync();
    return last.values.length + Object.keys(last.fills).length;
  }, undoOptions(host));
}

/** Applies fixes the clerk asked for (修复 / 全部修复). A fix never writes over a formula. */
export async function applyFixes(
  host: Host,
  fixes: ReadonlyArray<{ cell: string; value: string | number | null }>,
): Promise<{ applied: number; skipped: string[] }> {
  assertHost(host);
  return host.run(async (context) => {
    const snap = await readActiveSheet(context, host);
    if (snap.protected) throw new ZipingError('protected', snap.sheetName);
    const sheet = snap.sheet;
    const values: Array<{ cell: string; before: unknown; formula?: boolean }> = [];
    const skipped: string[] = [];
    for (const f of fixes) {
      const { row, col } = parseA1(f.cell);
      if (snap.grid.cell(row, col)?.formula) {
        skipped.push(f.cell);
        continue;
      }
      values.push(before(snap, f.cell));
      sheet.getRange(f.cell).values = [[literal(f.value ?? '')]];
    }
    const state: SheetState = snap.state ?? { v: 1, marks: {}, notes: [] };
    const next: SheetState = {
      v: 1,
      marks: state.marks,
      notes: state.notes,
      last: {
        values,
        fills: {},
        notesAdded: [],
        notesRemoved: [],
        previous: { v: 1, marks: state.marks, notes: state.notes },
      },
    };
    context.workbook.settings.add(stateKey(snap.sheetId), JSON.stringify(next));
    await context.sync();
    return { applied: values.length, skipped };
  }, undoOptions(host));
}

/** Selects a cell or range of the active sheet (a finding clicked in the pane). */
export async function selectCell(host: Host, address: string): Promise<void> {
  await host.run(async (context) => {
    context.workbook.worksheets.getActiveWorksheet().getRange(address).select();
    await context.sync();
  });
}

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];

/** 插入空白模板: a new sheet with a name that does not clash, written in one sync, then activated. */
export async function insertTemplate(host: Host, family: Family): Promise<string> {
  assertHost(host);
  const t = FAMILY[family].template();
  return host.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const name = uniqueSheetName(
      t.sheetName,
      sheets.items.map((s) => s.name),
    );
    const ws = sheets.add(name);
    t.columnWidths.forEach(
      (w, i) => (ws.getRange(`${colName(i + 1)}:${colName(i + 1)}`).format.columnWidth = w * 7),
    );
    for (const c of t.cells) {
      const r = ws.getRange(c.ref);
      if (c.formula) r.formulas = [[`=${c.formula}`]];
      else if (c.value !== undefined) r.values = [[literal(c.value)]];
      if (c.format) r.numberFormat = [[c.format]];
      const look = TEMPLATE_LOOKS[c.style];
      if (look.fill) r.format.fill.color = look.fill;
      if (look.bold) r.format.font.bold = true;
      if (look.size) r.format.font.size = look.size;
      if (look.wrap) r.format.wrapText = true;
      if (look.center) r.format.horizontalAlignment = 'Center';
      r.format.verticalAlignment = look.top ? 'Top' : 'Center';
      if (look.border) for (const e of EDGES) r.format.borders.getItem(e).style = 'Continuous';
    }
    for (const m of t.merges) ws.getRange(m).merge(false);
    for (const [row, h] of Object.entries(t.rowHeights)) ws.getRange(`A${row}`).format.rowHeight = h;
    for (const v of t.validations) {
      const dv = ws.getRange(v.range).dataValidation;
      dv.rule =
        v.kind === 'list'
          ? { list: { inCellDropDown: true, source: v.values.join(',') } }
          : v.max === undefined
            ? { decimal: { formula1: Number(v.min), operator: 'GreaterThanOrEqualTo' } }
            : {
                decimal: {
                  formula1: Number(v.min),
                  formula2: /^\d+$/.test(v.max) ? Number(v.max) : `=${v.max}`,
                  operator: 'Between',
                },
              };
      dv.errorAlert = { message: v.message, showAlert: true, title: '输入有误' };
    }
    if (ws.pageLayout && host.supports('ExcelApi', '1.9')) {
      ws.pageLayout.orientation = t.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      ws.pageLayout.setPrintTitleRows(`$${t.print.titleRows.replace(':', ':$')}`);
    }
    ws.showGridlines = false;
    ws.activate();
    await context.sync();
    return name;
  }, undoOptions(host));
}
