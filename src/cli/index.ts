#!/usr/bin/env node
/**
 * The command line's entry. `--help` loads only the help text; `template` alone loads exceljs;
 * `check` loads the reader and the engine.
 */
import { USAGE } from './usage';

const argv = process.argv.slice(2);
const io = {
  out: (t: string) => process.stdout.write(t + '\n'),
  write: (t: string) => process.stdout.write(t),
  err: (t: string) => process.stderr.write(t + '\n'),
};

async function run(): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  const { cli } = await import('./main');
  return cli(argv, io);
}

run().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`ziping: ${String((e as Error)?.message ?? e).split('\n')[0]}\n`);
    process.exitCode = 2;
  },
);
