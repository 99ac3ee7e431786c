/**
 * The annotated copy of a workbook: the plan the add-in applies (src/engine/plan.ts), applied to
 * the package's XML instead of through Office.js. Only the parts that must change are rewritten:
 * the marked sheets' XML (the marked and written cells only), styles.xml (new fills and cell
 * formats cloned from each marked cell's own, with the number format a write gives its cell), the comments and VML drawing parts of the notes,
 * their relationships and content types, and workbook.xml's calcPr (recalculate on open, so that
 * formulas over a written figure show its new value). Every other part is copied byte for byte.
 */
import { parseA1 } from '../../engine/grid';
import { isPercentFormat } from '../../engine/read/number';
import { PlannedWrite, RunPlan, Tone } from '../../engine/plan';
import { TONE_FILL } from '../../excel/adapter';
import { openZip, writeZip, ZipArchive, ZipWriteEntry } from '../../io/zip';
import {
  attribute,
  attributes,
  colNumber,
  findTag,
  relationships,
  relsOf,
  removeAttribute,
  resolvePart,
  setAttribute,
  tagEnd,
  xmlText,
} from './xml';

/** A package `review` cannot patch faithfully: the copy is not written, the summary says why. */
export class UnsupportedPackage extends Error {}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_COMMENTS = `${REL}/comments`;
const REL_VML = `${REL}/vmlDrawing`;
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';

/** What one sheet's marks come to, for the summary and the tests. */
export interface AnnotatedSheet {
  readonly name: string;
  readonly writes: number;
  readonly marks: number;
  readonly notes: number;
}

class Package {
  private readonly zip: ZipArchive;
  private readonly entries: ZipWriteEntry[];
  private readonly byName = new Map<string, number>();
  private readonly texts = new Map<string, string>();

  constructor(buf: Buffer) {
    this.zip = openZip(buf);
    // every part copied as the original stores it, until it is set: no inflate, no deflate
    this.entries = this.zip.entries.map((e) => ({ name: e.name, stored: this.zip.stored(e) }));
    this.entries.forEach((e, i) => {
      if (!this.byName.has(e.name)) this.byName.set(e.name, i);
    });
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  text(name: string): string | undefined {
    const cached = this.texts.get(name);
    if (cached !== undefined) return cached;
    if (!this.byName.has(name)) return undefined;
    const t = this.zip.readText(name);
    this.texts.set(name, t);
    return t;
  }

  set(name: string, text: string): void {
    this.texts.set(name, text);
    const e: ZipWriteEntry = { name, data: text };
    const i = this.byName.get(name);
    if (i === undefined) {
      this.byName.set(name, this.entries.length);
      this.entries.push(e);
    } else this.entries[i] = e;
  }

  bytes(): Buffer {
    return writeZip(this.entries);
  }
}

/** The workbook part's sheets: name → part. */
function sheetParts(pkg: Package): { workbook: string; sheets: Map<string, string>; styles?: string } {
  const root = relationships(pkg.text('_rels/.rels') ?? '');
  const doc = root.find((r) => r.type.endsWith('/officeDocument'));
  if (!doc) throw new UnsupportedPackage('no workbook part');
  const workbook = resolvePart('', doc.target);
  const xml = pkg.text(workbook);
  if (xml === undefined) throw new UnsupportedPackage('no workbook part');
  if (!xml.includes('<sheets')) throw new UnsupportedPackage('the workbook part uses prefixed names');
  const rels = relationships(pkg.text(relsOf(workbook)) ?? '');
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets = new Map<string, string>();
  for (let i = findTag(xml, 'sheet'); i >= 0; i = findTag(xml, 'sheet', i + 1)) {
    const tag = xml.slice(i, tagEnd(xml, i));
    const name = attribute(tag, 'name');
    const id = attributes(tag).find(([k]) => k.endsWith(':id'))?.[1];
    const rel = id ? byId.get(id) : undefined;
    if (name !== undefined && rel) sheets.set(name, resolvePart(workbook, rel.target));
  }
  const styles = rels.find((r) => r.type.endsWith('/styles'));
  return { workbook, sheets, ...(styles ? { styles: resolvePart(workbook, styles.target) } : {}) };
}

/** Excel's built-in number formats (ECMA-376 18.8.30) a write may name, by their codes. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};
/** The built-in number formats that show a percentage. */
const BUILTIN_PERCENT = new Set([9, 10]);
/** The first id of a format the workbook defines itself. */
const FIRST_CUSTOM_FORMAT = 164;

const DEFAULT_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>';

/**
 * New fills, number formats and cell formats. A cell format is cloned once per (cell format,
 * tone, number format): the clone keeps everything of its original but the fill of the tone and
 * the number format a write gives its cell.
 */
class Styles {
  private fills: string[] = [];
  private xfs: string[] = [];
  private numFmts: string[] = [];
  private readonly fillOf = new Map<Tone, number>();
  private readonly cloned = new Map<string, number>();
  private readonly fillCount: number;
  private readonly xfCount: number;
  private readonly numFmtCount: number;
  private readonly existing: string[];
  /** The workbook's own number formats: code by id, and id by code. */
  private readonly customCode = new Map<number, string>();
  private readonly customId = new Map<string, number>();
  private nextFormat = FIRST_CUSTOM_FORMAT;

