/**
 * Reading the active sheet: its cells into a Grid (in one sync, or in blocks of rows when the
 * response would be too large), and later, only where needed, the fills and the notes' places.
 */
import { CellValue, Grid } from '../engine';
import { Area, Cell, colName, parseA1 } from '../engine/grid';
import type { Host, Note, Range, RequestContext, Worksheet } from './api';
import { SavedFill, SheetState, stateIn } from './state';

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
  const state = stateIn(context.workbook.settings.items, sheet.id);
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
