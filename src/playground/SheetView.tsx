import * as React from 'react';
import { colName } from '../engine/grid';
import { FakeCell, FakeSheet, FakeWorkbook } from '../excel/fake';
import { postPaneEvent } from '../taskpane/events';

/** What a cell shows: numbers through their format (percent, thousands, decimals). */
export function shownText(cell: FakeCell | undefined): string {
  if (!cell) return '';
  if (cell.error) return cell.error;
  const v = cell.value;
  if (v === null) return cell.formula ? '' : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  const f = cell.format;
  const decimals = /\.(0+)/.exec(f)?.[1].length ?? (/0/.test(f) ? 0 : undefined);
  if (f.includes('%')) return `${(v * 100).toFixed(decimals ?? 2)}%`;
  if (decimals === undefined) return String(Math.round(v * 1e10) / 1e10);
  const fixed = v.toFixed(decimals);
  if (!f.includes(',')) return fixed;
  const [whole, frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(?:\d{3})+$)/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function extent(sheet: FakeSheet): { rows: number; cols: number } {
  let rows = 1;
  let cols = 1;
  for (const ref of sheet.cells.keys()) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) continue;
    let c = 0;
    for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
    rows = Math.max(rows, Number(m[2]));
    cols = Math.max(cols, c);
  }
  return { rows: rows + 2, cols: Math.min(cols + 1, 30) };
}

/** The active sheet of the in-memory workbook, drawn as Excel would: fills, merges, notes, selection. */
export function SheetView({ book }: { book: FakeWorkbook }) {
  const [, redraw] = React.useReducer((n: number) => n + 1, 0);
  React.useEffect(() => book.onChange(redraw), [book]);
  const sheet = book.active;
  const { rows, cols } = extent(sheet);
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of sheet.merges) {
    const [a, b] = m.split(':');
    if (!b) continue;
    const pa = /^([A-Z]+)(\d+)$/.exec(a)!;
    const pb = /^([A-Z]+)(\d+)$/.exec(b)!;
    const num = (l: string) => [...l].reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0);
    const top = Number(pa[2]);
    const left = num(pa[1]);
    const bottom = Number(pb[2]);
    const right = num(pb[1]);
    spans.set(a, { rowSpan: bottom - top + 1, colSpan: right - left + 1 });
    for (let r = top; r <= bottom; r++)
      for (let c = left; c <= right; c++) if (r !== top || c !== left) covered.add(`${colName(c)}${r}`);
  }
  const selected = book.selection?.sheetId === sheet.id ? book.selection.address : undefined;
  const selectedCells = new Set<string>();
  if (selected) {
    const [a, b = a] = selected.split(':');
    const pa = /^([A-Z]+)(\d+)$/.exec(a)!;
    const pb = /^([A-Z]+)(\d+)$/.exec(b)!;
    const num = (l: string) => [...l].reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0);
    for (let r = Number(pa[2]); r <= Number(pb[2]); r++)
      for (let c = num(pa[1]); c <= num(pb[1]); c++) selectedCells.add(`${colName(c)}${r}`);
  }
  return (
    <div className="sheet">
      <div className="tabs" role="tablist" aria-label="工作表">
        {book.sheets.map((s) => (
          <button
            key={s.id}
            role="tab"
            aria-selected={s.id === sheet.id}
            className={s.id === sheet.id ? 'tab active' : 'tab'}
            onClick={() => {
              book.activeId = s.id;
              book.changed();
              postPaneEvent({ kind: 'activated' });
            }}
          >
            {s.name}
          </button>
        ))}
      </div>
      <div className="grid-scroll">
        <table className="grid" aria-label={sheet.name}>
          <thead>
            <tr>
              <th />
              {Array.from({ length: cols }, (_, i) => (
                <th key={i} style={{ width: sheet.columnWidths.get(i + 1) ?? 70 }}>
                  {colName(i + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th>{r + 1}</th>
                {Array.from({ length: cols }, (_, c) => {
                  const ref = `${colName(c + 1)}${r + 1}`;
                  if (covered.has(ref)) return null;
                  const cell = sheet.cells.get(ref);
                  const note = sheet.notes.get(ref);
                  const span = spans.get(ref);
                  return (
                    <td
                      key={ref}
                      data-cell={ref}
                      title={note}
                      rowSpan={span?.rowSpan}
                      colSpan={span?.colSpan}
                      className={
                        [note ? 'has-note' : '', selectedCells.has(ref) ? 'selected' : ''].join(' ').trim() ||
                        undefined
                      }
                      style={{
                        background: cell && cell.fill.pattern !== 'None' ? cell.fill.color : undefined,
                        fontWeight: cell?.bold ? 600 : undefined,
                      }}
                    >
                      {shownText(cell)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