  constructor(private readonly xml: string) {
    this.fillCount = count(section(xml, 'fills'), 'fill');
    this.existing = elements(section(xml, 'cellXfs'), 'xf');
    this.xfCount = this.existing.length;
    const formats = elements(section(xml, 'numFmts'), 'numFmt');
    this.numFmtCount = formats.length;
    for (const f of formats) {
      const tag = f.slice(0, tagEnd(f, 0));
      const id = Number(attribute(tag, 'numFmtId'));
      const code = attribute(tag, 'formatCode');
      if (!Number.isInteger(id) || code === undefined) continue;
      this.customCode.set(id, code);
      if (!this.customId.has(code)) this.customId.set(code, id);
      this.nextFormat = Math.max(this.nextFormat, id + 1);
    }
  }

  /** The id of a number format: built in, the workbook's own, or a new one of the workbook. */
  private formatId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = this.customId.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormat++;
    this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    this.customId.set(code, id);
    this.customCode.set(id, code);
    return id;
  }

  private isPercent(id: number): boolean {
    return BUILTIN_PERCENT.has(id) || isPercentFormat(this.customCode.get(id));
  }

  /**
   * The index of the cell format `s` with the tone's fill and the given number format, or
   * undefined when neither changes it. A cell whose own format already shows a percentage keeps
   * it when a percentage is written (a `0.0%` cell stays `0.0%`).
   */
  styled(s: number, tone: Tone | undefined, format: string | undefined): number | undefined {
    const base = this.existing[s] ?? this.existing[0] ?? DEFAULT_XF;
    const end = base.indexOf('>') + 1;
    let open = base.slice(0, end);
    const own = Number(attribute(open, 'numFmtId') ?? 0);
    const numFmt =
      format === undefined || (isPercentFormat(format) && this.isPercent(own))
        ? undefined
        : this.formatId(format);
    if (tone === undefined && numFmt === undefined) return undefined;
    const key = `${s}:${tone ?? ''}:${numFmt ?? ''}`;
    const done = this.cloned.get(key);
    if (done !== undefined) return done;
    if (tone !== undefined) {
      let fill = this.fillOf.get(tone);
      if (fill === undefined) {
        const rgb = `FF${TONE_FILL[tone].slice(1).toUpperCase()}`;
        fill = this.fillCount + this.fills.length;
        this.fills.push(
          `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`,
        );
        this.fillOf.set(tone, fill);
      }
      open = setAttribute(setAttribute(open, 'fillId', String(fill)), 'applyFill', '1');
    }
    if (numFmt !== undefined)
      open = setAttribute(setAttribute(open, 'numFmtId', String(numFmt)), 'applyNumberFormat', '1');
    const xf = open + base.slice(end);
    const index = this.xfCount + this.xfs.length;
    this.xfs.push(xf);
    this.cloned.set(key, index);
    return index;
  }

  patched(): string | undefined {
    if (this.xfs.length === 0) return undefined;
    let xml = this.xml;
    if (this.numFmts.length) {
      if (findTag(xml, 'numFmts') >= 0) xml = append(xml, 'numFmts', this.numFmts, this.numFmtCount);
      else {
        // numFmts is the first child of styleSheet
        const root = findTag(xml, 'styleSheet');
        if (root < 0) throw new UnsupportedPackage('styles.xml uses prefixed names');
        const at = tagEnd(xml, root);
        if (xml[at - 2] === '/') throw new UnsupportedPackage('styles.xml is empty');
        xml = `${xml.slice(0, at)}<numFmts count="${this.numFmts.length}">${this.numFmts.join('')}</numFmts>${xml.slice(at)}`;
      }
    }
    xml = append(xml, 'fills', this.fills, this.fillCount);
    xml = append(xml, 'cellXfs', this.xfs, this.xfCount);
    return xml;
  }
}

