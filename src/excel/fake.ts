/* eslint-disable @typescript-eslint/no-this-alias -- the accessor objects of a range refer to the range itself */
/**
 * A faithful fake of the Excel JavaScript API subset in ./api.ts, over an in-memory workbook.
 * It enforces Office.js's load/sync semantics: a property read before it was loaded and synced
 * throws PropertyNotLoaded; writes and loads are queued and carried out in order at sync(); an
 * error at sync rejects the whole batch from that point. Syncs are counted. The tests and the
 * playground run the real adapter on it.
 */
import { a1, colName, parseA1, parseRange } from '../engine/grid';
import type * as Api from './api';

export interface FakeFill {
  pattern: 'None' | 'Solid';
  color: string;
  /** A theme tint or shade of the colour, from -1 to 1; absent for the colour itself. */
  tint?: number;
}

export interface FakeCell {
  value: string | number | boolean | null;
  /** An Excel error value such as `#DIV/0!`, shown instead of the value. */
  error?: string;
  formula?: string;
  format: string;
  fill: FakeFill;
  bold?: boolean;
  wrap?: boolean;
}

export interface FakeSheet {
  id: string;
  name: string;
  cells: Map<string, FakeCell>;
  merges: string[];
  protected: boolean;
  notes: Map<string, string>;
  /** Threaded comments (ExcelApi 1.10) by cell: a cell that holds one cannot take a note. */
  comments: Map<string, string>;
  /** The sheet's custom properties (ExcelApi 1.12): saved with the sheet, kept on reopening. */
  customProperties: Map<string, string>;
  validations: Map<string, Api.DataValidationRule>;
  columnWidths: Map<number, number>;
  printTitleRows?: string;
  orientation?: string;
}

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

const NO_FILL: FakeFill = { pattern: 'None', color: '#FFFFFF' };

