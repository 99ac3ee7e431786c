/// <reference types="office-js" />
import type { Host, RequestContext, SheetChange, Unsubscribe } from './api';

/** Adds an event handler in its own batch; the returned function removes it in the handler's context. */
async function subscribe(
  add: (worksheets: Excel.WorksheetCollection) => OfficeExtension.EventHandlerResult<unknown>,
): Promise<Unsubscribe> {
  const handler = await Excel.run(async (context) => {
    const h = add(context.workbook.worksheets);
    await context.sync();
    return h;
  });
  return () =>
    Excel.run(handler.context, async (context) => {
      handler.remove();
      await context.sync();
    });
}

/** The address of a change without its sheet name. */
function bare(address: string): string {
  return address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
}

/** The real host: Excel.run, Office's requirement-set check, and the worksheet events. */
export const officeHost: Host = {
  run: (batch, options) =>
    options?.mergeUndoGroup
      ? Excel.run({ mergeUndoGroup: true } as Excel.RunOptions, (ctx) =>
          batch(ctx as unknown as RequestContext),
        )
      : Excel.run((ctx) => batch(ctx as unknown as RequestContext)),
  supports: (set, version) => Office.context.requirements.isSetSupported(set, version),
  onActivated: (listener) =>
    subscribe((worksheets) =>
      worksheets.onActivated.add(async (e) => {
        listener(e.worksheetId);
      }),
    ),
  // worksheets.onChanged: ExcelApi 1.9; triggerSource (this add-in's own writes): ExcelApi 1.14
  onChanged: (listener) =>
    subscribe((worksheets) =>
      worksheets.onChanged.add(async (e) => {
        const change: SheetChange = {
          sheetId: e.worksheetId,
          address: bare(e.address),
          byAddin: (e as { triggerSource?: string }).triggerSource === 'ThisLocalAddin',
        };
        listener(change);
      }),
    ),
};