/** The inside of the first `<name>…</name>` element ('' when absent or empty). */
function section(xml: string, name: string): string {
  const i = findTag(xml, name);
  if (i < 0) return '';
  const open = tagEnd(xml, i);
  if (xml[open - 2] === '/') return '';
  const close = xml.indexOf(`</${name}>`, open);
  return close < 0 ? '' : xml.slice(open, close);
}

function count(inner: string, name: string): number {
  let n = 0;
  for (let i = findTag(inner, name); i >= 0; i = findTag(inner, name, i + 1)) n++;
  return n;
}

/** The top-level `<name …/>` or `<name …>…</name>` elements of a section (they do not nest). */
function elements(inner: string, name: string): string[] {
  const out: string[] = [];
  for (let i = findTag(inner, name); i >= 0;) {
    const open = tagEnd(inner, i);
    let end = open;
    if (inner[open - 2] !== '/') {
      const close = inner.indexOf(`</${name}>`, open);
      end = close < 0 ? open : close + name.length + 3;
    }
    out.push(inner.slice(i, end));
    i = findTag(inner, name, end);
  }
  return out;
}

/** Appends elements to a section and sets its count. */
function append(xml: string, name: string, added: readonly string[], before: number): string {
  if (added.length === 0) return xml;
  const i = findTag(xml, name);
  if (i < 0) throw new UnsupportedPackage(`styles.xml has no ${name}`);
  const open = tagEnd(xml, i);
  let tag = xml.slice(i, open);
  const total = String(before + added.length);
  if (tag.endsWith('/>')) {
    tag = setAttribute(tag, 'count', total);
    return `${xml.slice(0, i)}${tag.slice(0, -2)}>${added.join('')}</${name}>${xml.slice(open)}`;
  }
  tag = setAttribute(tag, 'count', total);
  const close = xml.indexOf(`</${name}>`, open);
  return `${xml.slice(0, i)}${tag}${xml.slice(open, close)}${added.join('')}${xml.slice(close)}`;
}

interface CellEdit {
  tone?: Tone;
  write?: PlannedWrite;
}

interface CellSpan {
  col: number;
  start: number;
  end: number;
  open: string;
}

interface RowSpan {
  row: number;
  start: number;
  end: number;
  open: string;
  /** Where the row's content starts and ends (equal for `<row/>`). */
  inner: number;
  innerEnd: number;
  cells: CellSpan[];
}

function cellRef(open: string): string | undefined {
  return attribute(open, 'r');
}

/** The rows and cells of a sheet's sheetData, located in one pass. */
function scanRows(xml: string, from: number, to: number): RowSpan[] {
  const rows: RowSpan[] = [];
  let last = 0;
  for (let i = findTag(xml, 'row', from); i >= 0 && i < to;) {
    const openEnd = tagEnd(xml, i);
    const open = xml.slice(i, openEnd);
    const r = attribute(open, 'r');
    const row = r ? Number(r) : last + 1;
    last = row;
    if (open.endsWith('/>')) {
      rows.push({ row, start: i, end: openEnd, open, inner: openEnd, innerEnd: openEnd, cells: [] });
      i = findTag(xml, 'row', openEnd);
      continue;
    }
    const close = xml.indexOf('</row>', openEnd);
    if (close < 0) throw new UnsupportedPackage('unterminated row');
    const cells: CellSpan[] = [];
    let col = 0;
    for (let c = findTag(xml, 'c', openEnd); c >= 0 && c < close;) {
      const cEnd = tagEnd(xml, c);
      const cOpen = xml.slice(c, cEnd);
      const ref = cellRef(cOpen);
      col = ref ? colNumber(ref.replace(/[0-9$]/g, '')) : col + 1;
      let end = cEnd;
      if (!cOpen.endsWith('/>')) {
        const cClose = xml.indexOf('</c>', cEnd);
        if (cClose < 0 || cClose > close) throw new UnsupportedPackage('unterminated cell');
        end = cClose + 4;
      }
      cells.push({ col, start: c, end, open: cOpen });
      c = findTag(xml, 'c', end);
    }
    rows.push({ row, start: i, end: close + 6, open, inner: openEnd, innerEnd: close, cells });
    i = findTag(xml, 'row', close + 6);
  }
  return rows;
}

