/**
 * A fast reader of the parts of an .xlsx / .xlsm workbook that the engine needs: the sheet list,
 * shared strings, cell values and types, formulas, number formats, merged areas and the date
 * system. It scans each part's XML once, left to right, without building a tree; its Grids equal
 * those the SheetJS path (`gridsOf` in ./sheetjs) gives for the same file.
 *
 * Anything it does not support (namespace prefixes such as `x:c`, strict OOXML, ISO date cells,
 * data-table formulas, CDATA, macro or dialog sheets) throws `XlsxFallback`: the caller reads the
 * file with SheetJS instead. A damaged or oversized part throws `ZipError` (`damaged: <part>`,
 * `too large: <part>`) when the workbook as a whole cannot be read; a damaged sheet is returned
 * as that sheet's `damage`, and the other sheets are still read.
 */
import type * as XLSXType from '@e965/xlsx';
import { Area, Cell, CellValue, Grid, MAX_COLS, MAX_ROWS } from '../engine/grid';
import { remembered } from '../engine/read/memo';
import { openZip, PartMemo, textOf, ZipArchive, ZipError, ZipLimits } from './zip';

/** The workbook uses something this reader does not support: read it with SheetJS. */
export class XlsxFallback extends Error {
  constructor(reason: string) {
    super(`fallback: ${reason}`);
    this.name = 'XlsxFallback';
  }
}

export interface SheetRead {
  readonly name: string;
  /** The sheet's cells, unless it is damaged. */
  readonly grid?: Grid;
  /** Why the sheet could not be read: `damaged: xl/worksheets/sheet2.xml (CRC-32)`. */
  readonly damage?: string;
}

/** Built-in number formats, as SheetJS's table gives them (ids it does not list have no format). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'm/d/yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  56: '"上午/下午 "hh"時"mm"分"ss"秒 "',
};

/** Error values a cell may hold; any other text reads as #VALUE!, as SheetJS reads it. */
const ERROR_VALUES = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
]);

const DATE_FORMAT = /(^|[^"\\])[ymdhs]/i;

let ssf: typeof XLSXType.SSF | undefined;
/** SheetJS's number formatter, loaded only when a date cell needs its text. */
function ssfFormat(format: string, value: number, date1904: boolean): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ssf ??= (require('@e965/xlsx') as typeof XLSXType).SSF;
  return ssf.format(format, value, { date1904 });
}

/** A workbook has a few formats, each read on many cells: whether each shows a date is remembered. */
const isDateFormat = remembered(
  (format: string): boolean => DATE_FORMAT.test(format.replace(/\[[^\]]*\]/g, '')) && !format.includes('%'),
  1000,
  255,
);

/** The text a date-formatted number shows, as the SheetJS path gives it; undefined for others. */
export function dateText(format: string, value: number, date1904: boolean): string | undefined {
  return isDateFormat(format) ? formatDate(format, value, date1904) : undefined;
}

