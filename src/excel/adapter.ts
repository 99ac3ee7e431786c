/**
 * The add-in's Excel layer, in one import: reading (./read), the saved state (./state), the
 * commands (./commands) and template rendering (./template). Only these modules talk to Excel,
 * through the host interface of ./api.
 */
export { fromOffice, ZipingError } from './errors';
export type { ZipingErrorCode } from './errors';
export {
  bareAddress,
  CELLS_PER_READ,
  contentAt,
  gridFromArrays,
  locate,
  MAX_CELLS,
  readActiveSheet,
} from './read';
export type { Snapshot } from './read';
export type { Host, SheetChange, Unsubscribe } from './api';
export { markFill, parseState, recordChange, STATE_KEY } from './state';
export type {
  CellContent,
  ChangeRecord,
  MarkRecord,
  Marks,
  NoteRecord,
  SavedFill,
  SheetState,
  ValueRecord,
} from './state';
export { contentInput, literal, paint, sameFill, textInput, wouldReparse } from './write';
export {
  applyFixes,
  clearHighlights,
  inspect,
  queuePlan,
  REQUIRED_API,
  revertLast,
  runOn,
  selectCell,
  TONE_FILL,
  validateAndGrade,
} from './commands';
export type { RunResult } from './commands';
export { insertTemplate } from './template';
