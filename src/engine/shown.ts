/**
 * How a form's figures are shown to a person, in the pane and in the command line's summary:
 * a unit only on a number (a cell holding `#DIV/0!` shows `#DIV/0!`, never `#DIV/0!%`), and a
 * recomputed value only where it differs and a finding explains it.
 */
import { parseRange } from './grid';
import type { FormReport } from './report';

/** A figure with its unit, or the text as the cell holds it when it is not a number. */
export function figureText(value: string | undefined, unit = ''): string | undefined {
  if (value === undefined) return undefined;
  return /^[-+]?\d+(\.\d+)?$/.test(value.trim()) ? `${value}${unit}` : value;
}

/**
 * Whether some finding of the form names this cell (or a range that holds it), or would write
 * it with its fix (a grade that follows a wrong total is fixed with the total's finding).
 */
export function hasFindingAt(form: FormReport, cell: string | undefined): boolean {
  if (!cell) return false;
  const c = parseRange(cell);
  const holds = (ref: string) => {
    const b = parseRange(ref);
    return b.left <= c.left && c.right <= b.right && b.top <= c.top && c.bottom <= b.bottom;
  };
  return form.findings.some((f) => f.cells.some(holds) || (f.fix ?? []).some((w) => holds(w.cell)));
}

/** The recomputed value to show beside a stated figure, or undefined. */
export function recomputedShown(
  form: FormReport,
  figure: { cell?: string; stated?: string; computed?: string },
): string | undefined {
  if (figure.computed === undefined || figure.computed === figure.stated) return undefined;
  return hasFindingAt(form, figure.cell) ? figure.computed : undefined;
}