/** The text a number shows in a date format (isDateFormat); undefined when SheetJS cannot format it. */
function formatDate(format: string, value: number, date1904: boolean): string | undefined {
  try {
    return ssfFormat(format, value, date1904);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- XML scanning, linear

const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const NAMED: Record<string, string> = {
  '&quot;': '"',
  '&apos;': "'",
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
};
const XCODE = /_x([\da-fA-F]{4})_/gi;

/**
 * A code point XML 1.0 lets a character reference name (its `Char` production): a reference to
 * anything else (`&#27;`, `&#0;`, a lone surrogate) is not well-formed XML, and is kept as its
 * literal text rather than decoded into a control character.
 */
function isXmlChar(n: number): boolean {
  if (n < 0x20) return n === 0x09 || n === 0x0a || n === 0x0d;
  if (n <= 0xd7ff) return true;
  if (n < 0xe000) return false;
  return n <= 0xfffd || (n >= 0x10000 && n <= 0x10ffff);
}

/** XML text to a string: entities, character references and OOXML's `_xHHHH_` escapes. */
function unescapeXml(text: string, newlines = false): string {
  let s = text;
  if (s.includes('<![CDATA[')) throw new XlsxFallback('CDATA');
  if (s.includes('&'))
    s = s.replace(ENTITY, (m, code: string | undefined) => {
      const named = NAMED[m];
      if (named !== undefined) return named;
      if (code === undefined) return m;
      const n = parseInt(code, m[2] === 'x' || m[2] === 'X' ? 16 : 10);
      return isXmlChar(n) ? String.fromCodePoint(n) : m;
    });
  if (s.includes('_x')) s = s.replace(XCODE, (_m, c: string) => String.fromCharCode(parseInt(c, 16)));
  return newlines && s.includes('\r\n') ? s.replace(/\r\n/g, '\n') : s;
}

/** One tag of a scan: its name (no `<`, `/` kept for end tags) and where its text ends. */
interface Tag {
  name: string;
  /** Index of the tag's opening `<`. */
  start: number;
  /** Index just after the tag's `>`. */
  end: number;
  /** The tag ends with `/>`. */
  empty: boolean;
}

const MAIN_NS = [
  'schemas.openxmlformats.org/spreadsheetml/2006/main',
  'schemas.openxmlformats.org/package/2006/relationships',
  'purl.oclc.org/ooxml/spreadsheetml/main',
];

/**
 * Throws `XlsxFallback` when a part binds a namespace prefix to SpreadsheetML itself (`x:c`):
 * this reader reads unprefixed elements only. Prefixes of other vocabularies (`x14:`, `mc:`,
 * `xm:` in extension lists) are fine: their elements are skipped.
 */
function refusePrefixedMain(xml: string, part: string): void {
  for (const ns of MAIN_NS) {
    for (let i = xml.indexOf(ns); i >= 0; i = xml.indexOf(ns, i + ns.length)) {
      const back = xml.slice(Math.max(0, i - 80), i);
      const at = back.lastIndexOf('xmlns');
      if (at >= 0 && back.charCodeAt(at + 5) === 0x3a /* : */) {
        const decl = back.slice(at);
        // `xmlns:x="` directly before the URI (an attribute of its own, not text elsewhere)
        if (/^xmlns:[\w.-]+\s*=\s*["'](https?:\/\/)?$/.test(decl))
          throw new XlsxFallback(`namespace prefix in ${part}`);
      }
    }
  }
}

/** True for a tag with a namespace prefix: another vocabulary's (see refusePrefixedMain), skipped. */
function foreign(name: string): boolean {
  return name.includes(':');
}

function isNameChar(c: number): boolean {
  // anything but whitespace, `>`, `/`
  return c > 0x20 && c !== 0x3e && c !== 0x2f;
}

/**
 * The `>` that ends a tag whose attributes start at `from`: attribute values may hold `>`, so
 * quoted text is skipped. A tag with no end is damaged.
 */
function tagClose(xml: string, from: number, part: string): number {
  let quote = 0;
  for (let k = from; k < xml.length; k++) {
    const ch = xml.charCodeAt(k);
    if (quote) {
      if (ch === quote) quote = 0;
    } else if (ch === 0x22 || ch === 0x27) quote = ch;
    else if (ch === 0x3e) return k;
  }
  throw new ZipError('damaged', part, 'unterminated tag');
}

/**
 * The next element tag at or after `from` (comments, processing instructions and declarations
 * are skipped), or undefined at the end. `part` names the part in errors.
 */
function nextTag(xml: string, from: number, part: string): Tag | undefined {
  let i = from;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return undefined;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x3f /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      if (e < 0) throw new ZipError('damaged', part, 'unterminated processing instruction');
      i = e + 2;
      continue;
    }
    if (c === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        if (e < 0) throw new ZipError('damaged', part, 'unterminated comment');
        i = e + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) throw new XlsxFallback('CDATA');
      const e = xml.indexOf('>', lt + 2);
      if (e < 0) throw new ZipError('damaged', part, 'unterminated declaration');
      i = e + 1;
      continue;
    }
    let j = lt + 1;
    if (c === 0x2f) j++;
    while (j < xml.length && isNameChar(xml.charCodeAt(j))) j++;
    const name = xml.slice(lt + 1, j);
    const k = tagClose(xml, j, part);
    return { name, start: lt, end: k + 1, empty: xml.charCodeAt(k - 1) === 0x2f };
  }
}

/** The attributes of a tag, by name (prefixes kept: `r:id`), values unescaped. */
function attrsOf(xml: string, tag: Tag): Map<string, string> {
  const out = new Map<string, string>();
  let i = tag.start + 1 + tag.name.length;
  const stop = tag.end - 1;
  while (i < stop) {
    const c = xml.charCodeAt(i);
    if (c <= 0x20 || c === 0x2f) {
      i++;
      continue;
    }
    const eq = xml.indexOf('=', i);
    if (eq < 0 || eq >= stop) break;
    const name = xml.slice(i, eq).trim();
    let q = eq + 1;
    while (q < stop && xml.charCodeAt(q) <= 0x20) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") break;
    const close = xml.indexOf(quote, q + 1);
    if (close < 0 || close > stop) break;
    out.set(name, unescapeXml(xml.slice(q + 1, close)));
    i = close + 1;
  }
  return out;
}

/** Refuses prefixed (namespaced) and strict-OOXML root elements: SheetJS reads those. */
function checkRoot(xml: string, part: string, expect: string): void {
  refusePrefixedMain(xml, part);
  checkRootTag(xml, nextTag(xml, 0, part), part, expect);
}

/** The part's root element (its start tag in `xml`) is `expect`, unprefixed, not strict OOXML. */
function checkRootTag(xml: string, root: Tag | undefined, part: string, expect: string): void {
  if (!root) throw new ZipError('damaged', part, 'empty part');
  if (root.name !== expect) {
    if (root.name.includes(':')) throw new XlsxFallback(`namespace prefix in ${part}`);
    throw new ZipError('damaged', part, `root element ${root.name}`);
  }
  const ns = attrsOf(xml, root).get('xmlns') ?? '';
  if (ns.includes('purl.oclc.org')) throw new XlsxFallback('strict OOXML');
}

// ---------------------------------------------------------------- parts

interface Relationship {
  readonly type: string;
  readonly target: string;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

function resolvePart(base: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : dirOf(base) + target;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** The last part relsPath named the relationships of: every workbook's is its workbook part. */
let lastRels: { readonly part: string; readonly path: string } | undefined;

function relsPath(part: string): string {
  if (part === lastRels?.part) return lastRels.path;
  const dir = dirOf(part);
  const path = `${dir}_rels/${part.slice(dir.length)}.rels`;
  lastRels = { part, path };
  return path;
}

/**
 * What was read of the small parts a workbook made from a template shares with the others made
 * from it (`ZipArchive.readParsed`): kept by their name and stored bytes, so only the same bytes
 * ever give the same result. Parts that fail are never kept.
 */
const relsMemo = new PartMemo<ReadonlyMap<string, Relationship>>();
const stylesMemo = new PartMemo<Styles>();
const bookMemo = new PartMemo<BookPart>();

function readRels(zip: ZipArchive, part: string): ReadonlyMap<string, Relationship> {
  const path = relsPath(part);
  if (!zip.has(path)) return new Map();
  return zip.readParsed(path, relsMemo, (data) => parseRels(textOf(data, path), path, part));
}

function parseRels(xml: string, path: string, part: string): ReadonlyMap<string, Relationship> {
  const rels = new Map<string, Relationship>();
  checkRoot(xml, path, 'Relationships');
  const tags = new Tags(xml, path);
  while (tags.next()) {
    if (tags.closing || !tags.is('Relationship')) continue;
    const id = tags.attr('Id');
    const target = tags.attr('Target');
    if (!id || target === undefined || tags.attr('TargetMode') === 'External') continue;
    rels.set(id, { type: tags.attr('Type') ?? '', target: resolvePart(part, target) });
  }
  return rels;
}

/** The shared strings: each item's text runs concatenated (phonetic runs left out). */
function readSharedStrings(zip: ZipArchive, path: string): string[] {
  const data = zip.read(path);
  // the usual part is read from its bytes; one declaring a prefix, holding a comment, CDATA or
  // declaration (`<!`), or too long for one string is read as text
  if (data.length <= 1 << 28 && data.indexOf(XMLNS_COLON) < 0 && data.indexOf(MARKUP_DECLARATION) < 0) {
    const strings = sharedStringsOfBytes(data, path);
    if (strings) return strings;
  }
  return parseSharedStrings(textOf(data, path), path);
}

const MARKUP_DECLARATION = Buffer.from('<!', 'latin1');

function parseSharedStrings(xml: string, path: string): string[] {
  checkRoot(xml, path, 'sst');
  const out: string[] = [];
  let current: string[] | undefined;
  let phonetic = 0;
  const tags = new Tags(xml, path);
  while (tags.next()) {
    if (tags.closing) {
      if (tags.is('si')) {
        if (current) out.push(unescapeXml(current.length === 1 ? current[0] : current.join(''), true));
        current = undefined;
      } else if (tags.is('rPh')) phonetic = Math.max(0, phonetic - 1);
    } else if (tags.is('si')) {
      if (tags.empty) out.push('');
      else current = [];
    } else if (tags.is('rPh')) {
      if (!tags.empty) phonetic++;
    } else if (tags.is('t') && !tags.empty) {
      const raw = tags.text('t');
      if (current && phonetic === 0) current.push(raw);
    }
  }
  return out;
}

/**
 * `parseSharedStrings` on the part's bytes, for a part without `xmlns:` or `<!` (so that it
 * reads the same tags and texts): each text decoded on its own, unescaped only when it may
 * hold an escape, and an item of one run taken from the text cache. Undefined when the part is
 * anything but plainly well-formed: parseSharedStrings then reads it, with its own errors.
 */
function sharedStringsOfBytes(data: Buffer, path: string): string[] | undefined {
  const tags = new ByteTags(data, path);
  if (!plainRoot(tags, 'sst')) {
    const near = data.toString('latin1', 0, Math.min(data.length, 4096));
    let root: Tag | undefined;
    try {
      root = nextTag(near, 0, path);
    } catch {
      return undefined;
    }
    if (root?.name !== 'sst' || (attrsOf(near, root).get('xmlns') ?? '').includes('purl.oclc.org'))
      return undefined;
    tags.pos = 0;
  }
  const out: string[] = [];
  /** The current item's runs: their count, the first one's bytes, all of them decoded. */
  let runs = -1;
  let first = -1;
  let firstEnd = 0;
  let firstFlags = 0;
  let firstHash = 0;
  let texts: string[] = [];
  /** A run may hold an escape: the joined text is unescaped. */
  let escaped = false;
  let phonetic = 0;
  try {
    while (tags.next()) {
      const code = tags.code;
      if (tags.closing) {
        if (code === TAG_SI) {
          if (runs === 0) out.push('');
          else if (runs === 1) out.push(textCache.text(tags, first, firstEnd, firstFlags, firstHash));
          else if (runs > 1) {
            const s = texts.join('');
            out.push(escaped ? unescapeXml(s, true) : s);
          }
          runs = -1;
        } else if (code === TAG_RPH) phonetic = Math.max(0, phonetic - 1);
      } else if (code === TAG_SI) {
        if (tags.empty) out.push('');
        else {
          runs = 0;
          escaped = false;
        }
      } else if (code === TAG_RPH) {
        if (!tags.empty) phonetic++;
      } else if (code === TAG_T && !tags.empty) {
        tags.skipText('t');
        if (runs >= 0 && phonetic === 0) {
          if (runs === 0) {
            first = tags.textStart;
            firstEnd = tags.textEnd;
            firstFlags = tags.textFlags;
            firstHash = tags.textHash;
          } else {
            // a second run or more: the runs are joined as strings
            if (runs === 1) texts = [tags.decode(first, firstEnd, firstFlags)];
            texts.push(tags.decode(tags.textStart, tags.textEnd, tags.textFlags));
          }
          runs++;
          if ((tags.textFlags & ESCAPE) !== 0) escaped = true;
        }
      }
    }
  } catch {
    return undefined;
  }
  return out;
}

interface Styles {
  /** Number format of each cell style (xf) index. */
  readonly formats: ReadonlyArray<string | undefined>;
  /** Whether each cell style's format shows dates (isDateFormat). */
  readonly dates: readonly boolean[];
}

function readStyles(zip: ZipArchive, path: string | undefined): Styles {
  if (!path || !zip.has(path)) return { formats: [], dates: [] };
  return zip.readParsed(path, stylesMemo, (data) => parseStyles(textOf(data, path), path));
}

function parseStyles(xml: string, path: string): Styles {
  checkRoot(xml, path, 'styleSheet');
  const custom = new Map<number, string>();
  const formats: Array<string | undefined> = [];
  let inXfs = false;
  const tags = new Tags(xml, path);
  while (tags.next()) {
    if (tags.is('cellXfs')) inXfs = !tags.closing && !tags.empty;
    else if (tags.closing) continue;
    else if (tags.is('numFmt')) {
      const id = parseInt(tags.attr('numFmtId') ?? '', 10);
      const code = tags.attr('formatCode');
      if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
    } else if (inXfs && tags.is('xf')) {
      const id = parseInt(tags.attr('numFmtId') ?? '0', 10);
      const fid = Number.isFinite(id) ? id : 0;
      // ids above 392 are moved by SheetJS and read as no format: do the same
      formats.push(fid > 0x188 ? undefined : (custom.get(fid) ?? BUILTIN_FORMATS[fid]));
    }
  }
  return { formats, dates: formats.map((f) => f !== undefined && isDateFormat(f)) };
}

// ---------------------------------------------------------------- cell references

/** `B12` → [12, 2]; undefined when malformed or beyond XFD1048576. */
function parseRef(ref: string): [number, number] | undefined {
  let i = 0;
  let col = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) - 64;
    if (c < 1 || c > 26) break;
    col = col * 26 + c;
    if (col > MAX_COLS) return undefined;
  }
  if (i === 0 || i === ref.length) return undefined;
  let row = 0;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    row = row * 10 + d;
    if (row > MAX_ROWS) return undefined;
  }
  if (row < 1) return undefined;
  return [row, col];
}

