/**
 * V8's flags for the command line's workers, set by each worker as its own start-up ends
 * (boot.ts), just before it compiles its bundle, and by the build before it makes the bundle's
 * code cache (scripts/bundle-workers.js): V8 refuses a cache made under other flags.
 *
 * A check is a short run: V8's optimising compiler, inlining as it does for long-running
 * servers, spent about as much CPU on background threads as the checking itself. Without
 * inlining, `ziping check` of a folder of 1,000 one-form files took 0.82 s instead of 0.94 s
 * (medians of 9, alternating, with the flag set as the process started).
 *
 * Not set as the process starts, as it was: V8's flags are the process's, and any flag that
 * affects compiled code makes V8 refuse the code cache that Node's own modules are built with.
 * A worker started after such a flag compiles Node's modules from their text: it took 45–50 ms
 * to start instead of 21–25. Set by each worker as its own start-up ends, the flag costs
 * nothing there: `ziping check` of one form went 140 → 115 ms, of 1,000 stacked forms 540 →
 * 487 ms, of the folder 706 → 673 ms (medians of 9, alternating). A worker started after the
 * flag is set (`--jobs`, or one that replaces a stopped worker) starts the slower way.
 */
import { setFlagsFromString } from 'v8';

export const V8_FLAGS = '--no-turbo-inlining';

/** Sets V8_FLAGS for the whole process (worker threads share V8's flags). */
export function useV8Flags(): void {
  setFlagsFromString(V8_FLAGS);
}

/**
 * Moves an empty ArrayBuffer to nowhere, once, as a worker starts. V8 compiles typed-array code
 * on the promise that no ArrayBuffer has ever been detached, and throws all such code away the
 * first time one is: a worker detaches one when it moves its first file's report to the main
 * thread, and the reader's compiled byte loops (scanText, text, next, refAt, readCellAttrs)
 * were thrown away and compiled again after the first files of every run (`--trace-deopt`:
 * "marking dependent code … code dependencies"). Detached before anything is compiled, the
 * promise is never made.
 */
export function detachOnce(): void {
  const empty = new ArrayBuffer(0);
  structuredClone(empty, { transfer: [empty] });
}