/** The cell format of a cell that does not exist yet: its row's, else its column's, else 0. */
function defaultStyle(
  rowOpen: string | undefined,
  cols: ReadonlyArray<{ min: number; max: number; style: number }>,
  col: number,
): number {
  if (rowOpen && attribute(rowOpen, 'customFormat') === '1') return Number(attribute(rowOpen, 's') ?? 0);
  for (const c of cols) if (col >= c.min && col <= c.max) return c.style;
  return 0;
}

function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A written cell: a number as a number, text as an inline string (never a formula). */
function writtenCell(open: string, ref: string, style: number | undefined, write: PlannedWrite): string {
  let tag = open.endsWith('/>') ? open.slice(0, -2) + '>' : open;
  tag = setAttribute(tag, 'r', ref);
  if (style !== undefined) tag = setAttribute(tag, 's', String(style));
  for (const a of ['t', 'cm', 'vm', 'ph']) tag = removeAttribute(tag, a);
  if (write.type === 'number') return `${tag}<v>${String(write.value)}</v></c>`;
  tag = setAttribute(tag, 't', 'inlineStr');
  return `${tag}<is><t xml:space="preserve">${xmlText(write.value)}</t></is></c>`;
}

/** The number format a write gives its cell, if any. */
function formatOf(write: PlannedWrite | undefined): string | undefined {
  return write?.type === 'number' ? write.format : undefined;
}

/** A cell's new text, or its own text when it is only restyled (its content is kept). */
function editedCell(xml: string, span: CellSpan, ref: string, edit: CellEdit, styles: Styles): string {
  const s = Number(attribute(span.open, 's') ?? 0);
  const content = xml.slice(span.start, span.end);
  // a formula is never overwritten (the plan never asks; this holds even if it did)
  const write = edit.write && !/<f[\s>/]/.test(content) ? edit.write : undefined;
  const style = styles.styled(s, edit.tone, formatOf(write));
  if (write) return writtenCell(span.open, ref, style, write);
  if (style === undefined) return content;
  const open = setAttribute(span.open, 's', String(style));
  return open + content.slice(span.open.length);
}

function newCell(ref: string, style: number, edit: CellEdit, styles: Styles): string {
  const s = styles.styled(style, edit.tone, formatOf(edit.write)) ?? style;
  if (edit.write) return writtenCell(`<c r="${ref}">`, ref, s, edit.write);
  return `<c r="${ref}" s="${s}"/>`;
}