export function blankCell(): FakeCell {
  return { value: null, format: 'General', fill: { ...NO_FILL } };
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function box(address: string): Box {
  const ref = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [a, b = a] = ref.replace(/\$/g, '').split(':');
  // whole columns (A:C) and whole rows (13:13)
  if (/^[A-Z]+$/i.test(a) && /^[A-Z]+$/i.test(b)) {
    return { top: 1, left: parseA1(`${a}1`).col, bottom: 1048576, right: parseA1(`${b}1`).col };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return { top: Number(a), left: 1, bottom: Number(b), right: 16384 };
  return parseRange(`${a}:${b}`);
}

function boxAddress(b: Box): string {
  const s = a1(b.top, b.left);
  const e = a1(b.bottom, b.right);
  return s === e ? s : `${s}:${e}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  activeId = '';
  settings = new Map<string, unknown>();
  selection: { sheetId: string; address: string } | undefined;
  syncCount = 0;
  runs: Array<{ mergeUndoGroup: boolean; syncs: number }> = [];
  /** Requirement sets the fake host reports. */
  apiVersion = '1.20';
  /**
   * Excel on the web refuses a sync whose response is over 5 MB with
   * `ResponsePayloadSizeLimitExceeded`. The fake counts cells instead: a sync that loads more
   * cell arrays (values, formulas, formats and types, one per cell each) than this fails.
   */
  payloadLimit = Number.POSITIVE_INFINITY;
  /** A load of a cell array over more cells than this answers `null` (Excel: about 5 million). */
  nullBeyond = 5_000_000;
  /**
   * When set, a sync fails after applying this many more write statements (a lost connection, a
   * cell being edited): the ones before stay applied, as in Excel. One-shot.
   */
  interruptAfter: number | undefined;
  /** Write statements applied so far. */
  writeOps = 0;
  private listeners: Array<() => void> = [];
  private activatedListeners = new Set<(sheetId: string) => void>();
  private changedListeners = new Set<(change: Api.SheetChange) => void>();
  private nextId = 1;

  addSheet(name: string): FakeSheet {
    const sheet: FakeSheet = {
      id: `{sheet-${this.nextId++}}`,
      name,
      cells: new Map(),
      merges: [],
      protected: false,
      notes: new Map(),
      comments: new Map(),
      customProperties: new Map(),
      validations: new Map(),
      columnWidths: new Map(),
    };
    this.sheets.push(sheet);
    if (!this.activeId) this.activeId = sheet.id;
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /**
   * Saves the workbook and opens it again. Excel gives sheets new ids between sessions; here each
   * sheet takes the id another sheet had (the worst case for anything keyed by id). Cells, notes,
   * comments, custom properties and the workbook's settings stay; the same sheet is active.
   */
  reopen(): void {
    const active = this.sheets.findIndex((s) => s.id === this.activeId);
    const ids = this.sheets.map((s) => s.id);
    this.sheets.forEach(
      (s, i) => (s.id = ids.length > 1 ? ids[(i + 1) % ids.length] : `{sheet-${this.nextId++}}`),
    );
    this.activeId = this.sheets[Math.max(0, active)]?.id ?? '';
    this.selection = undefined;
  }

  get active(): FakeSheet {
    return this.sheets.find((s) => s.id === this.activeId) as FakeSheet;
  }

  onChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  changed(): void {
    for (const l of this.listeners) l();
  }

  /** Makes a sheet the active one, as a click on its tab does: `onActivated` fires if it changed. */
  setActive(sheetId: string): void {
    if (this.activeId === sheetId) return;
    this.activeId = sheetId;
    for (const l of this.activatedListeners) queueMicrotask(() => l(sheetId));
  }

  /** The clerk types into a cell (Excel parses what she typed); `onChanged` fires. */
  type(ref: string, text: string, sheet: FakeSheet = this.active): void {
    const cell = sheet.cells.get(ref) ?? blankCell();
    setTyped(cell, text);
    sheet.cells.set(ref, cell);
    this.emitChange({ sheetId: sheet.id, address: ref, byAddin: false });
    this.changed();
  }

  /** Reports a change of values to the `onChanged` listeners (asynchronously, as Excel does). */
  emitChange(change: Api.SheetChange): void {
    for (const l of this.changedListeners) queueMicrotask(() => l(change));
  }

  /** The host the adapter runs on: Excel.run and isSetSupported, over this workbook. */
  host(): Api.Host {
    return {
      run: async (batch, options) => {
        const context = new FakeContext(this);
        const before = this.syncCount;
        try {
          return await batch(context);
        } finally {
          this.runs.push({ mergeUndoGroup: !!options?.mergeUndoGroup, syncs: this.syncCount - before });
          this.changed();
        }
      },
      supports: (_set, version) => compareVersion(this.apiVersion, version) >= 0,
      onActivated: async (listener) => {
        this.activatedListeners.add(listener);
        return async () => void this.activatedListeners.delete(listener);
      },
      onChanged: async (listener) => {
        this.changedListeners.add(listener);
        return async () => void this.changedListeners.delete(listener);
      },
    };
  }
}

function compareVersion(a: string, b: string): number {
  const [a1_, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1_ - b1 || a2 - b2;
}

class FakeContext implements Api.RequestContext {
  readonly workbook: FakeWorkbookApi;
  private queue: Array<() => void> = [];
  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
  }
  enqueue(op: () => void, read = false): void {
    this.queue.push(read ? Object.assign(op, { read }) : op);
  }
  private payload = 0;
  async sync(): Promise<void> {
    this.book.syncCount++;
    const ops = this.queue;
    this.queue = [];
    this.payload = 0;
    for (const op of ops) {
      if (!(op as { read?: boolean }).read) {
        // a batch is not a transaction: what was applied before the failure stays
        if (this.book.interruptAfter === 0) {
          this.book.interruptAfter = undefined;
          throw new FakeError('GeneralException', 'the batch was interrupted');
        }
        if (this.book.interruptAfter !== undefined) this.book.interruptAfter--;
        this.book.writeOps++;
      }
      op();
    }
  }
  /** Counts cells loaded in this sync against the payload limit. */
  charge(cells: number): void {
    this.payload += cells;
    if (this.payload > this.book.payloadLimit) {
      throw new FakeError(
        'ResponsePayloadSizeLimitExceeded',
        `the response of this sync is too large (${this.payload} cells)`,
      );
    }
  }
}

/** Load/sync bookkeeping shared by every fake client object. */
abstract class FakeObject {
  private readonly ready = new Map<string, unknown>();
  constructor(protected readonly ctx: FakeContext) {}

  load(propertyNames: string): this {
    const names = propertyNames
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    this.ctx.enqueue(() => {
      // as in Office.js: after any load, an *OrNullObject says whether it is null, and a null
      // object loads nothing else (without an error)
      const isNull = this.nullObject();
      if (isNull !== undefined) this.ready.set('isNullObject', isNull);
      if (isNull) return;
      for (const n of names) this.ready.set(n, this.snapshot(n));
    }, true);
    return this;
  }

  /** True or false for objects that can be null objects; undefined for the others. */
  protected nullObject(): boolean | undefined {
    return undefined;
  }

  /** The value of a property at sync time; for `items/x`, the items with `x` loaded. */
  protected abstract snapshot(name: string): unknown;

  protected loaded<T>(name: string): T {
    for (const [k, v] of this.ready) if (k === name || k.startsWith(`${name}/`)) return v as T;
    throw new FakeError(
      'PropertyNotLoaded',
      `${this.constructor.name}.${name} was read before load("${name}") and sync()`,
    );
  }
}

class FakeWorkbookApi implements Api.Workbook {
  readonly worksheets: FakeWorksheets;
  readonly settings: FakeSettings;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.settings = new FakeSettings(ctx);
  }
}

class FakeWorksheets extends FakeObject implements Api.WorksheetCollection {
  get items(): FakeWorksheetApi[] {
    return this.loaded('items');
  }
  protected snapshot(name: string): unknown {
    if (!name.startsWith('items'))
      throw new FakeError('InvalidArgument', `WorksheetCollection has no property ${name}`);
    const sub = name.slice('items/'.length);
    return this.ctx.book.sheets.map((s) => {
      const w = new FakeWorksheetApi(this.ctx, () => s);
      if (sub) w.loadNow(sub);
      return w;
    });
  }
  getActiveWorksheet(): FakeWorksheetApi {
    return new FakeWorksheetApi(this.ctx, () => this.ctx.book.active);
  }
  getItem(key: string): FakeWorksheetApi {
    return new FakeWorksheetApi(this.ctx, () => {
      const s = this.ctx.book.sheets.find((x) => x.name.toLowerCase() === key.toLowerCase() || x.id === key);
      if (!s) throw new FakeError('ItemNotFound', `no worksheet ${key}`);
      return s;
    });
  }
  getItemOrNullObject(key: string): FakeWorksheetApi & { isNullObject: boolean } {
    const find = () =>
      this.ctx.book.sheets.find((x) => x.name.toLowerCase() === key.toLowerCase() || x.id === key);
    return new FakeWorksheetApi(this.ctx, () => find() ?? null);
  }
  add(name: string): FakeWorksheetApi {
    let created: FakeSheet | undefined;
    this.ctx.enqueue(() => {
      if (this.ctx.book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
        throw new FakeError('ItemAlreadyExists', `a worksheet named ${name} exists`);
      }
      created = this.ctx.book.addSheet(name);
    });
    return new FakeWorksheetApi(this.ctx, () => {
      if (!created) throw new FakeError('GeneralException', 'worksheet used before it was added');
      return created;
    });
  }
}

class FakeWorksheetApi extends FakeObject implements Api.Worksheet {
  readonly protection: FakeProtection;
  readonly notes: FakeNotes;
  readonly comments: FakeComments;
  readonly customProperties: FakeCustomProperties;
  readonly pageLayout: {
    orientation: string;
    paperSize: string;
    setPrintTitleRows(rows: string): void;
    zoom: { horizontalFitToPages: number; verticalFitToPages: number };
  };
  constructor(
    ctx: FakeContext,
    readonly resolve: () => FakeSheet | null,
  ) {
    super(ctx);
    this.protection = new FakeProtection(ctx, () => this.sheet());
    this.notes = new FakeNotes(ctx, () => this.sheet());
    this.comments = new FakeComments(ctx, () => this.sheet());
    this.customProperties = new FakeCustomProperties(ctx, () => this.sheet());
    const write = (f: (s: FakeSheet) => void) => ctx.enqueue(() => f(this.writable()));
    this.pageLayout = {
      set orientation(v: string) {
        write((s) => (s.orientation = v));
      },
      get orientation(): string {
        throw new FakeError('PropertyNotLoaded', 'pageLayout.orientation is write-only here');
      },
      paperSize: 'A4',
      setPrintTitleRows: (rows: string) => write((s) => (s.printTitleRows = rows)),
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    };
  }
  sheet(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new FakeError('ItemNotFound', 'the worksheet does not exist');
    return s;
  }
  /** A sheet that may be written: a protected sheet refuses every write, as Excel does. */
  writable(): FakeSheet {
    const s = this.sheet();
    if (s.protected) throw new FakeError('AccessDenied', `worksheet ${s.name} is protected`);
    return s;
  }
  loadNow(names: string): void {
    const me = this as unknown as { ready: Map<string, unknown> };
    for (const n of names.split(',')) me.ready.set(n.trim(), this.snapshot(n.trim()));
  }
  protected override nullObject(): boolean {
    return this.resolve() === null;
  }
  protected snapshot(name: string): unknown {
    const s = this.sheet();
    if (name === 'id') return s.id;
    if (name === 'name') return s.name;
    throw new FakeError('InvalidArgument', `Worksheet has no property ${name}`);
  }
  get id(): string {
    return this.loaded('id');
  }
  get name(): string {
    return this.loaded('name');
  }
  get isNullObject(): boolean {
    return this.loaded('isNullObject');
  }
  set showGridlines(_v: boolean) {
    this.ctx.enqueue(() => this.writable());
  }
  get showGridlines(): boolean {
    return true;
  }
  getRange(address: string): FakeRange {
    return new FakeRange(this.ctx, this, () => box(address));
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, this, () => usedBox(this.sheet(), valuesOnly));
  }
  activate(): void {
    this.ctx.enqueue(() => this.ctx.book.setActive(this.sheet().id));
  }
}

function usedBox(s: FakeSheet, valuesOnly: boolean): Box | null {
  let b: Box | null = null;
  for (const [ref, c] of s.cells) {
    const used =
      c.value !== null ||
      !!c.formula ||
      !!c.error ||
      (!valuesOnly && (c.fill.pattern !== 'None' || c.format !== 'General'));
    if (!used) continue;
    const { row, col } = parseA1(ref);
    b = b
      ? {
          top: Math.min(b.top, row),
          left: Math.min(b.left, col),
          bottom: Math.max(b.bottom, row),
          right: Math.max(b.right, col),
        }
      : { top: row, left: col, bottom: row, right: col };
  }
  return b;
}

class FakeProtection extends FakeObject {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (name === 'protected') return this.sheet().protected;
    throw new FakeError('InvalidArgument', `WorksheetProtection has no property ${name}`);
  }
  get protected(): boolean {
    return this.loaded('protected');
  }
}

const ERROR_LITERAL = /^#(DIV\/0!|REF!|VALUE!|N\/A|NAME\?|NUM!|NULL!)$/i;

/** Days from Excel's day 0 (1899-12-30) to a date, or undefined when it is not a real date. */
function serialOf(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return undefined;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
}

interface Typed {
  value: FakeCell['value'];
  formula?: string;
  error?: string;
  /** The number format Excel gives a cell whose format was General. */
  format?: string;
}

/**
 * Parses a value written to `values` as Excel parses what is typed: `95` and `414,400.00` become
 * numbers, `62.16%` a percentage, `2021-01-01` and `2021年1月1日` dates, `TRUE` a boolean, `#N/A`
 * an error, and a leading `=`, `+`, `-` or `@` (when not a number) a formula. A leading apostrophe
 * keeps the rest as text and is not stored.
 */
function typed(value: unknown): Typed {
  if (value === null || value === undefined || value === '') return { value: null };
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  const s = String(value);
  if (s.startsWith("'")) return { value: s.slice(1) };
  const t = s.trim();
  if (s.startsWith('=')) return { value: null, formula: s };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { value: Number(t) };
  if (/^[+\-@]/.test(s)) return { value: null, formula: `=${s}` };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  if (ERROR_LITERAL.test(t)) return { value: null, error: t.toUpperCase() };
  const pct = /^(-?\d{1,3}(?:,\d{3})*|-?\d+)(?:\.(\d+))?\s*%$/.exec(t);
  if (pct) {
    const places = (pct[2] ?? '').length;
    return {
      value: Number(`${pct[1].replace(/,/g, '')}.${pct[2] ?? '0'}e-2`),
      format: places > 0 ? `0.${'0'.repeat(places)}%` : '0%',
    };
  }
  const thousands = /^-?\d{1,3}(,\d{3})+(\.(\d+))?$/.exec(t);
  if (thousands) return { value: Number(t.replace(/,/g, '')), format: thousands[3] ? '#,##0.00' : '#,##0' };
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (iso) {
    const serial = serialOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (serial !== undefined)
      return { value: serial, format: t.includes('年') ? 'yyyy"年"m"月"d"日"' : 'yyyy-mm-dd' };
  }
  return { value: s };
}

/** Stores a value written to `values` (or typed) the way Excel parses it. */
function setTyped(cell: FakeCell, x: unknown): void {
  const t = typed(x);
  cell.value = t.value;
  if (t.error) cell.error = t.error;
  else delete cell.error;
  if (t.formula) cell.formula = t.formula;
  else delete cell.formula;
  if (t.format && cell.format === 'General') cell.format = t.format;
}

class FakeRange extends FakeObject implements Api.Range {
  readonly format: Api.RangeFormat;
  readonly dataValidation: Api.Range['dataValidation'];
  constructor(
    ctx: FakeContext,
    private readonly ws: FakeWorksheetApi,
    private readonly where: () => Box | null,
  ) {
    super(ctx);
    const self = this;
    const eachCell = (f: (c: FakeCell, ref: string) => void) =>
      ctx.enqueue(() => {
        const s = ws.writable();
        const b = self.box();
        for (let r = b.top; r <= b.bottom; r++)
          for (let c = b.left; c <= b.right; c++) {
            const ref = a1(r, c);
            const cell = s.cells.get(ref) ?? blankCell();
            f(cell, ref);
            s.cells.set(ref, cell);
          }
      });
    const fill: Api.RangeFill = {
      set color(v: string) {
        eachCell((c) => (c.fill = { pattern: 'Solid', color: v.toUpperCase() }));
      },
      set tintAndShade(v: number) {
        if (!(v >= -1 && v <= 1))
          throw new FakeError('InvalidArgument', `tintAndShade ${v} is not in [-1, 1]`);
        eachCell((c) => {
          if (c.fill.pattern === 'None') return;
          c.fill = { pattern: c.fill.pattern, color: c.fill.color, ...(v ? { tint: v } : {}) };
        });
      },
      get tintAndShade(): number {
        return self.loaded<number>('format/fill/tintAndShade');
      },
      get color(): string {
        return self.loaded<string>('format/fill/color');
      },
      set pattern(v: string) {
        eachCell((c) => (c.fill = v === 'None' ? { ...NO_FILL } : { pattern: 'Solid', color: c.fill.color }));
      },
      get pattern(): string {
        return self.loaded<string>('format/fill/pattern');
      },
      clear: () => eachCell((c) => (c.fill = { ...NO_FILL })),
    };
    const noop = () => ctx.enqueue(() => ws.writable());
    this.format = {
      fill,
      set wrapText(v: boolean) {
        eachCell((c) => (c.wrap = v));
      },
      get wrapText() {
        return self.loaded<boolean>('format/wrapText');
      },
      set columnWidth(v: number) {
        ctx.enqueue(() => {
          const b = self.box();
          for (let c = b.left; c <= b.right; c++) ws.writable().columnWidths.set(c, v);
        });
      },
      get columnWidth() {
        return self.loaded<number>('format/columnWidth');
      },
      set rowHeight(_v: number) {
        noop();
      },
      get rowHeight() {
        return 15;
      },
      set horizontalAlignment(_v: string) {
        noop();
      },
      get horizontalAlignment() {
        return 'General';
      },
      set verticalAlignment(_v: string) {
        noop();
      },
      get verticalAlignment() {
        return 'Bottom';
      },
      font: {
        set bold(v: boolean) {
          eachCell((c) => (c.bold = v));
        },
        get bold() {
          return false;
        },
        set size(_v: number) {
          noop();
        },
        get size() {
          return 11;
        },
        set color(_v: string) {
          noop();
        },
        get color() {
          return '#000000';
        },
      },
      borders: {
        getItem: () => ({
          set style(_v: string) {
            noop();
          },
          get style() {
            return 'None';
          },
          weight: 'Thin',
        }),
      },
    };
    this.dataValidation = {
      set rule(rule: Api.DataValidationRule) {
        ctx.enqueue(() => ws.writable().validations.set(boxAddress(self.box()), rule));
      },
      get rule(): Api.DataValidationRule {
        throw new FakeError('PropertyNotLoaded', 'dataValidation.rule is write-only here');
      },
      errorAlert: { message: '', showAlert: true, title: '' },
    };
  }

  private box(): Box {
    const b = this.where();
    if (!b) throw new FakeError('InvalidReference', 'the range is a null object');
    return b;
  }

  private grid<T>(f: (cell: FakeCell | undefined, ref: string) => T): T[][] {
    const s = this.ws.sheet();
    const b = this.box();
    const out: T[][] = [];
    for (let r = b.top; r <= b.bottom; r++) {
      const row: T[] = [];
      for (let c = b.left; c <= b.right; c++) {
        const ref = a1(r, c);
        row.push(f(s.cells.get(ref), ref));
      }
      out.push(row);
    }
    return out;
  }

  protected override nullObject(): boolean {
    return this.where() === null;
  }
  /** Charges a cell array against the response limit; true when Excel would answer null. */
  private tooMany(b: Box): boolean {
    const cells = (b.bottom - b.top + 1) * (b.right - b.left + 1);
    if (cells > this.ctx.book.nullBeyond) return true;
    this.ctx.charge(cells);
    return false;
  }
  protected snapshot(name: string): unknown {
    const b = this.box();
    switch (name) {
      case 'address':
        return `${quoteSheet(this.ws.sheet().name)}!${boxAddress(b)}`;
      case 'values':
        if (this.tooMany(b)) return null;
        return this.grid((c) => (c?.error ? c.error : (c?.value ?? '')));
      case 'formulas':
        if (this.tooMany(b)) return null;
        return this.grid((c) => c?.formula ?? (c?.error ? c.error : (c?.value ?? '')));
      case 'numberFormat':
        if (this.tooMany(b)) return null;
        return this.grid((c) => c?.format ?? 'General');
      case 'valueTypes':
        if (this.tooMany(b)) return null;
        return this.grid((c) =>
          c?.error
            ? 'Error'
            : c?.value === null || c === undefined
              ? 'Empty'
              : typeof c.value === 'number'
                ? 'Double'
                : typeof c.value === 'boolean'
                  ? 'Boolean'
                  : 'String',
        );
      case 'rowIndex':
        return b.top - 1;
      case 'columnIndex':
        return b.left - 1;
      case 'rowCount':
        return b.bottom - b.top + 1;
      case 'columnCount':
        return b.right - b.left + 1;
      case 'format/fill/color': {
        const colors = new Set(this.grid((c) => (c?.fill ?? NO_FILL).color).flat());
        return colors.size === 1 ? [...colors][0] : null;
      }
      case 'format/fill/pattern': {
        const p = new Set(this.grid((c) => (c?.fill ?? NO_FILL).pattern).flat());
        return p.size === 1 ? [...p][0] : null;
      }
      default:
        throw new FakeError('InvalidArgument', `Range has no property ${name} in this fake`);
    }
  }

  get address(): string {
    return this.loaded('address');
  }
  get values(): unknown[][] {
    return this.loaded('values');
  }
  set values(v: unknown[][]) {
    this.write(v, setTyped);
    this.ctx.enqueue(
      () =>
        this.ctx.book.emitChange({
          sheetId: this.ws.sheet().id,
          address: boxAddress(this.box()),
          byAddin: true,
        }),
      true,
    );
  }
  get formulas(): unknown[][] {
    return this.loaded('formulas');
  }
  set formulas(v: unknown[][]) {
    this.values = v;
  }
  get numberFormat(): unknown[][] {
    return this.loaded('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.write(v, (cell, x) => (cell.format = String(x)));
  }
  get valueTypes(): string[][] {
    return this.loaded('valueTypes');
  }
  get rowIndex(): number {
    return this.loaded('rowIndex');
  }
  get columnIndex(): number {
    return this.loaded('columnIndex');
  }
  get rowCount(): number {
    return this.loaded('rowCount');
  }
  get columnCount(): number {
    return this.loaded('columnCount');
  }
  get isNullObject(): boolean {
    return this.loaded('isNullObject');
  }

  /** Writes a 2-D array, or one value to every cell, as Office.js accepts. */
  private write(v: unknown[][], f: (cell: FakeCell, x: unknown) => void): void {
    this.ctx.enqueue(() => {
      const s = this.ws.writable();
      const b = this.box();
      const rows = b.bottom - b.top + 1;
      const cols = b.right - b.left + 1;
      const single = !Array.isArray(v);
      if (!single && (v.length !== rows || v.some((r) => r.length !== cols))) {
        throw new FakeError('InvalidArgument', `a ${v.length}-row array written to ${boxAddress(b)}`);
      }
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) {
          const ref = a1(b.top + r, b.left + c);
          const cell = s.cells.get(ref) ?? blankCell();
          f(cell, single ? v : v[r][c]);
          s.cells.set(ref, cell);
        }
    });
  }

  /**
   * Fills as Excel reports them: no fill is `#FFFFFF` with a null pattern, like white; only
   * `tintAndShade` (null for no fill, a number for any fill) tells them apart.
   */
  getCellProperties(): Api.ClientResult<Api.CellFillProperties[][]> {
    let result: Api.CellFillProperties[][] | undefined;
    this.ctx.enqueue(() => {
      result = this.grid((c) => {
        const f = c?.fill ?? NO_FILL;
        const none = f.pattern === 'None';
        return {
          format: {
            fill: {
              color: none ? '#FFFFFF' : f.color,
              pattern: none || f.color === '#FFFFFF' ? null : f.pattern,
              tintAndShade: none ? null : (f.tint ?? 0),
            },
          },
        };
      });
    }, true);
    return {
      get value() {
        if (!result)
          throw new FakeError('PropertyNotLoaded', 'getCellProperties().value was read before sync()');
        return result;
      },
    };
  }

  getMergedAreasOrNullObject(): Api.RangeAreas {
    const ws = this.ws;
    const range = () => this.where();
    return new FakeRangeAreas(this.ctx, () => {
      const b = range();
      if (!b) return [];
      return ws
        .sheet()
        .merges.filter((m) => overlaps(box(m), b))
        .map((m) => `${quoteSheet(ws.sheet().name)}!${m}`);
    });
  }

  merge(): void {
    this.ctx.enqueue(() => {
      const s = this.ws.writable();
      const b = this.box();
      if (s.merges.some((m) => overlaps(box(m), b)))
        throw new FakeError('InvalidOperation', `merge over ${boxAddress(b)} overlaps`);
      s.merges.push(boxAddress(b));
    });
  }

  select(): void {
    this.ctx.enqueue(() => {
      const s = this.ws.sheet();
      this.ctx.book.setActive(s.id);
      this.ctx.book.selection = { sheetId: s.id, address: boxAddress(this.box()) };
    });
  }
}

class FakeRangeAreas extends FakeObject implements Api.RangeAreas {
  constructor(
    ctx: FakeContext,
    private readonly addresses: () => string[],
  ) {
    super(ctx);
  }
  protected override nullObject(): boolean {
    return this.addresses().length === 0;
  }
  protected snapshot(name: string): unknown {
    const list = this.addresses();
    if (name.startsWith('areas')) return { items: list.map((address) => ({ address })) };
    throw new FakeError('InvalidArgument', `RangeAreas has no property ${name}`);
  }
  get isNullObject(): boolean {
    return this.loaded('isNullObject');
  }
  get areas(): { items: Array<{ address: string }> } {
    return this.loaded('areas');
  }
}

class FakeNotes extends FakeObject implements Api.NoteCollection {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (!name.startsWith('items'))
      throw new FakeError('InvalidArgument', `NoteCollection has no property ${name}`);
    return [...this.sheet().notes.keys()].map((ref) => new FakeNote(this.ctx, this.sheet, ref));
  }
  get items(): FakeNote[] {
    return this.loaded('items');
  }
  add(cellAddress: string, content: string): FakeNote {
    const ref = boxAddress(box(cellAddress));
    this.ctx.enqueue(() => {
      const s = this.sheet();
      if (s.protected) throw new FakeError('AccessDenied', `worksheet ${s.name} is protected`);
      if (ref.includes(':')) throw new FakeError('InvalidArgument', 'a note belongs to a single cell');
      if (s.notes.has(ref)) throw new FakeError('InvalidArgument', `${ref} already has a note`);
      if (s.comments.has(ref))
        throw new FakeError('InvalidOperation', `${ref} holds a threaded comment and cannot take a note`);
      s.notes.set(ref, content);
    });
    return new FakeNote(this.ctx, this.sheet, ref);
  }
}

class FakeNote implements Api.Note {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly ref: string,
  ) {}
  get content(): string {
    return this.sheet().notes.get(this.ref) ?? '';
  }
  set content(v: string) {
    this.ctx.enqueue(() => this.sheet().notes.set(this.ref, v));
  }
  delete(): void {
    this.ctx.enqueue(() => {
      if (!this.sheet().notes.delete(this.ref)) throw new FakeError('ItemNotFound', `no note at ${this.ref}`);
    });
  }
  getLocation(): FakeRange {
    const sheet = this.sheet;
    const ws = new FakeWorksheetApi(this.ctx, () => sheet());
    return ws.getRange(this.ref);
  }
}

class FakeComments extends FakeObject implements Api.CommentCollection {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (!name.startsWith('items'))
      throw new FakeError('InvalidArgument', `CommentCollection has no property ${name}`);
    const s = this.sheet();
    return [...s.comments].map(([ref, content]) => ({
      content,
      getLocation: () => new FakeWorksheetApi(this.ctx, () => s).getRange(ref),
    }));
  }
  get items(): Api.Comment[] {
    return this.loaded('items');
  }
}

