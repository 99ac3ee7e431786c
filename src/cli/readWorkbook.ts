import { readFileSync } from 'fs';
import type * as XLSXType from '@e965/xlsx';
import { Grid } from '../engine/grid';
import type { UnreadableSheet } from '../engine/report';
import { readXlsx, XlsxFallback } from '../io/xlsx';
import { damaged, notAWorkbook, workbookKind } from '../io/signature';
import { ZipError } from '../io/zip';

/** SheetJS workbooks to Grids (loads SheetJS: only the fallback and the playground need it). */
export function gridsOf(wb: XLSXType.WorkBook): Grid[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../io/sheetjs') as typeof import('../io/sheetjs')).gridsOf(wb);
}

/** A workbook that cannot be read, with a reason a person can act on. */
export class UnreadableError extends Error {}

/**
 * Reads an .xlsx (or .xls) file; throws UnreadableError with a plain reason. Sheets that are
 * damaged are left out (`readWorkbookSheets` names them); when none can be read, it throws.
 */
export function readWorkbookFile(path: string, lang: 'zh' | 'en' = 'zh'): Grid[] {
  const sheets = readWorkbookSheets(path, lang);
  const grids = sheets.filter((s): s is Grid => s instanceof Grid);
  if (grids.length === 0) {
    const why = sheets.map((s) => (s instanceof Grid ? '' : s.unreadable)).join('; ');
    throw new UnreadableError(lang === 'zh' ? `${path} 已损坏（${why}）` : `${path} is damaged (${why})`);
  }
  return grids;
}

/**
 * Reads every sheet of an .xlsx / .xlsm (or .xls) file: a Grid for each sheet that could be
 * read, and `{ name, unreadable }` with the reason (`damaged: xl/worksheets/sheet2.xml (CRC-32)`)
 * for each that could not. .xlsx and .xlsm go through the fast reader (src/io/xlsx); .xls and
 * whatever the fast reader does not support go through SheetJS. Throws UnreadableError when the
 * file as a whole cannot be read.
 */
export function readWorkbookSheets(
  path: string,
  lang: 'zh' | 'en' = 'zh',
  /** The file's content, already read: `path` then only names it. */
  bytes?: Uint8Array,
): Array<Grid | UnreadableSheet> {
  const say = (zh: string, en: string) => new UnreadableError(lang === 'zh' ? zh : en);
  let buf: Buffer;
  try {
    // a folder is told by the read itself (EISDIR): no look-up of its own per file
    buf = bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) : readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw say(`${path} 是文件夹，不是文件`, `${path} is a folder, not a file`);
    if (code === 'ENOENT') throw say(`文件不存在：${path}`, `no such file: ${path}`);
    if (code === 'EACCES') throw say(`没有读取权限：${path}`, `permission denied: ${path}`);
    throw say(
      `无法打开 ${path}（${code ?? '未知错误'}）`,
      `cannot open ${path} (${code ?? 'unknown error'})`,
    );
  }
  const kind = workbookKind(buf);
  if (!kind) {
    const r = notAWorkbook(path);
    throw say(r.zh, r.en);
  }
  if (kind === 'zip') {
    try {
      const sheets = readXlsx(buf);
      if (sheets.length === 0) throw say(`${path} 中没有工作表`, `${path} has no worksheets`);
      return sheets.map((s) => s.grid ?? { name: s.name, unreadable: s.damage ?? 'damaged' });
    } catch (e) {
      if (e instanceof UnreadableError) throw e;
      if (e instanceof ZipError) {
        if (e.kind === 'unsupported' && /encrypt/.test(e.part))
          throw say(`${path} 设有打开密码，请先取消密码`, `${path} is password-protected`);
        const why = e.detail ? `${e.message} (${e.detail})` : e.message;
        const r = damaged(path, why);
        throw say(r.zh, r.en);
      }
      if (!(e instanceof XlsxFallback)) throw e;
      // not supported by the fast reader: SheetJS reads it below
    }
  }
  return readWithSheetJS(buf, path, say);
}

function readWithSheetJS(
  buf: Buffer,
  path: string,
  say: (zh: string, en: string) => UnreadableError,
): Grid[] {
  // loaded here: only the fallback and .xls need SheetJS
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sheetjs = require('../io/sheetjs') as typeof import('../io/sheetjs');
  return sheetjs.gridsOf(sheetjs.readBySheetJS(buf, path, say, { type: 'buffer' }));
}