/** The sheet XML with the plan's writes and marks applied. */
function patchSheetData(xml: string, edits: Map<number, Map<number, CellEdit>>, styles: Styles): string {
  const sd = findTag(xml, 'sheetData');
  if (sd < 0) throw new UnsupportedPackage('the sheet part has no sheetData (prefixed names?)');
  const sdOpenEnd = tagEnd(xml, sd);
  const selfClosing = xml[sdOpenEnd - 2] === '/';
  const sdClose = selfClosing ? sdOpenEnd : xml.indexOf('</sheetData>', sdOpenEnd);
  if (sdClose < 0) throw new UnsupportedPackage('unterminated sheetData');
  const rows = selfClosing ? [] : scanRows(xml, sdOpenEnd, sdClose);
  const cols: Array<{ min: number; max: number; style: number }> = [];
  const colsInner = section(xml.slice(0, sd), 'cols');
  for (const c of elements(colsInner, 'col')) {
    const style = attribute(c, 'style');
    if (style !== undefined)
      cols.push({ min: Number(attribute(c, 'min')), max: Number(attribute(c, 'max')), style: Number(style) });
  }
  const rowNumbers = [...edits.keys()].sort((a, b) => a - b);
  const out: string[] = [];
  let pos = sdOpenEnd;
  // `<sheetData/>` opens as `<sheetData>` and is closed after the new rows
  out.push(selfClosing ? `${xml.slice(0, sdOpenEnd - 2).trimEnd()}>` : xml.slice(0, sdOpenEnd));
  let ri = 0;
  const rowText = (row: RowSpan | undefined, r: number, cellEdits: Map<number, CellEdit>): string => {
    const parts: string[] = [];
    const wanted = [...cellEdits.keys()].sort((a, b) => a - b);
    let wi = 0;
    const src = row?.cells ?? [];
    let p = row ? row.inner : 0;
    const insertUpTo = (limit: number) => {
      while (wi < wanted.length && wanted[wi] < limit) {
        const col = wanted[wi++];
        parts.push(
          newCell(
            `${colLetters(col)}${r}`,
            defaultStyle(row?.open, cols, col),
            cellEdits.get(col) as CellEdit,
            styles,
          ),
        );
      }
    };
    for (const c of src) {
      insertUpTo(c.col);
      const edit = cellEdits.get(c.col);
      parts.push(xml.slice(p, c.start));
      if (edit) {
        wi += wanted[wi] === c.col ? 1 : 0;
        parts.push(editedCell(xml, c, `${colLetters(c.col)}${r}`, edit, styles));
      } else parts.push(xml.slice(c.start, c.end));
      p = c.end;
    }
    insertUpTo(Infinity);
    if (row) parts.push(xml.slice(p, row.innerEnd));
    if (!row) return `<row r="${r}">${parts.join('')}</row>`;
    const open = row.open.endsWith('/>') ? row.open.slice(0, -2) + '>' : row.open;
    return `${removeAttribute(open, 'spans')}${parts.join('')}</row>`;
  };
  for (const r of rowNumbers) {
    const cellEdits = edits.get(r) as Map<number, CellEdit>;
    while (ri < rows.length && rows[ri].row < r) ri++;
    const row = ri < rows.length && rows[ri].row === r ? rows[ri] : undefined;
    if (row) {
      out.push(xml.slice(pos, row.start), rowText(row, r, cellEdits));
      pos = row.end;
    } else {
      // a new row goes before the first row below it
      const at = ri < rows.length ? rows[ri].start : sdClose;
      out.push(xml.slice(pos, at), rowText(undefined, r, cellEdits));
      pos = at;
    }
  }
  if (selfClosing) out.push('</sheetData>');
  out.push(xml.slice(pos));
  return out.join('');
}

/** Elements that come after legacyDrawing in a worksheet (ECMA-376 CT_Worksheet order). */
const AFTER_LEGACY =
  /<(legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst|mc:AlternateContent)[\s>/]|<\/worksheet>/;

function nextId(rels: readonly { id: string }[], taken: Set<string>): string {
  let n = rels.length + 1;
  const ids = new Set([...rels.map((r) => r.id), ...taken]);
  while (ids.has(`rId${n}`)) n++;
  taken.add(`rId${n}`);
  return `rId${n}`;
}

function freeName(pkg: Package, pattern: (n: number) => string): string {
  let n = 1;
  while (pkg.has(pattern(n))) n++;
  return pattern(n);
}

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function vmlShape(id: number, cell: string): string {
  const { row, col } = parseA1(cell);
  const r = row - 1;
  const c = col - 1;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:90pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${r}, 2, ${c + 5}, 15, ${r + 5}, 16</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
  );
}

function commentXml(cell: string, author: number, text: string): string {
  return `<comment ref="${cell}" authorId="${author}"><text><r><t xml:space="preserve">${xmlText(text)}</t></r></text></comment>`;
}