/** Custom property keys are case-insensitive, and at most 255 characters long. */
function findKey(map: Map<string, string>, key: string): string | undefined {
  return [...map.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
}

class FakeCustomProperty extends FakeObject implements Api.WorksheetCustomProperty {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    readonly key: string,
  ) {
    super(ctx);
  }
  protected override nullObject(): boolean {
    return findKey(this.sheet().customProperties, this.key) === undefined;
  }
  protected snapshot(name: string): unknown {
    const s = this.sheet();
    if (name === 'value') return s.customProperties.get(findKey(s.customProperties, this.key) ?? '');
    if (name === 'key') return findKey(s.customProperties, this.key);
    throw new FakeError('InvalidArgument', `WorksheetCustomProperty has no property ${name}`);
  }
  get value(): string {
    return this.loaded('value');
  }
  set value(v: string) {
    this.ctx.enqueue(() =>
      this.sheet().customProperties.set(findKey(this.sheet().customProperties, this.key) ?? this.key, v),
    );
  }
  get isNullObject(): boolean {
    return this.loaded('isNullObject');
  }
  delete(): void {
    this.ctx.enqueue(() => {
      const s = this.sheet();
      const k = findKey(s.customProperties, this.key);
      if (k !== undefined) s.customProperties.delete(k);
    });
  }
}

