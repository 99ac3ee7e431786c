/**
 * The add-in's saved state for a sheet: the marks it made (with the fills they cover), the notes
 * it added, and the record of the last change for 撤销本次修改. One helper builds every record.
 *
 * The state is kept with the sheet itself, in a worksheet custom property (ExcelApi 1.12): it
 * moves with the sheet and survives saving and reopening, when Excel gives sheets new ids. It is
 * untrusted input (anyone can plant one in a workbook): it is validated against its schema before
 * use, and what it records is only ever written back as literal text, numbers or booleans (and a
 * number format, as a number format).
 */
import type { Worksheet } from './api';

/** The key of the state on the sheet (custom property keys are case-insensitive). */
export const STATE_KEY = 'ziping.state';

/**
 * A fill as Excel reports it. No fill has a null `tintAndShade` (its colour reads `#FFFFFF`, like
 * white); a white fill has 0; a theme tint keeps its tint.
 */
export interface SavedFill {
  color: string;
  pattern: string | null;
  tintAndShade: number | null;
}

/** What a cell held, by Excel's value type: never a formula. */
export type CellContent =
  | { type: 'empty' }
  | { type: 'text'; value: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'error'; value: string };

export interface ValueRecord {
  cell: string;
  /** What the cell held before the change. */
  before: CellContent;
  /** What the change wrote: a revert is refused when the cell no longer holds it. */
  after: CellContent;
  /**
   * The cell's number format before the change (`General` for none) and the one the change gave
   * it, when the change gave it one (a rate written as 0.6216 shown as `0.00%`).
   */
  format?: { before: string; after: string };
}

export interface NoteRecord {
  cell: string;
  content: string;
}

export interface MarkRecord {
  /** The fill the cell had before the add-in marked it. */
  before: SavedFill;
  /** The colour of the mark. */
  mark: string;
}

/** What the add-in has on a sheet now: its marks and its notes. */
export interface Marks {
  marks: Record<string, MarkRecord>;
  notes: NoteRecord[];
}

export interface ChangeRecord {
  values: ValueRecord[];
  /** The fill each touched cell had before the change. */
  fills: Record<string, SavedFill>;
  notesAdded: NoteRecord[];
  notesRemoved: NoteRecord[];
  /** The marks and notes from before the change. */
  previous: Marks;
}

export interface SheetState extends Marks {
  v: 2;
  /** What the last change replaced, for 撤销本次修改. */
  last?: ChangeRecord;
}

/** The fill of a cell the add-in marked with a colour. */
export const markFill = (color: string): SavedFill => ({ color, pattern: 'Solid', tintAndShade: 0 });

/** The state after a change: the marks and notes the add-in now has, and what the change replaced. */
export function recordChange(
  previous: Marks | undefined,
  now: Marks,
  change: Partial<Omit<ChangeRecord, 'previous'>>,
): SheetState {
  return {
    v: 2,
    marks: now.marks,
    notes: now.notes,
    last: {
      values: change.values ?? [],
      fills: change.fills ?? {},
      notesAdded: change.notesAdded ?? [],
      notesRemoved: change.notesRemoved ?? [],
      previous: { marks: previous?.marks ?? {}, notes: previous?.notes ?? [] },
    },
  };
}

/** Queues the saving of a sheet's state, with the sheet (written at the batch's next sync). */
export function queueSaveState(sheet: Worksheet, state: SheetState): void {
  sheet.customProperties.add(STATE_KEY, JSON.stringify(state));
}

// ---- validation: the saved state is untrusted input ----

/** Limits well above anything the add-in writes, so that a planted state cannot make it work for long. */
const MAX_ENTRIES = 200_000;
const MAX_TEXT = 32_767;
const CELL = /^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$/;
const COLOR = /^#[0-9A-Fa-f]{6}$/;
const PATTERN = /^[A-Za-z0-9]{1,32}$/;
const ERROR_LITERAL = /^#(DIV\/0!|REF!|VALUE!|N\/A|NAME\?|NUM!|NULL!)$/;

class Invalid extends Error {}

