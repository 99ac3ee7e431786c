import { readFileSync, statSync } from 'fs';
import * as XLSX from '@e965/xlsx';
import { Grid } from '../engine/grid';
import { gridsOf } from '../io/sheetjs';

export { gridsOf };

/** A workbook that cannot be read, with a reason a person can act on. */
export class UnreadableError extends Error {}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(buf: Buffer, sig: number[]): boolean {
  return sig.every((b, i) => buf[i] === b);
}

/** Reads an .xlsx (or .xls) file; throws UnreadableError with a plain reason. */
export function readWorkbookFile(path: string, lang: 'zh' | 'en' = 'zh'): Grid[] {
  const say = (zh: string, en: string) => new UnreadableError(lang === 'zh' ? zh : en);
  let buf: Buffer;
  try {
    if (statSync(path).isDirectory())
      throw say(`${path} 是文件夹，不是文件`, `${path} is a folder, not a file`);
    buf = readFileSync(path);
  } catch (e) {
    if (e instanceof UnreadableError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw say(`文件不存在：${path}`, `no such file: ${path}`);
    if (code === 'EACCES') throw say(`没有读取权限：${path}`, `permission denied: ${path}`);
    throw say(
      `无法打开 ${path}（${code ?? '未知错误'}）`,
      `cannot open ${path} (${code ?? 'unknown error'})`,
    );
  }
  if (!startsWith(buf, ZIP) && !startsWith(buf, CFB)) {
    throw say(
      `${path} 不是 Excel 工作簿（.xlsx 或 .xls）`,
      `${path} is not an Excel workbook (.xlsx or .xls)`,
    );
  }
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buf, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellFormula: true,
      cellText: false,
      cellHTML: false,
    });
  } catch (e) {
    const why = String((e as Error).message ?? e).split('\n')[0];
    if (/password|encrypt/i.test(why))
      throw say(`${path} 设有打开密码，请先取消密码`, `${path} is password-protected`);
    throw say(
      `${path} 已损坏或不是 Excel 工作簿（${why}）`,
      `${path} is damaged or not an Excel workbook (${why})`,
    );
  }
  if (!wb.SheetNames || wb.SheetNames.length === 0) {
    throw say(`${path} 中没有工作表`, `${path} has no worksheets`);
  }
  return gridsOf(wb);
}
