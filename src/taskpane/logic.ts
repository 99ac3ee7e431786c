/**
 * What the task pane says, decided apart from React so that it can be tested cheaply: which
 * figures show a recomputed value, how a figure is written, which fixes 全部修复 applies, and
 * how a run is summed up.
 */
import type { Finding, FixWrite, FormReport } from '../engine';
import { parseA1 } from '../engine/grid';
import type { RunPlan } from '../engine/plan';

/** A figure with its unit, or the text as the cell holds it when it is not a number (`#DIV/0!`). */
export function figureText(value: string | undefined, unit = ''): string | undefined {
  if (value === undefined) return undefined;
  return /^[-+]?\d+(\.\d+)?$/.test(value.trim()) ? `${value}${unit}` : value;
}

function box(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b = a] = ref.split(':');
  const s = parseA1(a);
  const e = parseA1(b);
  return {
    top: Math.min(s.row, e.row),
    left: Math.min(s.col, e.col),
    bottom: Math.max(s.row, e.row),
    right: Math.max(s.col, e.col),
  };
}

/**
 * Whether some finding of the form names this cell (or a range that holds it), or would write
 * it with its fix (a grade that follows a wrong total is fixed with the total's finding).
 */
export function hasFindingAt(form: FormReport, cell: string | undefined): boolean {
  if (!cell) return false;
  const c = box(cell);
  const holds = (ref: string) => {
    const b = box(ref);
    return b.left <= c.left && c.right <= b.right && b.top <= c.top && c.bottom <= b.bottom;
  };
  return form.findings.some((f) => f.cells.some(holds) || (f.fix ?? []).some((w) => holds(w.cell)));
}

/**
 * The recomputed value to show beside a stated figure: only where it differs and a finding
 * says so at the figure's cell (a recomputed figure without a finding would be unexplained).
 */
export function recomputedShown(
  form: FormReport,
  figure: { cell?: string; stated?: string; computed?: string },
): string | undefined {
  if (figure.computed === undefined || figure.computed === figure.stated) return undefined;
  return hasFindingAt(form, figure.cell) ? figure.computed : undefined;
}

/** Every fix of one form (全部修复 acts on the form shown, never on the others). */
export function fixesOf(form: FormReport | undefined): FixWrite[] {
  return form ? form.findings.flatMap((f: Finding) => f.fix ?? []) : [];
}

/** How many cells a run wrote, and how many it marked as a finding (written cells excluded). */
export function runCounts(plan: RunPlan): { written: number; marked: number } {
  const written = new Set(plan.writes.map((w) => w.cell));
  const marked = new Set(
    plan.marks.filter((m) => m.tone !== 'good' && !written.has(m.cell)).map((m) => m.cell),
  );
  return { written: written.size, marked: marked.size };
}

/** The form's name as the pane and its messages call it: "2.「中介机构服务费」". */
export function formLabel(forms: readonly FormReport[], index: number): string {
  const f = forms[index];
  if (!f) return '';
  return `${index + 1}. ${f.fields.projectName?.value || f.range}`;
}