class FakeCustomProperties extends FakeObject implements Api.WorksheetCustomPropertyCollection {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected snapshot(name: string): unknown {
    if (!name.startsWith('items'))
      throw new FakeError('InvalidArgument', `WorksheetCustomPropertyCollection has no property ${name}`);
    return [...this.sheet().customProperties.keys()].map((k) => {
      const p = new FakeCustomProperty(this.ctx, this.sheet, k);
      (p as unknown as { ready: Map<string, unknown> }).ready.set(
        'value',
        this.sheet().customProperties.get(k),
      );
      return p;
    });
  }
  get items(): FakeCustomProperty[] {
    return this.loaded('items');
  }
  add(key: string, value: string): FakeCustomProperty {
    this.ctx.enqueue(() => {
      if (key.length > 255)
        throw new FakeError('InvalidArgument', 'a custom property key is at most 255 characters');
      if (typeof value !== 'string')
        throw new FakeError('InvalidArgument', 'a custom property value is a string');
      const s = this.sheet();
      s.customProperties.set(findKey(s.customProperties, key) ?? key, value);
    });
    return new FakeCustomProperty(this.ctx, this.sheet, key);
  }
  getItemOrNullObject(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, this.sheet, key);
  }
}

/** Settings hold JSON values: a copy, as Office stores and returns them. */
function copyValue<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

