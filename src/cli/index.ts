#!/usr/bin/env node
import { cli } from './main';

cli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
}).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`ziping: ${String((e as Error)?.message ?? e).split('\n')[0]}\n`);
    process.exitCode = 2;
  },
);
