/**
 * The subset of the Excel JavaScript API the add-in uses, as structural types. Office.js's own
 * objects satisfy them, and so does the fake in ./fake.ts that the tests and the playground run
 * on. Keeping the subset small keeps the fake faithful.
 */

export interface Loadable {
  load(propertyNames: string): this;
}

export interface ClientResult<T> {
  readonly value: T;
}

/**
 * A cell's fill as `getCellProperties` reports it. Excel reports no fill as color `#FFFFFF` with a
 * null pattern, like a white fill; only `tintAndShade` tells them apart (null for no fill).
 */
export interface CellFillProperties {
  format?: { fill?: { color?: string; pattern?: string | null; tintAndShade?: number | null } };
}

export interface RangeFill {
  color: string;
  pattern: string;
  /** From -1 (darkest) to 1 (lightest), 0 for the colour itself (ExcelApi 1.9). */
  tintAndShade: number;
  clear(): void;
}

export interface RangeFormat {
  readonly fill: RangeFill;
  wrapText: boolean;
  columnWidth: number;
  rowHeight: number;
  horizontalAlignment: string;
  verticalAlignment: string;
  readonly font: { bold: boolean; size: number; color: string };
  readonly borders: { getItem(index: string): { style: string; weight: string } };
}

export interface DataValidationRule {
  decimal?: { formula1: string | number; formula2?: string | number; operator: string };
  list?: { inCellDropDown: boolean; source: string };
}

export interface Range extends Loadable {
  readonly address: string;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  readonly valueTypes: string[][];
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly isNullObject: boolean;
  readonly format: RangeFormat;
  readonly dataValidation: {
    rule: DataValidationRule;
    errorAlert: { message: string; showAlert: boolean; title: string };
  };
  getCellProperties(props: {
    format: { fill: { color: boolean; pattern: boolean; tintAndShade: boolean } };
  }): ClientResult<CellFillProperties[][]>;
  getMergedAreasOrNullObject(): RangeAreas;
  merge(across?: boolean): void;
  select(): void;
}

export interface RangeAreas extends Loadable {
  readonly isNullObject: boolean;
  readonly areas: { readonly items: Array<{ readonly address: string }> };
}

export interface Note {
  content: string;
  delete(): void;
  getLocation(): Range;
}

/** A threaded comment (ExcelApi 1.10). A cell that holds one cannot take a note. */
export interface Comment {
  readonly content: string;
  getLocation(): Range;
}

export interface CommentCollection extends Loadable {
  readonly items: Comment[];
}

/** A custom property of a worksheet (ExcelApi 1.12): it is saved with the sheet and moves with it. */
export interface WorksheetCustomProperty extends Loadable {
  readonly key: string;
  value: string;
  readonly isNullObject: boolean;
  delete(): void;
}

export interface WorksheetCustomPropertyCollection extends Loadable {
  readonly items: WorksheetCustomProperty[];
  add(key: string, value: string): WorksheetCustomProperty;
  getItemOrNullObject(key: string): WorksheetCustomProperty;
}

export interface NoteCollection extends Loadable {
  readonly items: Note[];
  add(cellAddress: string, content: string): Note;
}

export interface Worksheet extends Loadable {
  readonly id: string;
  readonly name: string;
  readonly protection: Loadable & { readonly protected: boolean };
  readonly notes: NoteCollection;
  readonly comments: CommentCollection;
  readonly customProperties: WorksheetCustomPropertyCollection;
  readonly pageLayout?: {
    orientation: string;
    paperSize: string;
    setPrintTitleRows(rows: string): void;
    zoom: { horizontalFitToPages: number; verticalFitToPages: number };
  };
  showGridlines: boolean;
  getRange(address: string): Range;
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range;
  activate(): void;
}

export interface WorksheetCollection extends Loadable {
  readonly items: Worksheet[];
  getActiveWorksheet(): Worksheet;
  getItem(key: string): Worksheet;
  getItemOrNullObject(key: string): Worksheet & { readonly isNullObject: boolean };
  add(name: string): Worksheet;
}

export interface Setting {
  readonly key: string;
  value: unknown;
  delete(): void;
}

export interface SettingCollection extends Loadable {
  readonly items: Setting[];
  add(key: string, value: unknown): Setting;
  getItemOrNullObject(key: string): Setting & { readonly isNullObject: boolean } & Loadable;
}

export interface Workbook {
  readonly worksheets: WorksheetCollection;
  readonly settings: SettingCollection;
}

export interface RequestContext {
  readonly workbook: Workbook;
  sync(): Promise<void>;
}

/** A change of cell values on a sheet (Excel's `worksheets.onChanged`). */
export interface SheetChange {
  /** The sheet's id, as this session knows it. */
  sheetId: string;
  /** The changed range, without the sheet name (`B5`, `A3:G40`). */
  address: string;
  /** True when this add-in made the change, false when the clerk (or anything else) did. */
  byAddin: boolean;
}

/** Stops listening to an event. */
export type Unsubscribe = () => Promise<void>;

/**
 * What the adapter and the pane need of the host: a batch runner, which requirement sets it has,
 * and the two events the pane follows. The pane never calls `Excel.run` itself.
 */
export interface Host {
  run<T>(batch: (context: RequestContext) => Promise<T>, options?: { mergeUndoGroup?: boolean }): Promise<T>;
  supports(set: 'ExcelApi', version: string): boolean;
  /** Calls the listener when another sheet becomes the active one. */
  onActivated(listener: (sheetId: string) => void): Promise<Unsubscribe>;
  /** Calls the listener when cell values change on any sheet (edits, pastes, the add-in's writes). */
  onChanged(listener: (change: SheetChange) => void): Promise<Unsubscribe>;
}
