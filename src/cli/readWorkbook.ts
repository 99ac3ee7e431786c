import { readFileSync, statSync } from 'fs';
import * as XLSX from '@e965/xlsx';
import { Area, Cell, CellValue, Grid } from '../engine/grid';

/** Excel's error values by the codes SheetJS gives them. */
const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/** A workbook that cannot be read, with a reason a person can act on. */
export class UnreadableError extends Error {}

const DATE_FORMAT = /(^|[^"\\])[ymdhs]/i;

function toCell(c: XLSX.CellObject): Cell | undefined {
  let value: CellValue;
  switch (c.t) {
    case 'n':
      value = c.v as number;
      break;
    case 's':
      value = String(c.v ?? '');
      break;
    case 'b':
      value = !!c.v;
      break;
    case 'e':
      value = { error: c.w && c.w.startsWith('#') ? c.w : (ERRORS[c.v as number] ?? '#VALUE!') };
      break;
    case 'd':
      value = String(c.w ?? c.v);
      break;
    default:
      if (!c.f) return undefined;
      value = null;
  }
  const format = typeof c.z === 'string' ? c.z : undefined;
  const cell: { value: CellValue; formula?: string; format?: string; text?: string } = { value };
  if (c.f) cell.formula = c.f;
  if (format && format !== 'General') {
    cell.format = format;
    // dates show as dates, not serial numbers
    if (
      typeof value === 'number' &&
      DATE_FORMAT.test(format.replace(/\[[^\]]*\]/g, '')) &&
      !format.includes('%')
    ) {
      try {
        cell.text = XLSX.SSF.format(format, value);
      } catch {
        /* an odd format: the number itself will do */
      }
    }
  }
  return cell;
}

/** Every sheet of a workbook as a Grid. */
export function gridsOf(wb: XLSX.WorkBook): Grid[] {
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    const data = (ws['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
    const cells: Array<Array<Cell | undefined> | undefined> = [];
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      const out: Array<Cell | undefined> = [];
      for (let c = 0; c < row.length; c++) {
        const x = row[c];
        if (x) out[c + 1] = toCell(x);
      }
      cells[r + 1] = out;
    }
    const merges: Area[] = (ws['!merges'] ?? []).map((m) => ({
      top: m.s.r + 1,
      left: m.s.c + 1,
      bottom: m.e.r + 1,
      right: m.e.c + 1,
    }));
    return new Grid({ name, cells, merges });
  });
}

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
