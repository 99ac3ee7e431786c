import type { RunResult } from '../excel/adapter';

/**
 * The shared runtime's message board: a ribbon command that runs the check posts its result,
 * and the open task pane shows it at once.
 */
type Listener = (result: RunResult) => void;
const listeners = new Set<Listener>();

export function onRunResult(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function postRunResult(result: RunResult): void {
  for (const l of listeners) l(result);
}