function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** SheetJS's reference pattern for shifting shared formulas (A1 to XFD1048576). */
const CREF =
  /(^|[^._A-Z0-9])([$]?)([A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])([$]?)(10[0-3]\d{4}|104[0-7]\d{3}|1048[0-4]\d{2}|10485[0-6]\d|104857[0-6]|[1-9]\d{0,5})(?![_.(A-Za-z0-9])/g;

function colNumberOf(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

/** A shared formula as a follower cell sees it: relative references moved by the offset. */
function shiftFormula(formula: string, dRow: number, dCol: number): string {
  return formula.replace(CREF, (_m, lead: string, cAbs: string, col: string, rAbs: string, row: string) => {
    const c = cAbs ? `$${col}` : colLetters(colNumberOf(col) + dCol);
    const r = rAbs ? `$${row}` : String(Number(row) + dRow);
    return lead + c + r;
  });
}

function stripXlfn(f: string): string {
  return f.includes('_xlfn.') ? f.replace(/_xlfn\./g, '') : f;
}

// ---------------------------------------------------------------- worksheets

interface SheetContext {
  readonly strings: readonly string[] | undefined;
  readonly stringsPart: string;
  readonly styles: Styles;
  readonly date1904: boolean;
}

/**
 * A cursor over the tags of one part that allocates nothing per tag: the sheet scanner's hot
 * loop. Each step is linear in the text it passes over.
 */
class Tags implements Cursor {
  pos = 0;
  nameStart = 0;
  nameEnd = 0;
  end = 0;
  empty = false;
  closing = false;

  constructor(
    readonly xml: string,
    readonly part: string,
  ) {}

  /** Moves to the next element tag; false at the end of the part. */
  next(): boolean {
    const xml = this.xml;
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) return false;
      const c = xml.charCodeAt(lt + 1);
      if (c === 0x3f || c === 0x21) {
        // <?…?>, <!--…-->, <!…>: the generic scanner knows them
        const t = nextTag(xml, lt, this.part);
        if (!t) return false;
        this.pos = t.start;
        if (t.start !== lt) continue;
      }
      this.closing = c === 0x2f;
      let j = lt + (this.closing ? 2 : 1);
      this.nameStart = j;
      while (j < xml.length && isNameChar(xml.charCodeAt(j))) j++;
      this.nameEnd = j;
      j = tagClose(xml, j, this.part);
      this.end = j + 1;
      this.empty = xml.charCodeAt(j - 1) === 0x2f;
      this.pos = this.end;
      return true;
    }
  }

  is(name: string): boolean {
    return this.nameEnd - this.nameStart === name.length && this.xml.startsWith(name, this.nameStart);
  }

  /** The element name has a namespace prefix. */
  prefixed(): boolean {
    const i = this.xml.indexOf(':', this.nameStart);
    return i >= 0 && i < this.nameEnd;
  }

  /** An attribute of the current tag (raw: unescape where it may hold entities). */
  attr(name: string): string | undefined {
    const xml = this.xml;
    const stop = this.end - 1;
    let i = this.nameEnd;
    while (i < stop) {
      const c = xml.charCodeAt(i);
      if (c <= 0x20 || c === 0x2f) {
        i++;
        continue;
      }
      let eq = i;
      while (eq < stop && xml.charCodeAt(eq) !== 0x3d /* = */) eq++;
      if (eq >= stop) return undefined;
      let q = eq + 1;
      while (q < stop && xml.charCodeAt(q) <= 0x20) q++;
      const quote = xml.charCodeAt(q);
      if (quote !== 0x22 && quote !== 0x27) return undefined;
      let close = q + 1;
      while (close < stop && xml.charCodeAt(close) !== quote) close++;
      if (close >= stop) return undefined;
      let nameEnd = eq;
      while (nameEnd > i && xml.charCodeAt(nameEnd - 1) <= 0x20) nameEnd--;
      if (nameEnd - i === name.length && xml.startsWith(name, i)) {
        const v = xml.slice(q + 1, close);
        return v.includes('&') ? unescapeXml(v) : v;
      }
      i = close + 1;
    }
    return undefined;
  }

  /** The raw text up to `</name>`, moving past it. */
  text(name: string): string {
    const close = `</${name}>`;
    const e = this.xml.indexOf(close, this.pos);
    if (e < 0) throw new ZipError('damaged', this.part, `missing ${close}`);
    if (this.xml.indexOf('<', this.pos) !== e) {
      if (this.xml.startsWith('<![CDATA[', this.xml.indexOf('<', this.pos))) throw new XlsxFallback('CDATA');
      throw new XlsxFallback(`markup inside <${name}>`);
    }
    const raw = this.xml.slice(this.pos, e);
    this.pos = e + close.length;
    return raw;
  }
}

/** The cursor the sheet scanner needs: `Tags` over a string, `ByteTags` over the part's bytes. */
interface Cursor {
  readonly closing: boolean;
  readonly empty: boolean;
  next(): boolean;
  is(name: string): boolean;
  attr(name: string): string | undefined;
  text(name: string): string;
}

/** Buffer's own decoders, without the encoding dispatch of `toString` (Node ≥ 0.x). */
interface DecodingBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** The names the sheet scanner looks for, as `ByteTags.code` gives them (0: any other name). */
const TAG_C = 1;
const TAG_V = 2;
const TAG_F = 3;
const TAG_T = 4;
const TAG_IS = 5;
const TAG_ROW = 6;
const TAG_RPH = 7;
const TAG_MERGE = 8;
const TAG_SI = 9;

/** What a text holds that decoding must know of (`ByteTags.textFlags`). */
const HIGH = 1; // a byte ≥ 0x80: decode as UTF-8 (else every byte is ASCII: latin1 is the same)
const ESCAPE = 2; // `&`, `_` or CR: unescapeXml may change it
const LT = 4; // `<`: the text ends here
/** The flag of each byte value: one look-up per byte while looking for the text's end. */
const BYTE_FLAGS = (() => {
  const t = new Uint8Array(256);
  t.fill(HIGH, 0x80);
  t[0x26] = ESCAPE;
  t[0x5f] = ESCAPE;
  t[0x0d] = ESCAPE;
  t[0x3c] = LT;
  return t;
})();

/** The cell types (`t`), as numbers; `T_N` also stands for a cell without `t`. */
const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_B = 3;
const T_E = 4;
const T_INLINE = 5;
const T_D = 6;
/** A `t` that is none of the above, or one written with an entity: read it with `attr('t')`. */
const T_OTHER = 7;
const TYPE_CODES = new Map([
  ['n', T_N],
  ['s', T_S],
  ['str', T_STR],
  ['b', T_B],
  ['e', T_E],
  ['inlineStr', T_INLINE],
  ['d', T_D],
]);

/** 10^k for k ≤ 22: exact doubles, so that m / 10^k is correctly rounded (as parseFloat is). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `Tags` over a part's UTF-8 bytes: the sheet is never turned into one big string, so its text
 * is not kept alive by the values cut from it, and each value is decoded on its own. It looks for
 * `<` and `>` byte by byte: the distances inside a sheet are short, and `Buffer.indexOf` costs
 * more to call than such a loop takes.
 */