/** Adds the notes to a sheet: into its comments and VML parts, or new ones. Returns the notes added. */
function addNotes(
  pkg: Package,
  sheetPart: string,
  sheetXml: string,
  notes: ReadonlyArray<{ cell: string; text: string }>,
  author: string,
  drawingNumber: number,
): { xml: string; added: number } {
  const relsPart = relsOf(sheetPart);
  const relsXml = pkg.text(relsPart);
  const rels = relationships(relsXml ?? '');
  const taken = new Set<string>();
  const newRels: string[] = [];
  let xml = sheetXml;

  const commentsRel = rels.find((r) => r.type === REL_COMMENTS && !r.external);
  let commentsPart = commentsRel ? resolvePart(sheetPart, commentsRel.target) : undefined;
  let comments = commentsPart ? pkg.text(commentsPart) : undefined;
  // a note the clerk wrote stays; the add-in only notes cells that have none
  const noted = new Set<string>();
  if (comments) {
    for (let i = findTag(comments, 'comment'); i >= 0; i = findTag(comments, 'comment', i + 1)) {
      const ref = attribute(comments.slice(i, tagEnd(comments, i)), 'ref');
      if (ref) noted.add(ref.toUpperCase());
    }
  }
  const todo = notes.filter((n) => !noted.has(n.cell));
  if (todo.length === 0) return { xml, added: 0 };

  if (!comments || !commentsPart) {
    commentsPart = freeName(pkg, (n) => `xl/comments${n}.xml`);
    comments =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';
    const id = nextId(rels, taken);
    const target = relativeTarget(sheetPart, commentsPart);
    newRels.push(`<Relationship Id="${id}" Type="${REL_COMMENTS}" Target="${target}"/>`);
    addOverride(pkg, commentsPart, CT_COMMENTS);
  }
  if (!comments.includes('<commentList'))
    throw new UnsupportedPackage('the comments part uses prefixed names');
  const authors = elements(section(comments, 'authors'), 'author').length;
  if (findTag(comments, 'authors') < 0)
    comments = comments.replace(/(<comments[^>]*>)/, '$1<authors></authors>');
  comments = comments
    .replace(/<authors\s*\/>/, '<authors></authors>')
    .replace('</authors>', `<author>${xmlText(author)}</author></authors>`);
  comments = comments.replace(/<commentList\s*\/>/, '<commentList></commentList>');
  const added = todo.map((n) => commentXml(n.cell, authors, n.text)).join('');
  comments = comments.replace('</commentList>', `${added}</commentList>`);
  pkg.set(commentsPart, comments);

  // the VML drawing that shows the notes: the sheet's own, or a new one
  const legacy = findTag(xml, 'legacyDrawing');
  let vmlPart: string | undefined;
  if (legacy >= 0) {
    const id = attributes(xml.slice(legacy, tagEnd(xml, legacy))).find(([k]) => k.endsWith(':id'))?.[1];
    const rel = rels.find((r) => r.id === id);
    if (rel) vmlPart = resolvePart(sheetPart, rel.target);
  }
  let vml = vmlPart ? pkg.text(vmlPart) : undefined;
  if (!vml || !vmlPart) {
    if (legacy >= 0) throw new UnsupportedPackage('the sheet names a drawing the package lacks');
    vmlPart = freeName(pkg, (n) => `xl/drawings/vmlDrawing${n}.vml`);
    vml =
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${drawingNumber}"/></o:shapelayout>${SHAPE_TYPE}</xml>`;
    const id = nextId(rels, taken);
    newRels.push(
      `<Relationship Id="${id}" Type="${REL_VML}" Target="${relativeTarget(sheetPart, vmlPart)}"/>`,
    );
    addDefault(pkg, 'vml', CT_VML);
    const root = xml.slice(findTag(xml, 'worksheet'), tagEnd(xml, findTag(xml, 'worksheet')));
    const ns = root.includes(`xmlns:r="${REL}"`) ? '' : ` xmlns:r="${REL}"`;
    const m = AFTER_LEGACY.exec(
      xml.slice(xml.indexOf('</sheetData>') >= 0 ? xml.indexOf('</sheetData>') : 0),
    );
    const base = xml.indexOf('</sheetData>') >= 0 ? xml.indexOf('</sheetData>') : 0;
    const at = m ? base + m.index : xml.lastIndexOf('</worksheet>');
    xml = `${xml.slice(0, at)}<legacyDrawing${ns} r:id="${id}"/>${xml.slice(at)}`;
  }
  if (!vml.includes('_x0000_t202')) vml = vml.replace(/<\/xml>\s*$/, `${SHAPE_TYPE}</xml>`);
  // new shapes continue the drawing's own block of ids (o:idmap data N: ids from N × 1024)
  const idmap = /<o:idmap\b[^>]*\bdata="(\d+)/.exec(vml);
  let maxId = (idmap ? Number(idmap[1]) : drawingNumber) * 1024;
  for (const m of vml.matchAll(/_x0000_s(\d+)/g)) maxId = Math.max(maxId, Number(m[1]));
  const shapes = todo.map((n, i) => vmlShape(maxId + 1 + i, n.cell)).join('');
  const close = vml.lastIndexOf('</xml>');
  if (close < 0) throw new UnsupportedPackage('the VML drawing is damaged');
  pkg.set(vmlPart, vml.slice(0, close) + shapes + vml.slice(close));

  if (newRels.length) {
    const base =
      relsXml ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    pkg.set(
      relsPart,
      base
        .replace(/<Relationships([^>]*)\/>/, '<Relationships$1></Relationships>')
        .replace('</Relationships>', `${newRels.join('')}</Relationships>`),
    );
  }
  return { xml, added: todo.length };
}