class FakeSettings extends FakeObject implements Api.SettingCollection {
  protected snapshot(name: string): unknown {
    if (!name.startsWith('items'))
      throw new FakeError('InvalidArgument', `SettingCollection has no property ${name}`);
    return [...this.ctx.book.settings.keys()].map((key) => this.item(key));
  }
  get items(): Api.Setting[] {
    return this.loaded('items');
  }
  private item(key: string): Api.Setting & { isNullObject: boolean } & Api.Loadable {
    const book = this.ctx.book;
    const ctx = this.ctx;
    const value = copyValue(book.settings.get(key));
    const exists = book.settings.has(key);
    return {
      key,
      isNullObject: !exists,
      get value() {
        return value;
      },
      set value(v: unknown) {
        ctx.enqueue(() => book.settings.set(key, copyValue(v)));
      },
      delete: () => ctx.enqueue(() => book.settings.delete(key)),
      load() {
        return this;
      },
    };
  }
  add(key: string, value: unknown): Api.Setting {
    const copy = copyValue(value);
    this.ctx.enqueue(() => this.ctx.book.settings.set(key, copy));
    return { key, value: copy, delete: () => this.ctx.enqueue(() => this.ctx.book.settings.delete(key)) };
  }
  getItemOrNullObject(key: string): Api.Setting & { isNullObject: boolean } & Api.Loadable {
    let loaded: (Api.Setting & { isNullObject: boolean }) | undefined;
    const ctx = this.ctx;
    const self = this;
    return {
      key,
      get isNullObject() {
        if (!loaded)
          throw new FakeError('PropertyNotLoaded', 'Setting.isNullObject read before load() and sync()');
        return loaded.isNullObject;
      },
      get value() {
        if (!loaded) throw new FakeError('PropertyNotLoaded', 'Setting.value read before load() and sync()');
        return loaded.value;
      },
      set value(v: unknown) {
        ctx.enqueue(() => ctx.book.settings.set(key, copyValue(v)));
      },
      delete: () => ctx.enqueue(() => ctx.book.settings.delete(key)),
      load() {
        ctx.enqueue(() => (loaded = self.item(key)), true);
        return this;
      },
    };
  }
}

/** Column letters for rendering. */
export { colName };

/** A fake workbook holding these sheets (Grids from the engine's fixtures or from an .xlsx). */
export function fakeWorkbookOf(
  grids: ReadonlyArray<{
    readonly name: string;
    readonly rowCount: number;
    readonly colCount: number;
    readonly merges: ReadonlyArray<{ top: number; left: number; bottom: number; right: number }>;
    cell(row: number, col: number): { value: unknown; formula?: string; format?: string } | undefined;
  }>,
): FakeWorkbook {
  const book = new FakeWorkbook();
  for (const g of grids) {
    const sheet = book.addSheet(g.name);
    for (let r = 1; r <= g.rowCount; r++) {
      for (let c = 1; c <= g.colCount; c++) {
        const src = g.cell(r, c);
        if (!src) continue;
        const cell = blankCell();
        const v = src.value;
        if (v && typeof v === 'object' && 'error' in v) cell.error = String((v as { error: string }).error);
        else if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') cell.value = v;
        if (src.formula) cell.formula = `=${src.formula}`;
        if (src.format) cell.format = src.format;
        sheet.cells.set(a1(r, c), cell);
      }
    }
    sheet.merges = g.merges.map((m) => boxAddress(m));
  }
  return book;
}
