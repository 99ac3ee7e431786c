import ExcelJS from 'exceljs';
import { colName, colNumber, parseA1 } from '../engine/grid';
import { Template, TEMPLATE_LOOKS, TemplateLook } from '../engine/templates';
import { AtomicWriteOptions, writeFileAtomic } from './atomicWrite';

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A template look as an exceljs style. */
export function excelStyle(look: TemplateLook): Partial<ExcelJS.Style> {
  return {
    ...(look.bold || look.size
      ? { font: { ...(look.bold ? { bold: true } : {}), ...(look.size ? { size: look.size } : {}) } }
      : {}),
    ...(look.fill
      ? {
          fill: {
            type: 'pattern',
            pattern: 'solid',
            fgColor: { argb: `FF${look.fill.slice(1)}` },
          } as ExcelJS.Fill,
        }
      : {}),
    alignment: {
      vertical: look.top ? 'top' : 'middle',
      ...(look.center ? { horizontal: 'center' } : {}),
      ...(look.wrap ? { wrapText: true } : {}),
    },
    ...(look.border ? { border: thin } : {}),
  };
}

/** Cells of a range, each with its offset from the range's first cell. */
function cellsOf(range: string): Array<{ ref: string; dr: number; dc: number }> {
  const [a, b = a] = range.split(':');
  const s = parseA1(a);
  const e = parseA1(b);
  const out = [];
  for (let r = s.row; r <= e.row; r++) {
    for (let c = s.col; c <= e.col; c++) out.push({ ref: `${colName(c)}${r}`, dr: r - s.row, dc: c - s.col });
  }
  return out;
}

/** A relative reference such as `D14`, moved by the offset of a cell in the range. */
function shift(formula: string, dr: number, dc: number): string {
  return formula.replace(
    /\b([A-Z]{1,3})(\d+)\b/g,
    (_, col: string, row: string) => `${colName(colNumber(col) + dc)}${Number(row) + dr}`,
  );
}

export function addTemplateSheet(wb: ExcelJS.Workbook, t: Template, name = t.sheetName): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: t.print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: t.print.titleRows,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'normal', showGridLines: false }],
  });
  t.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const [row, h] of Object.entries(t.rowHeights)) ws.getRow(Number(row)).height = h;
  for (const c of t.cells) {
    const cell = ws.getCell(c.ref);
    if (c.formula) cell.value = { formula: c.formula } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined) cell.value = c.value;
    cell.style = { ...excelStyle(TEMPLATE_LOOKS[c.style]), ...(c.format ? { numFmt: c.format } : {}) };
  }
  for (const m of t.merges) ws.mergeCells(m);
  for (const v of t.validations) {
    for (const { ref, dr, dc } of cellsOf(v.range)) {
      ws.getCell(ref).dataValidation =
        v.kind === 'list'
          ? {
              type: 'list',
              allowBlank: true,
              formulae: [`"${v.values.join(',')}"`],
              showErrorMessage: true,
              error: v.message,
              errorTitle: '输入有误',
            }
          : {
              type: 'decimal',
              operator: v.max === undefined ? 'greaterThanOrEqual' : 'between',
              allowBlank: true,
              formulae: v.max === undefined ? [v.min] : [shift(v.min, dr, dc), shift(v.max, dr, dc)],
              showErrorMessage: true,
              error: v.message,
              errorTitle: '输入有误',
            };
    }
  }
  return ws;
}

/**
 * A new workbook holding one blank template, written atomically: a failed write leaves the file
 * that had the name untouched (atomicWrite.ts).
 */
export async function writeTemplateFile(
  path: string,
  t: Template,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Ziping';
  wb.calcProperties.fullCalcOnLoad = true;
  addTemplateSheet(wb, t);
  const bytes = await wb.xlsx.writeBuffer();
  writeFileAtomic(path, new Uint8Array(bytes as ArrayBuffer), options);
}
