import * as React from 'react';
import { colName, parseA1 } from '../engine/grid';
import { cellsOf } from '../engine/plan';
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
    const { row, col } = parseA1(ref);
    rows = Math.max(rows, row);
    cols = Math.max(cols, col);
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
    const [anchor, ...rest] = cellsOf(m);
    const a = parseA1(anchor);
    const b = parseA1(rest.length ? rest[rest.length - 1] : anchor);
    spans.set(anchor, { rowSpan: b.row - a.row + 1, colSpan: b.col - a.col + 1 });
    for (const ref of rest) covered.add(ref);
  }
  const selected = book.selection?.sheetId === sheet.id ? book.selection.address : undefined;
  const selectedCells = new Set(selected ? cellsOf(selected) : []);
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
