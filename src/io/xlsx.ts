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
import { openZip, ZipArchive, ZipError, ZipLimits } from './zip';

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
  if (!isDateFormat(format)) return undefined;
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

function relsPath(part: string): string {
  return `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;
}

function readRels(zip: ZipArchive, part: string): Map<string, Relationship> {
  const path = relsPath(part);
  const rels = new Map<string, Relationship>();
  if (!zip.has(path)) return rels;
  const xml = zip.readText(path);
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
  const xml = zip.readText(path);
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

interface Styles {
  /** Number format of each cell style (xf) index. */
  readonly formats: ReadonlyArray<string | undefined>;
}

function readStyles(zip: ZipArchive, path: string | undefined): Styles {
  if (!path || !zip.has(path)) return { formats: [] };
  const xml = zip.readText(path);
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
  return { formats };
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

/**
 * `Tags` over a part's UTF-8 bytes: the sheet is never turned into one big string, so its text
 * is not kept alive by the values cut from it, and each value is decoded on its own.
 */
class ByteTags implements Cursor {
  pos = 0;
  nameStart = 0;
  nameEnd = 0;
  end = 0;
  empty = false;
  closing = false;
  private readonly buf: DecodingBuffer;
  private readonly closers = new Map<string, Buffer>();

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
      const lt = buf.indexOf(0x3c, this.pos);
      if (lt < 0) return false;
      const c = buf[lt + 1];
      if (c === 0x3f /* ? */) {
        const e = buf.indexOf('?>', lt + 2, 'latin1');
        if (e < 0) throw new ZipError('damaged', this.part, 'unterminated processing instruction');
        this.pos = e + 2;
        continue;
      }
      if (c === 0x21 /* ! */) {
        if (buf[lt + 2] === 0x2d && buf[lt + 3] === 0x2d) {
          const e = buf.indexOf('-->', lt + 4, 'latin1');
          if (e < 0) throw new ZipError('damaged', this.part, 'unterminated comment');
          this.pos = e + 3;
          continue;
        }
        if (buf[lt + 2] === 0x5b /* [ */) throw new XlsxFallback('CDATA');
        const e = buf.indexOf(0x3e, lt + 2);
        if (e < 0) throw new ZipError('damaged', this.part, 'unterminated declaration');
        this.pos = e + 1;
        continue;
      }
      this.closing = c === 0x2f;
      let j = lt + (this.closing ? 2 : 1);
      this.nameStart = j;
      while (j < len && isNameChar(buf[j])) j++;
      this.nameEnd = j;
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

  is(name: string): boolean {
    if (this.nameEnd - this.nameStart !== name.length) return false;
    for (let i = 0; i < name.length; i++)
      if (this.buf[this.nameStart + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  /**
   * A cell tag's `r`, `t` and `s` in one pass over its attributes: what `attr('r')`, `attr('t')`
   * and `attr('s')` return, as `[start, end)` of each raw value in `cellAttrs` (-1 when absent);
   * a value holding `&` is left to `attr`, which unescapes it.
   */
  readCellAttrs(): void {
    const buf = this.buf;
    const at = this.cellAttrs;
    at.fill(-1);
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
      if (eq >= stop) return;
      let q = eq + 1;
      while (q < stop && buf[q] <= 0x20) q++;
      const quote = buf[q];
      if (quote !== 0x22 && quote !== 0x27) return;
      let close = q + 1;
      while (close < stop && buf[close] !== quote) close++;
      if (close >= stop) return;
      let nameEnd = eq;
      while (nameEnd > i && buf[nameEnd - 1] <= 0x20) nameEnd--;
      if (nameEnd - i === 1) {
        const slot =
          buf[i] === 0x72 /* r */ ? 0 : buf[i] === 0x74 /* t */ ? 2 : buf[i] === 0x73 /* s */ ? 4 : -1;
        if (slot >= 0 && at[slot] < 0) {
          at[slot] = q + 1;
          at[slot + 1] = close;
        }
      }
      i = close + 1;
    }
  }

  /** r, t and s of the last `readCellAttrs`: start and end of each value, -1 when absent. */
  readonly cellAttrs = new Int32Array(6);

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

  /** An A1 reference in bytes [start, end): [row, col] as `parseRef` reads it; undefined when it would not. */
  refAt(start: number, end: number): [number, number] | undefined {
    const buf = this.buf;
    let i = start;
    let col = 0;
    for (; i < end; i++) {
      const c = buf[i] - 64;
      if (c < 1 || c > 26) break;
      col = col * 26 + c;
      if (col > MAX_COLS) return undefined;
    }
    if (i === start || i === end) return undefined;
    let row = 0;
    for (; i < end; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) return undefined;
      row = row * 10 + d;
      if (row > MAX_ROWS) return undefined;
    }
    if (row < 1) return undefined;
    return [row, col];
  }

  attr(name: string): string | undefined {
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
      if (eq >= stop) return undefined;
      let q = eq + 1;
      while (q < stop && buf[q] <= 0x20) q++;
      const quote = buf[q];
      if (quote !== 0x22 && quote !== 0x27) return undefined;
      let close = q + 1;
      while (close < stop && buf[close] !== quote) close++;
      if (close >= stop) return undefined;
      let nameEnd = eq;
      while (nameEnd > i && buf[nameEnd - 1] <= 0x20) nameEnd--;
      if (nameEnd - i === name.length) {
        let same = true;
        for (let k = 0; k < name.length && same; k++) same = buf[i + k] === name.charCodeAt(k);
        if (same) {
          const v = buf.utf8Slice(q + 1, close);
          return v.includes('&') ? unescapeXml(v) : v;
        }
      }
      i = close + 1;
    }
    return undefined;
  }

  text(name: string): string {
    // the usual case: the next tag is the end tag `</name>` (one scan, no string search)
    const buf = this.buf;
    const next = buf.indexOf(0x3c, this.pos);
    const end = next + 2 + name.length;
    if (next >= 0 && buf[next + 1] === 0x2f && buf[end] === 0x3e && end < buf.length) {
      let same = true;
      for (let k = 0; k < name.length && same; k++) same = buf[next + 2 + k] === name.charCodeAt(k);
      if (same) {
        const raw = buf.utf8Slice(this.pos, next);
        this.pos = end + 1;
        return raw;
      }
    }
    let closer = this.closers.get(name);
    if (!closer) this.closers.set(name, (closer = Buffer.from(`</${name}>`, 'latin1')));
    const e = this.buf.indexOf(closer, this.pos);
    if (e < 0) throw new ZipError('damaged', this.part, `missing </${name}>`);
    const lt = this.buf.indexOf(0x3c, this.pos);
    if (lt !== e) {
      if (this.buf[lt + 1] === 0x21) throw new XlsxFallback('CDATA');
      throw new XlsxFallback(`markup inside <${name}>`);
    }
    const raw = this.buf.utf8Slice(this.pos, e);
    this.pos = e + closer.length;
    return raw;
  }
}

/** The root element and namespace checks of `checkRoot`, on a part's bytes. */
function checkRootBytes(buf: Buffer, part: string, expect: string): void {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))
    throw new XlsxFallback(`UTF-16 text in ${part}`);
  for (const ns of MAIN_NS) {
    const needle = Buffer.from(ns, 'latin1');
    for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + needle.length)) {
      const back = buf.toString('latin1', Math.max(0, i - 80), i);
      const at = back.lastIndexOf('xmlns');
      if (
        at >= 0 &&
        back.charCodeAt(at + 5) === 0x3a &&
        /^xmlns:[\w.-]+\s*=\s*["'](https?:\/\/)?$/.test(back.slice(at))
      )
        throw new XlsxFallback(`namespace prefix in ${part}`);
    }
  }
  // the root element's start tag, within the part's first 64 KiB
  const head = buf.toString('latin1', 0, Math.min(buf.length, 65536));
  const root = (() => {
    try {
      return nextTag(head, 0, part);
    } catch (e) {
      if (buf.length > 65536) throw new XlsxFallback('root element beyond 64 KiB');
      throw e;
    }
  })();
  checkRootTag(head, root, part, expect);
}

function readSheet(name: string, data: Buffer, part: string, ctx: SheetContext): Grid {
  checkRootBytes(data, part, 'worksheet');
  const rows: Array<Array<Cell | undefined> | undefined> = [];
  const merges: Area[] = [];
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const bad = (detail: string) => new ZipError('damaged', part, detail);
  const formats = ctx.styles.formats;
  const tags = new ByteTags(data, part);
  // the same text in many cells (labels repeated form after form) is held once
  const seen = new Map<string, string>();
  const intern = (text: string): string => {
    if (text.length > 200) return text;
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
  let rowNum = 0;
  let colNum = 0;
  /** The plain cell of each shared string, by its index. */
  const plainCells: Cell[] = [];

  let more = tags.next();
  while (more) {
    if (tags.closing || !tags.is('c')) {
      if (!tags.closing && tags.is('row')) {
        const r = tags.attr('r');
        if (r !== undefined) {
          const n = Number(r);
          if (!Number.isInteger(n) || n < 1 || n > MAX_ROWS) throw bad(`row number ${r.slice(0, 20)}`);
          rowNum = n;
        } else rowNum++;
        colNum = 0;
      } else if (!tags.closing && tags.is('mergeCell')) {
        const ref = tags.attr('ref') ?? '';
        const [a, b = a] = ref.split(':');
        const s = parseRef(a);
        const e = parseRef(b);
        if (!s || !e) throw bad(`merged area ${ref.slice(0, 30)}`);
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
    const at = tags.cellAttrs;
    const type = at[2] < 0 ? undefined : (cellType(tags, at[2], at[3]) ?? tags.attr('t'));
    let styleIndex: number | undefined;
    if (at[4] >= 0) {
      const n = tags.digitsAt(at[4], at[5]);
      styleIndex = n >= 0 ? n : parseInt(tags.attr('s') as string, 10);
    }
    let row = rowNum;
    let col = colNum + 1;
    if (at[0] >= 0) {
      let p = tags.refAt(at[0], at[1]);
      if (!p) {
        const ref = tags.attr('r') as string;
        p = parseRef(ref);
        if (!p) throw bad(`cell reference ${ref.slice(0, 30)}`);
      }
      row = p[0];
      col = p[1];
    }
    if (row < 1) throw bad('cell outside a row');
    colNum = col;
    let v: string | undefined;
    let formula: string | undefined;
    let inline: string | undefined;
    if (!tags.empty) {
      let inInline = false;
      let runs: string[] | undefined;
      let phonetic = 0;
      for (;;) {
        if (!tags.next()) throw bad('unterminated cell');
        if (tags.closing) {
          if (tags.is('c')) break;
          if (tags.is('is')) inInline = false;
          else if (tags.is('rPh')) phonetic = Math.max(0, phonetic - 1);
          continue;
        }
        if (tags.empty) {
          if (tags.is('f') && formula === undefined) formula = sharedFollower(tags, shared, row, col);
          continue;
        }
        if (tags.is('v') && !inInline) {
          const raw = tags.text('v');
          if (v === undefined) v = raw;
        } else if (tags.is('f')) {
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
        } else if (tags.is('is')) inInline = true;
        else if (tags.is('rPh')) phonetic++;
        else if (tags.is('t') && inInline) {
          const raw = tags.text('t');
          if (phonetic === 0) (runs ??= []).push(raw);
        }
      }
      if (type === 'inlineStr') inline = runs ? intern(unescapeXml(runs.join(''), true)) : '';
    }
    more = tags.next();

    // ---- the value, as SheetJS reads it
    if (v === '') v = undefined;
    // a number cell without a value is left out, formula or not (as SheetJS does: its value
    // would be 0, and `0 == ""` drops it)
    if (type === undefined && v === undefined) continue;
    let value: CellValue;
    switch (type ?? 'n') {
      case 'n': {
        if (v === undefined) continue;
        value = parseFloat(v.includes('&') ? unescapeXml(v) : v);
        break;
      }
      case 's': {
        if (v === undefined) continue;
        const i = parseInt(v, 10);
        const s = ctx.strings?.[i];
        if (s === undefined) throw bad(`shared string ${v.slice(0, 12)} is missing from ${ctx.stringsPart}`);
        value = s;
        break;
      }
      case 'str':
        value = v === undefined ? '' : intern(unescapeXml(v, true));
        break;
      case 'inlineStr':
        value = inline ?? '';
        break;
      case 'b': {
        const b = v === undefined ? undefined : unescapeXml(v);
        value = b === '1' || b === 'true';
        break;
      }
      case 'e': {
        const e = v === undefined ? '' : unescapeXml(v);
        value = { error: ERROR_VALUES.has(e) ? e : '#VALUE!' };
        break;
      }
      case 'd':
        throw new XlsxFallback('ISO date cells');
      default:
        throw bad(`cell type ${type?.slice(0, 12)}`);
    }
    const format = styleIndex === undefined ? undefined : formats[styleIndex];
    let cell: Cell;
    if (format && format !== 'General') {
      const text = typeof value === 'number' ? dateText(format, value, ctx.date1904) : undefined;
      cell =
        formula !== undefined && formula !== ''
          ? text !== undefined
            ? { value, formula, format, text }
            : { value, formula, format }
          : text !== undefined
            ? { value, format, text }
            : { value, format };
    } else if (formula !== undefined && formula !== '') cell = { value, formula };
    else if (type === 's') {
      // a shared string's plain cell is one object however many cells show it (cells are
      // never changed: Grid.withValues makes new ones)
      const i = parseInt(v as string, 10);
      cell = plainCells[i] ??= { value };
    } else cell = { value };
    (rows[row] ??= [])[col] = cell;
  }
  return new Grid({ name, cells: rows, merges });
}

/** The cell types, as constants: a cell's `t` is read without making a string. */
const CELL_TYPES = ['s', 'n', 'str', 'b', 'e', 'inlineStr', 'd'];

function cellType(tags: ByteTags, start: number, end: number): string | undefined {
  for (const t of CELL_TYPES) if (tags.bytesAre(start, end, t)) return t;
  return undefined;
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

/**
 * Reads a workbook's sheets. Throws `ZipError` when the workbook itself cannot be read (its
 * directory, workbook part, shared strings or styles are damaged or too large) and
 * `XlsxFallback` when it uses something this reader does not support.
 */
export function readXlsx(buf: Buffer, limits: Partial<ZipLimits> = {}): SheetRead[] {
  const zip = openZip(buf, limits);
  // the usual place needs no look-up (strict OOXML is still caught by the workbook's namespace)
  const root = zip.has('xl/workbook.xml') ? new Map<string, Relationship>() : readRels(zip, '');
  let book: string | undefined;
  for (const r of root.values()) {
    if (r.type === `${REL}officeDocument`) book = r.target;
    else if (r.type.includes('purl.oclc.org') && r.type.endsWith('/officeDocument'))
      throw new XlsxFallback('strict OOXML');
  }
  if (!book) {
    if (!zip.has('xl/workbook.xml')) throw new XlsxFallback('no workbook part');
    book = 'xl/workbook.xml';
  }
  if (!book.endsWith('.xml')) throw new XlsxFallback(`workbook part ${book}`);
  if (!zip.has(book)) throw new ZipError('damaged', book, 'missing part');
  const xml = zip.readText(book);
  checkRoot(xml, book, 'workbook');
  const rels = readRels(zip, book);
  let date1904 = false;
  const sheets: Array<{ name: string; rel: string | undefined }> = [];
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
  let stringsPart = '';
  let stylesPart: string | undefined;
  for (const r of rels.values()) {
    if (r.type === `${REL}sharedStrings`) stringsPart = r.target;
    else if (r.type === `${REL}styles`) stylesPart = r.target;
  }
  const strings = stringsPart && zip.has(stringsPart) ? readSharedStrings(zip, stringsPart) : undefined;
  const ctx: SheetContext = {
    strings,
    stringsPart: stringsPart || 'xl/sharedStrings.xml',
    styles: readStyles(zip, stylesPart),
    date1904,
  };
  return sheets.map(({ name, rel }): SheetRead => {
    const r = rel === undefined ? undefined : rels.get(rel);
    const part = r?.target ?? `${dirOf(book)}(sheet ${name})`;
    try {
      if (!r) throw new ZipError('damaged', part, 'no relationship');
      if (r.type === `${REL}chartsheet`) return { name, grid: new Grid({ name, cells: [] }) };
      if (r.type !== `${REL}worksheet`) throw new XlsxFallback(`sheet type ${r.type}`);
      return { name, grid: readSheet(name, zip.read(part), part, ctx) };
    } catch (e) {
      if (!(e instanceof ZipError)) throw e;
      if (e.kind === 'unsupported') throw new XlsxFallback(e.message);
      return { name, damage: e.detail ? `${e.message} (${e.detail})` : e.message };
    }
  });
}