function fail(what: string): never {
  throw new Invalid(what);
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what} is not an object`);
  return v as Record<string, unknown>;
}

function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v) || v.length > MAX_ENTRIES) fail(`${what} is not a list`);
  return v;
}

function entries(v: unknown, what: string): Array<[string, unknown]> {
  const e = Object.entries(object(v, what));
  if (e.length > MAX_ENTRIES) fail(`${what} is too large`);
  return e;
}

function cell(v: unknown, what: string): string {
  if (typeof v !== 'string') fail(`${what} is not a cell`);
  const m = CELL.exec(v);
  if (!m) fail(`${what} is not a cell`);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  if (col > 16_384 || Number(m[2]) > 1_048_576) fail(`${what} is outside a sheet`);
  return `${m[1]}${m[2]}`;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length > MAX_TEXT) fail(`${what} is not a text`);
  return v;
}

function fill(v: unknown, what: string): SavedFill {
  const o = object(v, what);
  if (typeof o.color !== 'string' || !COLOR.test(o.color)) fail(`${what}.color`);
  if (o.pattern !== null && (typeof o.pattern !== 'string' || !PATTERN.test(o.pattern)))
    fail(`${what}.pattern`);
  const t = o.tintAndShade;
  if (t !== null && (typeof t !== 'number' || !(t >= -1 && t <= 1))) fail(`${what}.tintAndShade`);
  return { color: o.color.toUpperCase(), pattern: o.pattern, tintAndShade: t };
}

/** Excel keeps a number format to 255 characters. */
const MAX_FORMAT = 255;

function numberFormat(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_FORMAT)
    fail(`${what} is not a number format`);
  return v;
}

function formatChange(v: unknown, what: string): { format?: { before: string; after: string } } {
  if (v === undefined) return {};
  const o = object(v, what);
  return {
    format: {
      before: numberFormat(o.before, `${what}.before`),
      after: numberFormat(o.after, `${what}.after`),
    },
  };
}

function content(v: unknown, what: string): CellContent {
  const o = object(v, what);
  switch (o.type) {
    case 'empty':
      return { type: 'empty' };
    case 'text':
      return { type: 'text', value: text(o.value, what) };
    case 'number':
      if (typeof o.value !== 'number' || !Number.isFinite(o.value)) fail(`${what} is not a number`);
      return { type: 'number', value: o.value };
    case 'boolean':
      if (typeof o.value !== 'boolean') fail(`${what} is not a boolean`);
      return { type: 'boolean', value: o.value };
    case 'error':
      if (typeof o.value !== 'string' || !ERROR_LITERAL.test(o.value)) fail(`${what} is not an error value`);
      return { type: 'error', value: o.value };
    default:
      return fail(`${what} has no known type`);
  }
}

function note(v: unknown, what: string): NoteRecord {
  const o = object(v, what);
  return { cell: cell(o.cell, `${what}.cell`), content: text(o.content, `${what}.content`) };
}

function marks(v: unknown, what: string): Marks {
  const o = object(v, what);
  const out: Record<string, MarkRecord> = {};
  for (const [k, m] of entries(o.marks, `${what}.marks`)) {
    const mo = object(m, `${what}.marks.${k}`);
    if (typeof mo.mark !== 'string' || !COLOR.test(mo.mark)) fail(`${what}.marks.${k}.mark`);
    out[cell(k, `${what}.marks`)] = {
      before: fill(mo.before, `${what}.marks.${k}`),
      mark: mo.mark.toUpperCase(),
    };
  }
  return { marks: out, notes: array(o.notes, `${what}.notes`).map((n) => note(n, `${what}.notes`)) };
}

/** The state as saved, validated against its schema; a reason when it is not a valid state. */
export function parseState(raw: unknown): { state: SheetState } | { invalid: string } {
  try {
    if (typeof raw !== 'string' || raw.length > 64 * 1024 * 1024) fail('the state is not a text');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      fail('the state is not JSON');
    }
    const o = object(json, 'the state');
    if (o.v !== 2) fail('the state has an unknown version');
    const now = marks(o, 'the state');
    if (o.last === undefined) return { state: { v: 2, ...now } };
    const l = object(o.last, 'last');
    const fills: Record<string, SavedFill> = {};
    for (const [k, f] of entries(l.fills, 'last.fills'))
      fills[cell(k, 'last.fills')] = fill(f, `last.fills.${k}`);
    const last: ChangeRecord = {
      values: array(l.values, 'last.values').map((x, i) => {
        const r = object(x, `last.values.${i}`);
        return {
          cell: cell(r.cell, `last.values.${i}.cell`),
          before: content(r.before, `last.values.${i}.before`),
          after: content(r.after, `last.values.${i}.after`),
          ...formatChange(r.format, `last.values.${i}.format`),
        };
      }),
      fills,
      notesAdded: array(l.notesAdded, 'last.notesAdded').map((n) => note(n, 'last.notesAdded')),
      notesRemoved: array(l.notesRemoved, 'last.notesRemoved').map((n) => note(n, 'last.notesRemoved')),
      previous: marks(l.previous, 'last.previous'),
    };
    return { state: { v: 2, ...now, last } };
  } catch (e) {
    if (e instanceof Invalid) return { invalid: e.message };
    throw e;
  }
}
