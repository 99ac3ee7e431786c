// V8's flags for the command line, set before anything is compiled (worker threads share the
// process's flags). bin/ziping.js sets them, and so does the build when it makes the workers'
// code cache (scripts/bundle-workers.js): V8 refuses a cache made under other flags.
//
// A check is a short run: V8's optimising compiler, inlining as it does for long-running
// servers, spent about as much CPU on background threads as the checking itself. Without
// inlining, `ziping check` of 1,000 stacked forms took 0.75 s instead of 0.84 s and a folder of
// 1,000 one-form files 1.01 s instead of 1.17 s (medians of 5, alternating; 10,000 forms: the
// same within noise).
require('v8').setFlagsFromString('--no-turbo-inlining');