class ByteTags implements Cursor {
  pos = 0;
  nameStart = 0;
  nameEnd = 0;
  end = 0;
  empty = false;
  closing = false;
  /** The name of the current tag, as one of the TAG_ numbers; 0 for any other name. */
  code = 0;
  /** The text `skipText` passed over: [textStart, textEnd) and its flags (HIGH, ESCAPE). */
  textStart = 0;
  textEnd = 0;
  textFlags = 0;
  /** The text's bytes hashed as `TextCache.hash` hashes them. */
  textHash = 0;
  /** The number `numberAt` read. */
  number = 0;
  readonly buf: DecodingBuffer;

  constructor(
    buf: Buffer,
    readonly part: string,
  ) {
    this.buf = buf as DecodingBuffer;
  }

  next(): boolean {
    const buf = this.buf;
    const len = buf.length;
    for (;;) {
      let lt = this.pos;
      while (lt < len && buf[lt] !== 0x3c) lt++;
      if (lt >= len) return false;
      const c = buf[lt + 1];
      if (c === 0x3f /* ? */ || c === 0x21 /* ! */) {
        this.pos = this.afterMarkup(lt);
        continue;
      }
      this.closing = c === 0x2f;
      let j = lt + (this.closing ? 2 : 1);
      const start = j;
      this.nameStart = j;
      // name characters: anything but whitespace, `>`, `/` (isNameChar)
      for (let ch = buf[j]; j < len && ch > 0x20 && ch !== 0x3e && ch !== 0x2f; ch = buf[++j]);
      this.nameEnd = j;
      const n = j - start;
      const b0 = buf[start];
      this.code =
        n === 1
          ? b0 === 0x63 /* c */
            ? TAG_C
            : b0 === 0x76 /* v */
              ? TAG_V
              : b0 === 0x66 /* f */
                ? TAG_F
                : b0 === 0x74 /* t */
                  ? TAG_T
                  : 0
          : n === 3
            ? b0 === 0x72 && buf[start + 1] === 0x6f && buf[start + 2] === 0x77 /* row */
              ? TAG_ROW
              : b0 === 0x72 && buf[start + 1] === 0x50 && buf[start + 2] === 0x68 /* rPh */
                ? TAG_RPH
                : 0
            : n === 2
              ? b0 === 0x69 && buf[start + 1] === 0x73 /* is */
                ? TAG_IS
                : b0 === 0x73 && buf[start + 1] === 0x69 /* si */
                  ? TAG_SI
                  : 0
              : n === 9 && this.is('mergeCell')
                ? TAG_MERGE
                : 0;
      let quote = 0;
      for (; j < len; j++) {
        const ch = buf[j];
        if (quote) {
          if (ch === quote) quote = 0;
        } else if (ch === 0x22 || ch === 0x27) quote = ch;
        else if (ch === 0x3e) break;
      }
      if (j >= len) throw new ZipError('damaged', this.part, 'unterminated tag');
      this.end = j + 1;
      this.empty = buf[j - 1] === 0x2f;
      this.pos = this.end;
      return true;
    }
  }

  /**
   * Where the processing instruction (`<?`), comment (`<!--`) or declaration (`<!`) at `lt` ends:
   * passed over by `next`, seldom met (the XML declaration, once per part), so not in `next`.
   */
  private afterMarkup(lt: number): number {
    const buf = this.buf;
    if (buf[lt + 1] === 0x3f /* ? */) {
      const e = buf.indexOf('?>', lt + 2, 'latin1');
      if (e < 0) throw new ZipError('damaged', this.part, 'unterminated processing instruction');
      return e + 2;
    }
    if (buf[lt + 2] === 0x2d && buf[lt + 3] === 0x2d) {
      const e = buf.indexOf('-->', lt + 4, 'latin1');
      if (e < 0) throw new ZipError('damaged', this.part, 'unterminated comment');
      return e + 3;
    }
    if (buf[lt + 2] === 0x5b /* [ */) throw new XlsxFallback('CDATA');
    const e = buf.indexOf(0x3e, lt + 2);
    if (e < 0) throw new ZipError('damaged', this.part, 'unterminated declaration');
    return e + 1;
  }

