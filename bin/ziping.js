#!/usr/bin/env node
// The command line, compiled by `npm ci` (prepare) into dist/.

// A check is a short run: V8's optimising compiler, inlining as it does for long-running
// servers, spent about as much CPU on background threads as the checking itself. Without
// inlining, `ziping check` of 1,000 stacked forms took 0.75 s instead of 0.84 s and a folder of
// 1,000 one-form files 1.01 s instead of 1.17 s (medians of 5, alternating; 10,000 forms: the
// same within noise). Set before anything is compiled; worker threads share the process's flags.
require('v8').setFlagsFromString('--no-turbo-inlining');

try {
  require('../dist/cli/index.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('dist/cli')) {
    process.stderr.write('ziping: not built yet; run `npm ci` (or `npm run build:cli`) first\n');
    process.exit(2);
  }
  throw e;
}
