/** SheetJS workbooks to Grids: used by the command line (Node) and the playground (browser). */
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

const DATE_FORMAT = /(^|[^"\\])[ymdhs]/i;

function toCell(c: XLSX.CellObject, date1904: boolean): Cell | undefined {
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
        cell.text = XLSX.SSF.format(format, value, { date1904 });
      } catch {
        /* an odd format: the number itself will do */
      }
    }
  }
  return cell;
}

/** Every sheet of a workbook as a Grid. */
/** What both readers ask SheetJS for: values, formulas and number formats, never HTML. */
export const READ_OPTIONS: XLSX.ParsingOptions = {
  dense: true,
  cellNF: true,
  cellFormula: true,
  cellText: false,
  cellHTML: false,
};

/**
 * A workbook as SheetJS reads it (`options` add the input's type, and what the caller needs
 * more), or the reason a person can act on, worded by `say` in her language: password-protected,
 * damaged, no worksheets. The command line's fallback and the playground give the same reasons.
 */
export function readBySheetJS(
  data: Uint8Array,
  name: string,
  say: (zh: string, en: string) => Error,
  options: XLSX.ParsingOptions,
): XLSX.WorkBook {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(data, { ...READ_OPTIONS, ...options });
  } catch (e) {
    const why = String((e as Error).message ?? e).split('\n')[0];
    if (/password|encrypt/i.test(why))
      throw say(`${name} 设有打开密码，请先取消密码`, `${name} is password-protected`);
    throw say(
      `${name} 已损坏或不是 Excel 工作簿（${why}）`,
      `${name} is damaged or not an Excel workbook (${why})`,
    );
  }
  if (!wb.SheetNames || wb.SheetNames.length === 0)
    throw say(`${name} 中没有工作表`, `${name} has no worksheets`);
  return wb;
}

export function gridsOf(wb: XLSX.WorkBook): Grid[] {
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
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
        if (x) out[c + 1] = toCell(x, date1904);
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