  is(name: string): boolean {
    if (this.nameEnd - this.nameStart !== name.length) return false;
    for (let i = 0; i < name.length; i++)
      if (this.buf[this.nameStart + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  /**
   * A cell tag's `r`, `t` and `s` in one pass over its attributes (the first of each name, as
   * `attr` finds it). Sets `cellRow` and `cellCol` (0 when there is no `r`, -1 when `r` must be
   * read by `attr`), `cellType` (a T_ number: T_OTHER when `t` must be read by `attr`) and
   * `cellStyle` (-1 without `s`, -2 when `s` must be read by `attr`).
   */
  readCellAttrs(): void {
    const buf = this.buf;
    const stop = this.end - 1;
    let rStart = -1;
    let rEnd = -1;
    let tStart = -1;
    let tEnd = -1;
    let sStart = -1;
    let sEnd = -1;
    let i = this.nameEnd;
    while (i < stop) {
      const c = buf[i];
      if (c <= 0x20 || c === 0x2f) {
        i++;
        continue;
      }
      let eq = i;
      while (eq < stop && buf[eq] !== 0x3d) eq++;
      if (eq >= stop) break;
      let q = eq + 1;
      while (q < stop && buf[q] <= 0x20) q++;
      const quote = buf[q];
      if (quote !== 0x22 && quote !== 0x27) break;
      let close = q + 1;
      while (close < stop && buf[close] !== quote) close++;
      if (close >= stop) break;
      let nameEnd = eq;
      while (nameEnd > i && buf[nameEnd - 1] <= 0x20) nameEnd--;
      if (nameEnd - i === 1) {
        const a = buf[i];
        if (a === 0x72 /* r */) {
          if (rStart < 0) {
            rStart = q + 1;
            rEnd = close;
          }
        } else if (a === 0x74 /* t */) {
          if (tStart < 0) {
            tStart = q + 1;
            tEnd = close;
          }
        } else if (a === 0x73 /* s */ && sStart < 0) {
          sStart = q + 1;
          sEnd = close;
        }
      }
      i = close + 1;
    }
    // the type, from its bytes
    let type = T_N;
    if (tStart >= 0) {
      const n = tEnd - tStart;
      const b0 = buf[tStart];
      type = T_OTHER;
      if (n === 1) {
        if (b0 === 0x73) type = T_S;
        else if (b0 === 0x6e) type = T_N;
        else if (b0 === 0x62) type = T_B;
        else if (b0 === 0x65) type = T_E;
        else if (b0 === 0x64) type = T_D;
      } else if (n === 3) {
        if (b0 === 0x73 && buf[tStart + 1] === 0x74 && buf[tStart + 2] === 0x72) type = T_STR;
      } else if (n === 9 && this.bytesAre(tStart, tEnd, 'inlineStr')) type = T_INLINE;
    }
    this.cellType = type;
    // the style index: 1 to 9 digits
    let style = -1;
    if (sStart >= 0) {
      const n = this.digitsAt(sStart, sEnd);
      style = n < 0 ? -2 : n;
    }
    this.cellStyle = style;
    // the reference, as parseRef reads it
    this.cellRow = 0;
    this.cellCol = 0;
    if (rStart >= 0) {
      this.cellRow = -1;
      if (this.refAt(rStart, rEnd)) {
        this.cellRow = this.refRow;
        this.cellCol = this.refCol;
      }
    }
  }

  /** Of the last `readCellAttrs`: see there. */
  cellRow = 0;
  cellCol = 0;
  cellType = T_N;
  cellStyle = -1;

  /** Bytes [start, end) equal an ASCII string. */
  bytesAre(start: number, end: number, text: string): boolean {
    if (end - start !== text.length) return false;
    for (let k = 0; k < text.length; k++) if (this.buf[start + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  /** The decimal number bytes [start, end) spell (1 to 9 digits), else -1. */
  digitsAt(start: number, end: number): number {
    if (end <= start || end - start > 9) return -1;
    let n = 0;
    for (let k = start; k < end; k++) {
      const d = this.buf[k] - 0x30;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  }

  /**
   * Bytes [start, end) as a plain decimal (`-`, 1 to 15 digits, `.`), read into `number` exactly
   * as parseFloat reads it: the digits make an integer below 2^53 and 10^k is exact, so one
   * division rounds correctly. False for anything else (exponents, signs, spaces), left to
   * parseFloat.
   */
  numberAt(start: number, end: number): boolean {
    const buf = this.buf;
    let k = start;
    const negative = buf[k] === 0x2d;
    if (negative) k++;
    let m = 0;
    let digits = 0;
    let point = -1;
    for (; k < end; k++) {
      const b = buf[k];
      if (b === 0x2e && point < 0) {
        point = k;
        continue;
      }
      const d = b - 0x30;
      if (d < 0 || d > 9) return false;
      m = m * 10 + d;
      digits++;
    }
    if (digits === 0 || digits > 15 || point === end - 1 || point === (negative ? start + 1 : start))
      return false;
    const value = point < 0 ? m : m / POW10[end - 1 - point];
    this.number = negative ? -value : value;
    return true;
  }

  /** The area `areaAt` read. */
  top = 0;
  left = 0;
  bottom = 0;
  right = 0;

  /**
   * Bytes [start, end) as `A1` or `A1:B2` (plain ASCII), read into top, left, bottom, right as a
   * merged area's `ref` is read from its string (parseRef on each end); false for anything else.
   */
  areaAt(start: number, end: number): boolean {
    const buf = this.buf;
    let colon = start;
    while (colon < end && buf[colon] !== 0x3a) colon++;
    if (!this.refAt(start, colon)) return false;
    const r1 = this.refRow;
    const c1 = this.refCol;
    if (colon < end && !this.refAt(colon + 1, end)) return false;
    this.top = Math.min(r1, this.refRow);
    this.left = Math.min(c1, this.refCol);
    this.bottom = Math.max(r1, this.refRow);
    this.right = Math.max(c1, this.refCol);
    return true;
  }

  /** The reference `refAt` read. */
  refRow = 0;
  refCol = 0;

  /** Bytes [start, end) as an A1 reference, read into refRow and refCol as parseRef reads it. */
  refAt(start: number, end: number): boolean {
    const buf = this.buf;
    let k = start;
    let col = 0;
    for (; k < end; k++) {
      const c = buf[k] - 64;
      if (c < 1 || c > 26) break;
      col = col * 26 + c;
      if (col > MAX_COLS) return false;
    }
    if (k === start || k === end) return false;
    let row = 0;
    for (; k < end; k++) {
      const d = buf[k] - 48;
      if (d < 0 || d > 9) return false;
      row = row * 10 + d;
      if (row > MAX_ROWS) return false;
    }
    if (row < 1) return false;
    this.refRow = row;
    this.refCol = col;
    return true;
  }

  /** The raw value of the last attribute `attrSpan` found: [attrStart, attrEnd). */
  attrStart = 0;
  attrEnd = 0;

  /**
   * `attrSpan(name)` for the usual row and merged area, whose tag starts `<row r="…"` or
   * `<mergeCell ref="…"`: that first attribute found by its bytes, without the general loop
   * (the same span: it is the first of that name). Any other tag goes to attrSpan.
   */
  leadingAttrSpan(name: string): boolean {
    const buf = this.buf;
    let i = this.nameEnd;
    if (buf[i] !== 0x20) return this.attrSpan(name);
    for (let k = 0; k < name.length; k++) if (buf[++i] !== name.charCodeAt(k)) return this.attrSpan(name);
    if (buf[i + 1] !== 0x3d /* = */ || buf[i + 2] !== 0x22 /* " */) return this.attrSpan(name);
    const start = i + 3;
    const stop = this.end - 1;
    let close = start;
    while (close < stop && buf[close] !== 0x22) close++;
    if (close >= stop) return this.attrSpan(name);
    this.attrStart = start;
    this.attrEnd = close;
    return true;
  }

  /** Finds an attribute of the current tag (the first of that name): its raw value's bytes. */
  attrSpan(name: string): boolean {
    const buf = this.buf;
    const stop = this.end - 1;
    let i = this.nameEnd;
    while (i < stop) {
      const c = buf[i];
      if (c <= 0x20 || c === 0x2f) {
        i++;
        continue;
      }
      let eq = i;
      while (eq < stop && buf[eq] !== 0x3d) eq++;
      if (eq >= stop) return false;
      let q = eq + 1;
      while (q < stop && buf[q] <= 0x20) q++;
      const quote = buf[q];
      if (quote !== 0x22 && quote !== 0x27) return false;
      let close = q + 1;
      while (close < stop && buf[close] !== quote) close++;
      if (close >= stop) return false;
      let nameEnd = eq;
      while (nameEnd > i && buf[nameEnd - 1] <= 0x20) nameEnd--;
      if (nameEnd - i === name.length) {
        let same = true;
        for (let k = 0; k < name.length && same; k++) same = buf[i + k] === name.charCodeAt(k);
        if (same) {
          this.attrStart = q + 1;
          this.attrEnd = close;
          return true;
        }
      }
      i = close + 1;
    }
    return false;
  }

  attr(name: string): string | undefined {
    if (!this.attrSpan(name)) return undefined;
    const v = this.buf.utf8Slice(this.attrStart, this.attrEnd);
    return v.includes('&') ? unescapeXml(v) : v;
  }

  /**
   * Moves past the text of the current element and its end tag `</name>`: the text's bytes are
   * [textStart, textEnd), `textFlags` tells whether they hold bytes ≥ 0x80 (HIGH) and `&`, `_`
   * or CR (ESCAPE). Markup inside the text is left to SheetJS (XlsxFallback).
   */
  skipText(name: string): void {
    const buf = this.buf;
    const len = buf.length;
    const start = this.pos;
    const p = this.scanText(start);
    const end = p + 2 + name.length;
    if (p < len && buf[p + 1] === 0x2f && buf[end] === 0x3e) {
      let same = true;
      for (let k = 0; k < name.length && same; k++) same = buf[p + 2 + k] === name.charCodeAt(k);
      if (same) {
        this.pos = end + 1;
        return;
      }
    }
    this.textEndError(name);
  }

  /** The error of a text `skipText` found not ended by `</name>` (met at most once per part). */
  private textEndError(name: string): never {
    const buf = this.buf;
    const e = buf.indexOf(`</${name}>`, this.pos, 'latin1');
    if (e < 0) throw new ZipError('damaged', this.part, `missing </${name}>`);
    const lt = buf.indexOf(0x3c, this.pos);
    if (lt !== e) {
      if (buf[lt + 1] === 0x21) throw new XlsxFallback('CDATA');
      throw new XlsxFallback(`markup inside <${name}>`);
    }
    // not reached: the first `<` is `</name>`, which skipText takes
    throw new XlsxFallback(`markup inside <${name}>`);
  }

  /** Bytes [start, end) as a string; `flags` as `textFlags` gives them. */
  decode(start: number, end: number, flags: number): string {
    return (flags & HIGH) !== 0 ? this.buf.utf8Slice(start, end) : this.buf.latin1Slice(start, end);
  }

  text(name: string): string {
    this.skipText(name);
    return this.decode(this.textStart, this.textEnd, this.textFlags);
  }

  /**
   * At a cell's start tag, when the cell is `<v>text</v></c>` and nothing else (the usual cell):
   * moves past its end tag, with the text as `skipText` gives it, and returns true. Otherwise
   * returns false where it was (its text fields, which only a true answer gives, aside): the
   * caller reads the cell tag by tag.
   */
  valueOnlyCell(): boolean {
    const buf = this.buf;
    let p = this.end;
    if (buf[p] !== 0x3c || buf[p + 1] !== 0x76 || buf[p + 2] !== 0x3e) return false;
    const start = p + 3;
    p = this.scanText(start);
    // </v></c>
    if (
      buf[p + 1] !== 0x2f ||
      buf[p + 2] !== 0x76 ||
      buf[p + 3] !== 0x3e ||
      buf[p + 4] !== 0x3c ||
      buf[p + 5] !== 0x2f ||
      buf[p + 6] !== 0x63 ||
      buf[p + 7] !== 0x3e
    )
      return false;
    this.pos = p + 8;
    return true;
  }

  /**
   * Scans a text from `start` to its first `<` (or the end), which it returns: sets `textStart`,
   * `textEnd`, `textFlags` (HIGH, ESCAPE) and `textHash` (the text cache's key hash) on the way.
   */
  private scanText(start: number): number {
    const buf = this.buf;
    const len = buf.length;
    let p = start;
    let flags = 0;
    let hash = 0x811c9dc5 | 0;
    for (; p < len; p++) {
      const b = buf[p];
      const f = BYTE_FLAGS[b];
      if (f !== 0) {
        if (f === LT) break;
        flags |= f;
      }
      hash = (hash * 31 + b) | 0;
    }
    this.textStart = start;
    this.textEnd = p;
    this.textFlags = flags;
    this.textHash = hash;
    return p;
  }
}

/**
 * The root element and namespace checks of `checkRoot`, on a part's bytes. `tags`, a cursor at
 * the part's start, is left after the root's start tag when `plainRoot` finds it (the usual part:
 * the checks need no string), else where it was.
 */
function checkRootBytes(buf: Buffer, part: string, expect: string, tags: ByteTags): void {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))
    throw new XlsxFallback(`UTF-16 text in ${part}`);
  if (mainPrefixDeclared(buf)) throw new XlsxFallback(`namespace prefix in ${part}`);
  if (plainRoot(tags, expect)) return;
  tags.pos = 0;
  // the root element's start tag, within the part's first 64 KiB: first within its first 4 KiB
  // (a tag found there is the tag found in 64 KiB, every byte looked at being the same)
  const near = buf.toString('latin1', 0, Math.min(buf.length, 4096));
  let root: Tag | undefined;
  try {
    root = nextTag(near, 0, part);
  } catch {
    root = undefined;
  }
  if (root) return checkRootTag(near, root, part, expect);
  const head = buf.length <= 4096 ? near : buf.toString('latin1', 0, Math.min(buf.length, 65536));
  try {
    root = nextTag(head, 0, part);
  } catch (e) {
    if (buf.length > 65536) throw new XlsxFallback('root element beyond 64 KiB');
    throw e;
  }
  checkRootTag(head, root, part, expect);
}

/**
 * Moves `tags` (at a part's start) past the part's first tag, and tells whether that tag is what
 * `checkRootTag` accepts without asking it: a start tag named `expect`, ending within the part's
 * first 4 KiB (where `checkRootBytes` finds it: the same tag, every byte looked at being the
 * same), whose attributes hold no `<`, `&` or `_` (so that each value is its own bytes, which
 * unescapeXml leaves as they are) and no `purl.oclc.org` (strict OOXML). False for anything else,
 * the cursor's own errors included: checkRootBytes then reads the root as before, with its errors.
 */
function plainRoot(tags: ByteTags, expect: string): boolean {
  try {
    if (!tags.next()) return false;
  } catch {
    return false;
  }
  return (
    !tags.closing && tags.end <= 4096 && tags.is(expect) && plainAttributes(tags.buf, tags.nameEnd, tags.end)
  );
}

const PURL = Buffer.from('purl.oclc.org', 'latin1');

/** Bytes [from, to) hold no `<`, `&` or `_`, and no `purl.oclc.org` (plainRoot). */
function plainAttributes(buf: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const b = buf[k];
    if (b === 0x3c || b === 0x26 || b === 0x5f) return false;
    if (b === 0x70 /* p */ && bytesAt(buf, k, PURL)) return false;
  }
  return true;
}

const XMLNS_COLON = Buffer.from('xmlns:', 'latin1');
const MAIN_NS_BYTES = MAIN_NS.map((ns) => Buffer.from(ns, 'latin1'));

/**
 * `refusePrefixedMain` on bytes, in one pass: a prefix bound to SpreadsheetML (`xmlns:x="…main"`,
 * the URI with or without `http://` or `https://`). Each `xmlns:` is followed to where a URI
 * would start, and a URI found there is judged as refusePrefixedMain judges it (the 80 bytes
 * before it), so the same parts are refused.
 */
function mainPrefixDeclared(buf: Buffer): boolean {
  for (let p = buf.indexOf(XMLNS_COLON); p >= 0; p = buf.indexOf(XMLNS_COLON, p + XMLNS_COLON.length))
    if (declaresMain(buf, p + XMLNS_COLON.length)) return true;
  return false;
}

/** Whether the `xmlns:` ending at `q` binds its prefix to SpreadsheetML, as mainPrefixDeclared asks. */
function declaresMain(buf: Buffer, q: number): boolean {
  const len = buf.length;
  const nameStart = q;
  while (q < len && isPrefixChar(buf[q])) q++;
  if (q === nameStart) return false;
  while (q < len && isRegexSpace(buf[q])) q++;
  if (buf[q] !== 0x3d /* = */) return false;
  q++;
  while (q < len && isRegexSpace(buf[q])) q++;
  if (buf[q] !== 0x22 && buf[q] !== 0x27) return false;
  q++;
  // the URI right after the quote, or after `http://` (7 bytes) or `https://` (8)
  return mainUriAt(buf, q) || mainUriAt(buf, q + 7) || mainUriAt(buf, q + 8);
}

/** A SpreadsheetML namespace URI at `at`, declared as a prefix's (prefixDeclaredBefore). */
function mainUriAt(buf: Buffer, at: number): boolean {
  for (let k = 0; k < MAIN_NS_BYTES.length; k++)
    if (bytesAt(buf, at, MAIN_NS_BYTES[k])) return prefixDeclaredBefore(buf, at);
  return false;
}

/** `[\w.-]`: a character of a prefix, as refusePrefixedMain's pattern reads it. */
function isPrefixChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x2d
  );
}

/** `\s` on a latin1 character: tab, LF, VT, FF, CR, space, no-break space. */
function isRegexSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0;
}

function bytesAt(buf: Buffer, at: number, needle: Buffer): boolean {
  if (at + needle.length > buf.length) return false;
  for (let k = 0; k < needle.length; k++) if (buf[at + k] !== needle[k]) return false;
  return true;
}

/** refusePrefixedMain's judgement of a URI at `i`: declared as a prefix's in the 80 bytes before. */
function prefixDeclaredBefore(buf: Buffer, i: number): boolean {
  const back = buf.toString('latin1', Math.max(0, i - 80), i);
  const at = back.lastIndexOf('xmlns');
  return (
    at >= 0 &&
    back.charCodeAt(at + 5) === 0x3a &&
    /^xmlns:[\w.-]+\s*=\s*["'](https?:\/\/)?$/.test(back.slice(at))
  );
}

/**
 * The texts of `t="str"` cells by their bytes, across sheets and workbooks: the labels of a form
 * (项目名称, 预算单位, …) come back in every form and every file made from one template, and a
 * text found here is neither decoded, unescaped nor allocated again; nor is its plain cell
 * (`{ value }`: cells are never changed, as with a shared string's plain cell). A text is a
 * function of its bytes alone (decoded, then unescaped when it holds `&`, `_` or CR), so only
 * the same bytes ever give it. Bounded: keys of at most 4 KiB, 8,192 texts and 1 MiB of keys;
 * when full it is emptied and starts over.
 */
class TextCache {
  private static readonly MAX_KEY = 4096;
  private static readonly MAX_TEXTS = 8192;
  private readonly slots = new Int32Array(TextCache.MAX_TEXTS * 2);
  private readonly hashes = new Int32Array(TextCache.MAX_TEXTS);
  private readonly starts = new Int32Array(TextCache.MAX_TEXTS);
  private readonly lengths = new Int32Array(TextCache.MAX_TEXTS);
  private readonly texts: string[] = [];
  private readonly cells: Array<Cell | undefined> = [];
  private readonly keys = Buffer.alloc(1024 * 1024);
  private used = 0;
  private count = 0;
  /** The entry of the last `text`, for `plainCell`; -1 when that text was not kept. */
  last = -1;

  /**
   * The text of a cell's value: bytes [start, end) of a part, with the flags and hash
   * `skipText` gives them (the hash: h = (h * 31 + byte) | 0 from 0x811c9dc5 | 0).
   */
  text(tags: ByteTags, start: number, end: number, flags: number, h: number): string {
    const n = end - start;
    this.last = -1;
    if (n > TextCache.MAX_KEY) return strText(tags, start, end, flags);
    const buf = tags.buf;
    const mask = this.slots.length - 1;
    const keys = this.keys;
    let slot = (h ^ (h >>> 14)) & mask;
    for (let e = this.slots[slot]; e !== 0; e = this.slots[slot]) {
      const i = e - 1;
      if (this.hashes[i] === h && this.lengths[i] === n) {
        const at = this.starts[i];
        let k = 0;
        while (k < n && keys[at + k] === buf[start + k]) k++;
        if (k === n) {
          this.last = i;
          return this.texts[i];
        }
      }
      slot = (slot + 1) & mask;
    }
    const text = strText(tags, start, end, flags);
    if (this.count === TextCache.MAX_TEXTS || this.used + n > keys.length) {
      this.slots.fill(0);
      this.texts.length = 0;
      this.cells.length = 0;
      this.count = 0;
      this.used = 0;
      slot = (h ^ (h >>> 14)) & mask;
    }
    const i = this.count++;
    for (let k = 0; k < n; k++) keys[this.used + k] = buf[start + k];
    this.hashes[i] = h;
    this.starts[i] = this.used;
    this.lengths[i] = n;
    this.texts[i] = text;
    this.cells[i] = undefined;
    this.used += n;
    this.slots[slot] = i + 1;
    this.last = i;
    return text;
  }

  /** The plain cell (`{ value }`) of the text the last `text` gave; undefined when not kept. */
  plainCell(): Cell | undefined {
    const i = this.last;
    return i < 0 ? undefined : (this.cells[i] ??= { value: this.texts[i] });
  }
}

/**
 * Each shape of cell that readSheet makes, made once here with a text, a whole number and a
 * fraction as its value, before anything is compiled. V8 gives the objects of one literal shape
 * one hidden class and first tracks their `value` as the kind of the first value stored: a
 * sheet's first cells are texts, and the first cell holding a whole number made V8 widen the
 * field, which threw away the compiled code of readSheet and of eight functions of the engine
 * that read cells (all compiled again some files later). Widened here, it never changes.
 */
export const CELL_SHAPES: readonly Cell[] = ['', 0, 0.5].flatMap((value) => [
  { value },
  { value, formula: '' },
  { value, format: '' },
  { value, format: '', text: '' },
  { value, formula: '', format: '' },
  { value, formula: '', format: '', text: '' },
]);

/** A `t="str"` cell's text: its bytes decoded, and unescaped when they may hold an escape. */
function strText(tags: ByteTags, start: number, end: number, flags: number): string {
  const v = tags.decode(start, end, flags);
  return (flags & ESCAPE) !== 0 ? unescapeXml(v, true) : v;
}

const textCache = new TextCache();

function readSheet(name: string, data: Buffer, part: string, ctx: SheetContext): Grid {
  const tags = new ByteTags(data, part);
  checkRootBytes(data, part, 'worksheet', tags);
  const rows: Array<Array<Cell | undefined> | undefined> = [];
  const merges: Area[] = [];
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const { formats, dates } = ctx.styles;
  // the same text in many cells (labels repeated form after form) is held once
  const seen = new Map<string, string>();
  let rowNum = 0;
  let colNum = 0;
  /** The plain cell of each shared string, by its index. */
  const plainCells: Cell[] = [];

  let more = tags.next();
  while (more) {
    if (tags.code !== TAG_C || tags.closing) {
      if (tags.closing) {
        // an end tag
      } else if (tags.code === TAG_ROW) {
        if (tags.leadingAttrSpan('r')) {
          let n = tags.digitsAt(tags.attrStart, tags.attrEnd);
          if (n < 1 || n > MAX_ROWS) {
            const r = tags.attr('r') as string;
            n = Number(r);
            if (!Number.isInteger(n) || n < 1 || n > MAX_ROWS)
              throw new ZipError('damaged', part, `row number ${r.slice(0, 20)}`);
          }
          rowNum = n;
        } else rowNum++;
        colNum = 0;
      } else if (tags.code === TAG_MERGE) {
        if (tags.leadingAttrSpan('ref') && tags.areaAt(tags.attrStart, tags.attrEnd)) {
          merges.push({ top: tags.top, left: tags.left, bottom: tags.bottom, right: tags.right });
          more = tags.next();
          continue;
        }
        const ref = tags.attr('ref') ?? '';
        const [a, b = a] = ref.split(':');
        const s = parseRef(a);
        const e = parseRef(b);
        if (!s || !e) throw new ZipError('damaged', part, `merged area ${ref.slice(0, 30)}`);
        merges.push({
          top: Math.min(s[0], e[0]),
          left: Math.min(s[1], e[1]),
          bottom: Math.max(s[0], e[0]),
          right: Math.max(s[1], e[1]),
        });
      }
      more = tags.next();
      continue;
    }

    // ---- a cell: <c r= s= t=> <f>…</f> <v>…</v> <is>…</is> </c>
    // r, t and s read from the bytes; anything unusual (an entity, a space) as strings by `attr`
    tags.readCellAttrs();
    let type = tags.cellType;
    let typeText: string | undefined;
    if (type === T_OTHER) {
      typeText = tags.attr('t');
      type = typeText === undefined ? T_N : (TYPE_CODES.get(typeText) ?? T_OTHER);
    }
    let styleIndex = tags.cellStyle;
    if (styleIndex === -2) styleIndex = parseInt(tags.attr('s') as string, 10);
    let row = rowNum;
    let col = colNum + 1;
    if (tags.cellRow > 0) {
      row = tags.cellRow;
      col = tags.cellCol;
    } else if (tags.cellRow < 0) {
      const ref = tags.attr('r') as string;
      const p = parseRef(ref);
      if (!p) throw new ZipError('damaged', part, `cell reference ${ref.slice(0, 30)}`);
      row = p[0];
      col = p[1];
    }
    if (row < 1) throw new ZipError('damaged', part, 'cell outside a row');
    colNum = col;
    // the value's bytes [vStart, vEnd) (vStart -1: none) and their flags
    let vStart = -1;
    let vEnd = -1;
    let vFlags = 0;
    let vHash = 0;
    let formula: string | undefined;
    let inline: string | undefined;
    if (tags.empty) {
      // no value
    } else if (tags.valueOnlyCell()) {
      vStart = tags.textStart;
      vEnd = tags.textEnd;
      vFlags = tags.textFlags;
      vHash = tags.textHash;
    } else {
      let inInline = false;
      let runs: string[] | undefined;
      let phonetic = 0;
      for (;;) {
        if (!tags.next()) throw new ZipError('damaged', part, 'unterminated cell');
        const code: number = tags.code;
        if (tags.closing) {
          if (code === TAG_C) break;
          if (code === TAG_IS) inInline = false;
          else if (code === TAG_RPH) phonetic = Math.max(0, phonetic - 1);
          continue;
        }
        if (tags.empty) {
          if (code === TAG_F && formula === undefined) formula = sharedFollower(tags, shared, row, col);
          continue;
        }
        if (code === TAG_V && !inInline) {
          tags.skipText('v');
          if (vStart < 0) {
            vStart = tags.textStart;
            vEnd = tags.textEnd;
            vFlags = tags.textFlags;
            vHash = tags.textHash;
          }
        } else if (code === TAG_F) {
          const ft = tags.attr('t');
          if (ft === 'dataTable') throw new XlsxFallback('data table formula');
          const si = tags.attr('si');
          const text = tags.text('f');
          if (formula === undefined) {
            if (text !== '') {
              formula = stripXlfn(unescapeXml(text, true));
              if (ft === 'shared' && si !== undefined) shared.set(si, { formula, row, col });
            } else if (ft === 'shared' && si !== undefined) {
              formula = sharedFollower(tags, shared, row, col);
            }
          }
        } else if (code === TAG_IS) inInline = true;
        else if (code === TAG_RPH) phonetic++;
        else if (code === TAG_T && inInline) {
          const raw = tags.text('t');
          if (phonetic === 0) (runs ??= []).push(raw);
        }
      }
      if (type === T_INLINE) inline = runs ? intern(unescapeXml(runs.join(''), true), seen) : '';
    }
    more = tags.next();

    // ---- the value, as SheetJS reads it
    // an empty value is none; a number cell without a value is left out, formula or not (as
    // SheetJS does: its value would be 0, and `0 == ""` drops it)
    if (vStart === vEnd) vStart = -1;
    let value: CellValue;
    let stringIndex = -1;
    /** The value is the text textCache.text gave last: its plain cell is kept there. */
    let plainText = false;
    switch (type) {
      case T_N: {
        if (vStart < 0) continue;
        if (tags.numberAt(vStart, vEnd)) value = tags.number;
        else {
          const v = tags.decode(vStart, vEnd, vFlags);
          value = parseFloat(v.includes('&') ? unescapeXml(v) : v);
        }
        break;
      }
      case T_S: {
        if (vStart < 0) continue;
        stringIndex = tags.digitsAt(vStart, vEnd);
        if (stringIndex < 0) stringIndex = parseInt(tags.decode(vStart, vEnd, vFlags), 10);
        const s = ctx.strings?.[stringIndex];
        if (s === undefined)
          throw new ZipError(
            'damaged',
            part,
            `shared string ${tags.decode(vStart, vEnd, vFlags).slice(0, 12)} is missing from ${ctx.stringsPart}`,
          );
        value = s;
        break;
      }
      case T_STR:
        if (vStart < 0) value = '';
        else {
          value = textCache.text(tags, vStart, vEnd, vFlags, vHash);
          plainText = true;
        }
        break;
      case T_INLINE:
        value = inline ?? '';
        break;
      case T_B: {
        const b = vStart < 0 ? undefined : unescapeXml(tags.decode(vStart, vEnd, vFlags));
        value = b === '1' || b === 'true';
        break;
      }
      case T_E: {
        const e = vStart < 0 ? '' : unescapeXml(tags.decode(vStart, vEnd, vFlags));
        value = { error: ERROR_VALUES.has(e) ? e : '#VALUE!' };
        break;
      }
      case T_D:
        throw new XlsxFallback('ISO date cells');
      default:
        throw new ZipError('damaged', part, `cell type ${typeText?.slice(0, 12)}`);
    }
    const format = styleIndex >= 0 ? formats[styleIndex] : undefined;
    let cell: Cell;
    if (format && format !== 'General') {
      const text =
        typeof value === 'number' && dates[styleIndex] ? formatDate(format, value, ctx.date1904) : undefined;
      cell =
        formula !== undefined && formula !== ''
          ? text !== undefined
            ? { value, formula, format, text }
            : { value, formula, format }
          : text !== undefined
            ? { value, format, text }
            : { value, format };
    } else if (formula !== undefined && formula !== '') cell = { value, formula };
    else if (stringIndex >= 0) {
      // a shared string's plain cell is one object however many cells show it (cells are
      // never changed: Grid.withValues makes new ones)
      cell = plainCells[stringIndex] ??= { value };
    } else cell = (plainText ? textCache.plainCell() : undefined) ?? { value };
    (rows[row] ??= [])[col] = cell;
  }
  return new Grid({ name, cells: rows, merges });
}

/** `text`, or the same text met before in `seen` (texts of at most 200 characters are kept there). */
function intern(text: string, seen: Map<string, string>): string {
  if (text.length > 200) return text;
  const known = seen.get(text);
  if (known !== undefined) return known;
  seen.set(text, text);
  return text;
}

/** A follower of a shared formula: the master's formula moved to this cell. */
function sharedFollower(
  tags: Cursor,
  shared: ReadonlyMap<string, { formula: string; row: number; col: number }>,
  row: number,
  col: number,
): string | undefined {
  if (tags.attr('t') !== 'shared') return undefined;
  const si = tags.attr('si');
  const master = si === undefined ? undefined : shared.get(si);
  return master ? shiftFormula(master.formula, row - master.row, col - master.col) : undefined;
}

// ---------------------------------------------------------------- the workbook

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
/** The relationship types read, each one string made once (a template literal per comparison
 * made a new string, flattened to be compared, for every file). */
const REL_OFFICE_DOCUMENT = `${REL}officeDocument`;
const REL_SHARED_STRINGS = `${REL}sharedStrings`;
const REL_STYLES = `${REL}styles`;
const REL_CHARTSHEET = `${REL}chartsheet`;
const REL_WORKSHEET = `${REL}worksheet`;

/** The workbook part: its date system and sheets, or the error its tags gave. */
interface BookPart {
  readonly date1904: boolean;
  readonly sheets: ReadonlyArray<{ readonly name: string; readonly rel: string | undefined }>;
  /** The error reading the tags after the root gave: thrown after the relationships are read. */
  readonly damage?: Error;
}

function parseBook(xml: string, book: string): BookPart {
  checkRoot(xml, book, 'workbook');
  let date1904 = false;
  const sheets: Array<{ name: string; rel: string | undefined }> = [];
  try {
    for (let t = nextTag(xml, 0, book); t; t = nextTag(xml, t.end, book)) {
      if (foreign(t.name)) continue;
      if (t.name === 'workbookPr') {
        const d = attrsOf(xml, t).get('date1904');
        date1904 = d === '1' || d === 'true';
      } else if (t.name === 'sheet') {
        const a = attrsOf(xml, t);
        let rel: string | undefined;
        for (const [k, val] of a) if (k.endsWith(':id')) rel = val;
        sheets.push({ name: a.get('name') ?? '', rel });
      }
    }
  } catch (e) {
    return { date1904, sheets, damage: e as Error };
  }
  return { date1904, sheets };
}

/**
 * Reads a workbook's sheets. Throws `ZipError` when the workbook itself cannot be read (its
 * directory, workbook part, shared strings or styles are damaged or too large) and
 * `XlsxFallback` when it uses something this reader does not support.
 */
export function readXlsx(buf: Buffer, limits?: Partial<ZipLimits>): SheetRead[] {
  const zip = openZip(buf, limits);
  const book = bookPath(zip);
  const wb = zip.readParsed(
    book,
    bookMemo,
    (data) => parseBook(textOf(data, book), book),
    (b) => !b.damage,
  );
  const rels = readRels(zip, book);
  if (wb.damage) throw wb.damage;
  const ctx = sheetContext(zip, rels, wb.date1904);
  const { sheets } = wb;
  const out: SheetRead[] = [];
  for (let i = 0; i < sheets.length; i++)
    out.push(readSheetOf(zip, book, rels, ctx, sheets[i].name, sheets[i].rel));
  return out;
}

const USUAL_BOOK = 'xl/workbook.xml';

/** The workbook part's path, from the package's relationships (none read for the usual place). */
function bookPath(zip: ZipArchive): string {
  // the usual place needs no look-up (strict OOXML is still caught by the workbook's namespace)
  if (zip.has(USUAL_BOOK)) return USUAL_BOOK;
  let book: string | undefined;
  for (const r of readRels(zip, '').values()) {
    if (r.type === REL_OFFICE_DOCUMENT) book = r.target;
    else if (r.type.includes('purl.oclc.org') && r.type.endsWith('/officeDocument'))
      throw new XlsxFallback('strict OOXML');
  }
  if (!book) throw new XlsxFallback('no workbook part');
  if (!book.endsWith('.xml')) throw new XlsxFallback(`workbook part ${book}`);
  if (!zip.has(book)) throw new ZipError('damaged', book, 'missing part');
  return book;
}

/** The shared strings part ('' when none) and the styles part a workbook's relationships name. */
interface BookParts {
  readonly stringsPart: string;
  readonly stylesPart: string | undefined;
}

/**
 * BookParts by the workbook's relationships: files made from one template share one map of them
 * (relsMemo), whose parts are then found once, not in a loop over the map for every file.
 */
const bookParts = new WeakMap<ReadonlyMap<string, Relationship>, BookParts>();

function partsNamed(rels: ReadonlyMap<string, Relationship>): BookParts {
  let stringsPart = '';
  let stylesPart: string | undefined;
  for (const r of rels.values()) {
    if (r.type === REL_SHARED_STRINGS) stringsPart = r.target;
    else if (r.type === REL_STYLES) stylesPart = r.target;
  }
  return { stringsPart, stylesPart };
}

/** What every sheet of a workbook reads: its shared strings, styles and date system. */
function sheetContext(
  zip: ZipArchive,
  rels: ReadonlyMap<string, Relationship>,
  date1904: boolean,
): SheetContext {
  let parts = bookParts.get(rels);
  if (!parts) bookParts.set(rels, (parts = partsNamed(rels)));
  const { stringsPart, stylesPart } = parts;
  const strings = stringsPart && zip.has(stringsPart) ? readSharedStrings(zip, stringsPart) : undefined;
  return {
    strings,
    stringsPart: stringsPart || 'xl/sharedStrings.xml',
    styles: readStyles(zip, stylesPart),
    date1904,
  };
}

/** One sheet of the workbook: its grid, or the damage that keeps it from being read. */
function readSheetOf(
  zip: ZipArchive,
  book: string,
  rels: ReadonlyMap<string, Relationship>,
  ctx: SheetContext,
  name: string,
  rel: string | undefined,
): SheetRead {
  const r = rel === undefined ? undefined : rels.get(rel);
  const part = r?.target ?? `${dirOf(book)}(sheet ${name})`;
  try {
    if (!r) throw new ZipError('damaged', part, 'no relationship');
    if (r.type === REL_CHARTSHEET) return { name, grid: new Grid({ name, cells: [] }) };
    if (r.type !== REL_WORKSHEET) throw new XlsxFallback(`sheet type ${r.type}`);
    return { name, grid: readSheet(name, zip.read(part), part, ctx) };
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    if (e.kind === 'unsupported') throw new XlsxFallback(e.message);
    return { name, damage: e.detail ? `${e.message} (${e.detail})` : e.message };
  }
}
