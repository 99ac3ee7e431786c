import * as React from 'react';
import { colName, parseA1 } from '../engine/grid';
import { cellsOf } from '../engine/plan';
import { FakeCell, FakeSheet, FakeWorkbook } from '../excel/fake';

/** What a cell shows: numbers through their format (percent, thousands, decimals). */
export function shownText(cell: FakeCell | undefined): string {
  if (!cell) return '';
  if (cell.error) return cell.error;
  const v = cell.value;
  if (v === null) return '';
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

/** What the formula bar shows and an edit starts from: the formula, or the value as typed. */
function editText(cell: FakeCell | undefined): string {
  if (!cell) return '';
  if (cell.formula) return cell.formula;
  if (cell.error) return cell.error;
  if (cell.value === null) return '';
  if (typeof cell.value === 'number' && cell.format.includes('%'))
    return `${+(cell.value * 100).toFixed(10)}%`;
  return String(cell.value);
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

/** Excel's default column width, in pixels. */
export const DEFAULT_WIDTH = 72;
const ROW_HEADER = 44;
/** Every row's height, in pixels (the stylesheet gives rows exactly this). */
const ROW_HEIGHT = 21;
/** Rows drawn beyond the visible ones, above and below. */
const OVERSCAN = 15;

/**
 * The active sheet of the in-memory workbook, drawn as Excel would: column widths that do not
 * follow the content, fills under sticky row and column headers, merges, notes, the selection
 * scrolled into view (as `Range.select` does), and a cell edited by double-click, F2 or typing.
 */
export function SheetView({
  book,
  labels,
  onEdit,
}: {
  book: FakeWorkbook;
  labels: { sheets: string; nameBox: string };
  /** The clerk typed into a cell and pressed Enter. */
  onEdit: (ref: string, text: string) => void;
}) {
  const [, redraw] = React.useReducer((n: number) => n + 1, 0);
  React.useEffect(() => book.onChange(redraw), [book]);
  const [editing, setEditing] = React.useState<{ ref: string; text: string } | null>(null);
  const scroller = React.useRef<HTMLDivElement>(null);
  const sheet = book.active;
  const { rows, cols } = extent(sheet);
  const covered = new Map<string, string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  const mergeBoxes: Array<{ top: number; bottom: number }> = [];
  for (const m of sheet.merges) {
    const [anchor, ...rest] = cellsOf(m);
    const a = parseA1(anchor);
    const b = parseA1(rest.length ? rest[rest.length - 1] : anchor);
    spans.set(anchor, { rowSpan: b.row - a.row + 1, colSpan: b.col - a.col + 1 });
    mergeBoxes.push({ top: a.row, bottom: b.row });
    for (const ref of rest) covered.set(ref, anchor);
  }
  const selected = book.selection?.sheetId === sheet.id ? book.selection.address : undefined;
  const selectedCells = new Set(selected ? cellsOf(selected) : []);
  const anchor = selected ? selected.split(':')[0] : undefined;
  // the cell to bring into view: the selection's first cell with a box of its own (in a range
  // that starts in a tall merged cell, its row), else the merged cell that covers it
  const ownCell = [...selectedCells].find((ref) => !covered.has(ref));
  const shownAnchor = ownCell ?? (anchor ? (covered.get(anchor) ?? anchor) : undefined);

  const widths = Array.from({ length: cols }, (_, i) => sheet.columnWidths.get(i + 1) ?? DEFAULT_WIDTH);
  const tableWidth = ROW_HEADER + widths.reduce((a, b) => a + b, 0);

  // only the rows in view are drawn (a form may sit below row 10,000): every row is ROW_HEIGHT high
  const [view, setView] = React.useState({ top: 0, height: 800 });
  const measure = React.useCallback(() => {
    const el = scroller.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight });
  }, []);
  React.useLayoutEffect(() => {
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);
  let first = Math.max(1, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  // a merged cell that reaches into the window is drawn from its first row
  for (let moved = true; moved;) {
    moved = false;
    for (const m of mergeBoxes) {
      if (m.top < first && m.bottom >= first && m.top <= last) {
        first = m.top;
        moved = true;
      }
    }
  }

  // Range.select scrolls the selection into view in Excel; so does the playground
  React.useEffect(() => {
    const el = scroller.current;
    if (!shownAnchor || !el) return;
    const { row, col } = parseA1(shownAnchor);
    const top = ROW_HEIGHT * row; // below the column headers, one row high
    if (top < el.scrollTop + ROW_HEIGHT) el.scrollTop = top - ROW_HEIGHT;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    const left = ROW_HEADER + widths.slice(0, col - 1).reduce((a, b) => a + b, 0);
    const right = left + (widths[col - 1] ?? DEFAULT_WIDTH);
    if (left < el.scrollLeft + ROW_HEADER) el.scrollLeft = left - ROW_HEADER;
    else if (right > el.scrollLeft + el.clientWidth)
      el.scrollLeft = Math.min(left - ROW_HEADER, right - el.clientWidth);
    measure();
  }, [book.selection, shownAnchor, sheet.id, measure]);

  const select = (ref: string) => {
    book.selection = { sheetId: sheet.id, address: ref };
    book.changed();
  };
  const commit = () => {
    if (!editing) return;
    setEditing(null);
    onEdit(editing.ref, editing.text);
  };

  return (
    <div className="sheet">
      <div className="formula-bar">
        <span className="name-box" aria-label={labels.nameBox}>
          {anchor ?? ''}
        </span>
        <span className="formula-text">{anchor ? editText(sheet.cells.get(anchor)) : ''}</span>
      </div>
      <div
        className="grid-scroll"
        ref={scroller}
        tabIndex={0}
        onScroll={measure}
        onKeyDown={(e) => {
          if (editing || !anchor || e.ctrlKey || e.metaKey || e.altKey) return;
          if (e.key === 'F2' || e.key === 'Enter') {
            e.preventDefault();
            setEditing({ ref: anchor, text: editText(sheet.cells.get(anchor)) });
          } else if (e.key.length === 1) {
            e.preventDefault();
            setEditing({ ref: anchor, text: e.key });
          }
        }}
      >
        <table className="grid" aria-label={sheet.name} style={{ width: tableWidth }}>
          <colgroup>
            <col style={{ width: ROW_HEADER }} />
            {widths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="corner" />
              {widths.map((_, i) => (
                <th key={i}>{colName(i + 1)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 1 ? (
              <tr aria-hidden className="spacer" style={{ height: (first - 1) * ROW_HEIGHT }}>
                <td colSpan={cols + 1} />
              </tr>
            ) : null}
            {Array.from({ length: last - first + 1 }, (_, i) => first - 1 + i).map((r) => (
              <tr key={r} data-row={r + 1}>
                <th>{r + 1}</th>
                {Array.from({ length: cols }, (_, c) => {
                  const ref = `${colName(c + 1)}${r + 1}`;
                  if (covered.has(ref)) return null;
                  const cell = sheet.cells.get(ref);
                  const note = sheet.notes.get(ref);
                  const span = spans.get(ref);
                  const isEditing = editing?.ref === ref;
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
                      onMouseDown={() => select(ref)}
                      onDoubleClick={() => setEditing({ ref, text: editText(cell) })}
                    >
                      {isEditing ? (
                        <input
                          className="cell-editor"
                          aria-label={ref}
                          autoFocus
                          value={editing.text}
                          onChange={(e) => setEditing({ ref, text: e.currentTarget.value })}
                          onBlur={commit}
                          onKeyDown={(e) => {
                            e.stopPropagation();
                            if (e.key === 'Enter') {
                              e.preventDefault();
                              commit();
                              scroller.current?.focus();
                            } else if (e.key === 'Escape') {
                              setEditing(null);
                              scroller.current?.focus();
                            }
                          }}
                        />
                      ) : (
                        shownText(cell)
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            {last < rows ? (
              <tr aria-hidden className="spacer" style={{ height: (rows - last) * ROW_HEIGHT }}>
                <td colSpan={cols + 1} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div className="tabs" role="tablist" aria-label={labels.sheets}>
        {book.sheets.map((s) => (
          <button
            key={s.id}
            role="tab"
            aria-selected={s.id === sheet.id}
            className={s.id === sheet.id ? 'tab active' : 'tab'}
            onClick={() => {
              setEditing(null);
              book.setActive(s.id);
              book.changed();
            }}
          >
            {s.name}
          </button>
        ))}
      </div>
    </div>
  );
}
