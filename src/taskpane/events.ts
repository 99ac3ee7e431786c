import type { RunResult } from '../excel/adapter';

/**
 * The shared runtime's message board: a ribbon command posts what it did (a check's result, a
 * change, or a failure) and the open task pane shows it at once.
 */
export type PaneEvent =
  | { kind: 'result'; result: RunResult }
  | { kind: 'changed'; what: 'cleared' | 'inserted'; detail: string }
  | { kind: 'failed'; error: unknown }
  /** The clerk switched to another sheet: the pane reads it. */
  | { kind: 'activated' };

type Listener = (event: PaneEvent) => void;
const listeners = new Set<Listener>();

export function onPaneEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function postPaneEvent(event: PaneEvent): void {
  for (const l of listeners) l(event);
}

/** A check run from the ribbon. */
export function postRunResult(result: RunResult): void {
  postPaneEvent({ kind: 'result', result });
}
