/** The add-in's own failures, with a code the pane turns into a sentence in the clerk's language. */
export type ZipingErrorCode =
  | 'protected'
  | 'no-sheet'
  | 'unsupported'
  | 'formula'
  | 'nothing-to-undo'
  /** Cells the last change wrote were changed since: 撤销本次修改 would overwrite them. */
  | 'sheet-changed'
  /** The sheet's used range is too large to read (its address is the message). */
  | 'too-large'
  /** A cell is being edited: Excel refuses every batch until the clerk presses Enter or Esc. */
  | 'editing';

export class ZipingError extends Error {
  constructor(
    readonly code: ZipingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Office's error codes that the clerk can act on, as the add-in's own errors; others unchanged. */
export function fromOffice(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'InvalidOperationInCellEditMode')
    return new ZipingError('editing', (e as { message?: string }).message ?? String(code));
  return e;
}
