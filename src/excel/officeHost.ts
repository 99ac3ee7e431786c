/// <reference types="office-js" />
import type { Host, RequestContext } from './api';

/** The real host: Excel.run and Office's requirement-set check. */
export const officeHost: Host = {
  run: (batch, options) =>
    options?.mergeUndoGroup
      ? Excel.run({ mergeUndoGroup: true } as Excel.RunOptions, (ctx) =>
          batch(ctx as unknown as RequestContext),
        )
      : Excel.run((ctx) => batch(ctx as unknown as RequestContext)),
  supports: (set, version) => Office.context.requirements.isSetSupported(set, version),
};