function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

function addOverride(pkg: Package, part: string, type: string): void {
  const ct = pkg.text('[Content_Types].xml');
  if (!ct) throw new UnsupportedPackage('no [Content_Types].xml');
  pkg.set(
    '[Content_Types].xml',
    ct.replace('</Types>', `<Override PartName="/${part}" ContentType="${type}"/></Types>`),
  );
}

function addDefault(pkg: Package, ext: string, type: string): void {
  const ct = pkg.text('[Content_Types].xml');
  if (!ct) throw new UnsupportedPackage('no [Content_Types].xml');
  if (new RegExp(`Extension="${ext}"`, 'i').test(ct)) return;
  pkg.set(
    '[Content_Types].xml',
    ct.replace('</Types>', `<Default Extension="${ext}" ContentType="${type}"/></Types>`),
  );
}

/** workbook.xml asks the application to recalculate on open: formulas over written figures follow them. */
function recalcOnLoad(xml: string): string {
  const i = findTag(xml, 'calcPr');
  if (i >= 0) {
    const end = tagEnd(xml, i);
    return xml.slice(0, i) + setAttribute(xml.slice(i, end), 'fullCalcOnLoad', '1') + xml.slice(end);
  }
  const m =
    /<(oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|webPublishing|fileRecoveryPr|webPublishObjects|extLst)[\s>/]|<\/workbook>/.exec(
      xml,
    );
  if (!m) throw new UnsupportedPackage('the workbook part is damaged');
  return `${xml.slice(0, m.index)}<calcPr fullCalcOnLoad="1"/>${xml.slice(m.index)}`;
}

/**
 * The annotated copy of a workbook package. `plans` holds the plan of each sheet to mark, by
 * sheet name. Throws UnsupportedPackage (or ZipError) when the package cannot be patched.
 */
export function annotateWorkbook(
  buf: Buffer,
  plans: ReadonlyMap<string, RunPlan>,
  author: string,
): { bytes: Buffer; sheets: AnnotatedSheet[] } {
  const pkg = new Package(buf);
  const { workbook, sheets, styles } = sheetParts(pkg);
  const stylesXml = styles ? pkg.text(styles) : undefined;
  if (!styles || stylesXml === undefined) throw new UnsupportedPackage('the workbook has no styles part');
  const st = new Styles(stylesXml);
  const done: AnnotatedSheet[] = [];
  let wrote = false;
  let drawing = 100;
  for (const [name, plan] of plans) {
    if (plan.writes.length === 0 && plan.marks.length === 0 && plan.notes.length === 0) continue;
    const part = sheets.get(name);
    const original = part ? pkg.text(part) : undefined;
    if (!part || original === undefined)
      throw new UnsupportedPackage(`sheet ${name} not found in the package`);
    const edits = new Map<number, Map<number, CellEdit>>();
    const edit = (cell: string): CellEdit => {
      const { row, col } = parseA1(cell);
      let r = edits.get(row);
      if (!r) edits.set(row, (r = new Map()));
      let e = r.get(col);
      if (!e) r.set(col, (e = {}));
      return e;
    };
    for (const w of plan.writes) edit(w.cell).write = w;
    for (const m of plan.marks) edit(m.cell).tone = m.tone;
    let xml = patchSheetData(original, edits, st);
    const { xml: withNotes, added } = addNotes(pkg, part, xml, plan.notes, author, drawing++);
    xml = withNotes;
    pkg.set(part, xml);
    if (plan.writes.length) wrote = true;
    done.push({ name, writes: plan.writes.length, marks: plan.marks.length, notes: added });
  }
  const patched = st.patched();
  if (patched !== undefined) pkg.set(styles, patched);
  if (wrote) pkg.set(workbook, recalcOnLoad(pkg.text(workbook) as string));
  return { bytes: pkg.bytes(), sheets: done };
}
