/**
 * Reading the active sheet. The first sync reads the sheet's basics and the size of its used range
 * (values only); the cells are then read in as few syncs as the response limit allows (Excel on
 * the web answers at most 5 MB, and `null` for a read of about 5 million cells), in blocks of
 * rows. Fills, and the places of notes and comments, are read later and only where needed.
 */
import { CellValue, Grid } from '../engine';
import { Area, Cell, colName, parseA1 } from '../engine/grid';
import type { Comment, Host, Note, Range, RequestContext, Worksheet } from './api';
import { ZipingError } from './errors';
import { CellContent, parseState, SavedFill, SheetState, STATE_KEY } from './state';

export interface Snapshot {
  sheetId: string;
  sheetName: string;
  protected: boolean;
  grid: Grid;
  /** The fills read by `locate`, by cell. */
  fills: Map<string, SavedFill>;
  /** The add-in's state saved with the sheet, when it is a valid one. */
  state?: SheetState;
  /** Why a state found on the sheet was not used. */
  stateRejected?: string;
  /** Existing notes by cell, with their text. */
  notes: Map<string, string>;
  /** The same notes as API objects, loaded with the snapshot (to delete them in the same run). */
  noteObjects: Map<string, Note>;
  /** Notes whose cells are not known yet (read by `locate`). */
  unlocatedNotes: Note[];
  /** Cells holding a threaded comment: they cannot take a note. */
  comments: Set<string>;
  /** Comments whose cells are not known yet (read by `locate`). */
  unlocatedComments: Comment[];
  /** The sheet, as the batch that read it knows it. */
  sheet: Worksheet;
}

/** Cells read per sync at first (each cell is read four times: value, formula, format, type). */
export const CELLS_PER_READ = 40_000;
/** The largest used range read at all: beyond it the add-in says so instead of trying. */
export const MAX_CELLS = 2_000_000;

const ERROR_VALUE =
  /^#(DIV\/0!|REF!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|BLOCKED!|CONNECT!|FIELD!|BUSY!|UNKNOWN!)$/;

