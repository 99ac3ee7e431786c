/** 插入空白模板: renders a family's blank template (data from the engine) into a new sheet. */
import { Family } from '../engine/layout/model';
import { TEMPLATE_LOOKS, uniqueSheetName } from '../engine/templates';
import { FAMILY } from '../engine/families';
import { colName } from '../engine/grid';
import type { Host } from './api';
import { assertHost, runOn, undoOptions } from './commands';
import { literal } from './write';

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];

/** 插入空白模板: a new sheet with a name that does not clash, written in one sync, then activated. */
export async function insertTemplate(host: Host, family: Family): Promise<string> {
  assertHost(host);
  const t = FAMILY[family].template();
  return runOn(
    host,
    async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      const name = uniqueSheetName(
        t.sheetName,
        sheets.items.map((s) => s.name),
      );
      const ws = sheets.add(name);
      t.columnWidths.forEach(
        (w, i) => (ws.getRange(`${colName(i + 1)}:${colName(i + 1)}`).format.columnWidth = w * 7),
      );
      for (const c of t.cells) {
        const r = ws.getRange(c.ref);
        if (c.formula) r.formulas = [[`=${c.formula}`]];
        else if (c.value !== undefined) r.values = [[literal(c.value)]];
        if (c.format) r.numberFormat = [[c.format]];
        const look = TEMPLATE_LOOKS[c.style];
        if (look.fill) r.format.fill.color = look.fill;
        if (look.bold) r.format.font.bold = true;
        if (look.size) r.format.font.size = look.size;
        if (look.wrap) r.format.wrapText = true;
        if (look.center) r.format.horizontalAlignment = 'Center';
        r.format.verticalAlignment = look.top ? 'Top' : 'Center';
        if (look.border) for (const e of EDGES) r.format.borders.getItem(e).style = 'Continuous';
      }
      for (const m of t.merges) ws.getRange(m).merge(false);
      for (const [row, h] of Object.entries(t.rowHeights)) ws.getRange(`A${row}`).format.rowHeight = h;
      for (const v of t.validations) {
        const dv = ws.getRange(v.range).dataValidation;
        dv.rule =
          v.kind === 'list'
            ? { list: { inCellDropDown: true, source: v.values.join(',') } }
            : v.max === undefined
              ? { decimal: { formula1: Number(v.min), operator: 'GreaterThanOrEqualTo' } }
              : {
                  decimal: {
                    formula1: Number(v.min),
                    formula2: /^\d+$/.test(v.max) ? Number(v.max) : `=${v.max}`,
                    operator: 'Between',
                  },
                };
        dv.errorAlert = { message: v.message, showAlert: true, title: '输入有误' };
      }
      if (ws.pageLayout && host.supports('ExcelApi', '1.9')) {
        ws.pageLayout.orientation = t.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
        ws.pageLayout.setPrintTitleRows(`$${t.print.titleRows.replace(':', ':$')}`);
      }
      ws.showGridlines = false;
      ws.activate();
      await context.sync();
      return name;
    },
    undoOptions(host),
  );
}
