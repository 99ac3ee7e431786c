/// <reference types="office-js" />
/**
 * The ribbon's function commands. They run in the shared runtime, beside the task pane: a check
 * started from the ribbon shows its result in the open pane at once.
 */
import type { Family } from '../engine';
import { clearHighlights, insertTemplate, validateAndGrade } from '../excel/adapter';
import { officeHost } from '../excel/officeHost';
import { postPaneEvent, postRunResult } from '../taskpane/events';
import { langOf } from '../taskpane/i18n';

function lang() {
  return langOf(Office.context.displayLanguage);
}

async function settle(event: Office.AddinCommands.Event, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (e) {
    // the pane explains failures; a command must still tell Office it is done
    postPaneEvent({ kind: 'failed', error: e });
    await Office.addin.showAsTaskpane().catch(() => undefined);
  } finally {
    event.completed();
  }
}

async function insert(family: Family): Promise<void> {
  const name = await insertTemplate(officeHost, family);
  postPaneEvent({ kind: 'changed', what: 'inserted', detail: name });
}

export const COMMANDS: Record<string, (event: Office.AddinCommands.Event) => Promise<void>> = {
  validateAndGrade: (event) =>
    settle(event, async () => {
      postRunResult(await validateAndGrade(officeHost, lang()));
    }),
  insertShanghaiTemplate: (event) => settle(event, () => insert('shanghai')),
  insertNationalTemplate: (event) => settle(event, () => insert('national')),
  clearHighlights: (event) =>
    settle(event, async () => {
      const n = await clearHighlights(officeHost);
      postPaneEvent({ kind: 'changed', what: 'cleared', detail: String(n) });
    }),
  showPane: (event) => settle(event, () => Office.addin.showAsTaskpane()),
};

/** Registers every command with Office; the manifest's FunctionName values are these keys. */
export function registerCommands(): void {
  for (const [name, fn] of Object.entries(COMMANDS)) Office.actions.associate(name, fn);
}

if (typeof Office !== 'undefined') Office.onReady(() => registerCommands());