export function bareAddress(address: string): string {
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
      const format = formats[r]?.[c];
      const formatted = typeof format === 'string' && format !== 'General';
      if ((v === '' || v === null) && !hasFormula) {
        // a blank cell is kept only for its number format (a figure written into it follows it)
        if (formatted) out[left + c] = { value: null, format };
        return;
      }
      let value: CellValue;
      if (
        types[r]?.[c] === 'Error' ||
        (typeof v === 'string' && ERROR_VALUE.test(v) && types[r]?.[c] !== 'String')
      )
        value = { error: String(v) };
      else if (typeof v === 'number' || typeof v === 'boolean') value = v;
      else if (v === '' || v === null || v === undefined) value = null;
      else value = String(v);
      out[left + c] = {
        value,
        ...(hasFormula ? { formula: (formula as string).slice(1) } : {}),
        ...(formatted ? { format } : {}),
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

/** The response was too large: Excel says so, or (beyond about 5 million cells) answers null. */
function tooLarge(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}

interface Arrays {
  values: unknown[][];
  formulas: unknown[][];
  formats: unknown[][];
  types: string[][];
}

/**
 * Reads the active sheet: one sync for its basics and the size of its used range, then its cells
 * (one sync for a form-sized sheet). Fills and the places of notes and comments come later (see
 * `locate`). Nothing is loaded whose size was not known first.
 */
export async function readActiveSheet(context: RequestContext, host: Host): Promise<Snapshot> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load('id,name');
  sheet.protection.load('protected');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  const merged = used.getMergedAreasOrNullObject();
  merged.load('areas/items/address');
  const saved = sheet.customProperties.getItemOrNullObject(STATE_KEY);
  saved.load('value');
  const canNote = host.supports('ExcelApi', '1.18');
  const canComment = host.supports('ExcelApi', '1.10');
  if (canNote) sheet.notes.load('items/content');
  if (canComment) sheet.comments.load('items/content');
  await context.sync();

  const parsed = saved.isNullObject ? undefined : parseState(saved.value);
  const base = {
    sheetId: sheet.id,
    sheetName: sheet.name,
    protected: sheet.protection.protected,
    fills: new Map<string, SavedFill>(),
    ...(parsed && 'state' in parsed ? { state: parsed.state } : {}),
    ...(parsed && 'invalid' in parsed ? { stateRejected: parsed.invalid } : {}),
    notes: new Map<string, string>(),
    noteObjects: new Map<string, Note>(),
    unlocatedNotes: canNote ? sheet.notes.items : [],
    comments: new Set<string>(),
    unlocatedComments: canComment ? sheet.comments.items : [],
    sheet,
  };
  if (used.isNullObject) return { ...base, grid: new Grid({ name: sheet.name, cells: [] }) };
  const { rowIndex, columnIndex, rowCount, columnCount } = used;
  if (rowCount * columnCount > MAX_CELLS) {
    const address = `${colName(columnIndex + 1)}${rowIndex + 1}:${colName(columnIndex + columnCount)}${rowIndex + rowCount}`;
    throw new ZipingError('too-large', address);
  }
  const arrays = await readInBlocks(context, sheet, rowIndex, columnIndex, rowCount, columnCount);
  const merges = merged.isNullObject ? [] : merged.areas.items.map((a) => a.address);
  const grid = gridFromArrays(
    sheet.name,
    rowIndex + 1,
    columnIndex + 1,
    arrays.values,
    arrays.formulas,
    arrays.formats,
    arrays.types,
    merges,
  );
  return { ...base, grid };
}

/**
 * Reads a range in blocks of rows sized to the response limit: the whole range in one sync when
 * it is small, and a block halved whenever Excel says the response is too large or answers null.
 */
async function readInBlocks(
  context: RequestContext,
  sheet: Worksheet,
  rowIndex: number,
  columnIndex: number,
  rowCount: number,
  columnCount: number,
): Promise<Arrays> {
  const out: Arrays = { values: [], formulas: [], formats: [], types: [] };
  let block = Math.max(1, Math.min(rowCount, Math.floor(CELLS_PER_READ / columnCount)));
  const left = colName(columnIndex + 1);
  const right = colName(columnIndex + columnCount);
  for (let start = 0; start < rowCount;) {
    const end = Math.min(rowCount, start + block);
    const r = sheet.getRange(`${left}${rowIndex + start + 1}:${right}${rowIndex + end}`);
    r.load('values,formulas,numberFormat,valueTypes');
    let ok = true;
    try {
      await context.sync();
      ok = [r.values, r.formulas, r.numberFormat, r.valueTypes].every(Array.isArray);
    } catch (e) {
      if (!tooLarge(e)) throw e;
      ok = false;
    }
    if (!ok) {
      if (block === 1)
        throw new ZipingError('too-large', `${left}${rowIndex + start + 1}:${right}${rowIndex + end}`);
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
 * The second read, only when needed: where the existing notes and comments are, and the fills of
 * the given cells (so that they can be given back exactly). One sync, or none.
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
  const comments = snap.unlocatedComments.map((c) => c.getLocation().load('address') as Range);
  const fills = [...new Set(cells)].map((cell) => ({
    cell,
    props: snap.sheet
      .getRange(cell)
      .getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } }),
  }));
  if (located.length === 0 && comments.length === 0 && fills.length === 0) return;
  await context.sync();
  for (const n of located) {
    const cell = bareAddress(n.where.address);
    snap.notes.set(cell, n.content);
    snap.noteObjects.set(cell, n.note);
  }
  snap.unlocatedNotes = [];
  for (const c of comments) snap.comments.add(bareAddress(c.address));
  snap.unlocatedComments = [];
  for (const f of fills) {
    const p = f.props.value[0]?.[0]?.format?.fill;
    snap.fills.set(f.cell, {
      color: (p?.color ?? '#FFFFFF').toUpperCase(),
      pattern: p?.pattern ?? null,
      tintAndShade: p?.tintAndShade ?? null,
    });
  }
}

/** The fill of a cell read by `locate`. */
export function fillAt(snap: Snapshot, cell: string): SavedFill {
  const f = snap.fills.get(cell);
  if (!f) throw new Error(`the fill of ${cell} was not read`);
  return f;
}

/** A cell's number format as the snapshot read it (`General` for none). */
export function formatAt(snap: Snapshot, cell: string): string {
  const { row, col } = parseA1(cell);
  return snap.grid.cell(row, col)?.format ?? 'General';
}

/** What a cell holds now, by type; undefined for a formula (the add-in never records one). */
export function contentAt(snap: Snapshot, cell: string): CellContent | undefined {
  const { row, col } = parseA1(cell);
  const c = snap.grid.cell(row, col);
  if (c?.formula) return undefined;
  const v = c?.value;
  if (v === null || v === undefined || v === '') return { type: 'empty' };
  if (typeof v === 'object') return { type: 'error', value: v.error };
  if (typeof v === 'number') return { type: 'number', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  return { type: 'text', value: v };
}
