#!/usr/bin/env node
// The command line, compiled by `npm ci` (prepare) into dist/.

try {
  require('../dist/cli/index.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('dist/cli')) {
    process.stderr.write('ziping: not built yet; run `npm ci` (or `npm run build:cli`) first\n');
    process.exit(2);
  }
  throw e;
}
