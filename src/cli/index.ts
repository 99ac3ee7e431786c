#!/usr/bin/env node
/**
 * The command line's entry. `--help` loads only the help text; `template` alone loads exceljs;
 * `check` loads the reader and the engine.
 */
import { USAGE } from './usage';

const argv = process.argv.slice(2);
const io = {
  out: (t: string) => process.stdout.write(t + '\n'),
  err: (t: string) => process.stderr.write(t + '\n'),
  write: (t: string) => process.stdout.write(t),
  writeBytes: (b: Uint8Array) => process.stdout.write(b),
};

async function run(): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  const { cli } = await import('./main');
  // a progress bar only where a person watches: stderr a terminal
  const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(line) : undefined;
  return cli(argv, io, progress ? { progress } : {});
}

// a reader that stops early (`| head`) is not an error of ours: stop quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

/** Ends the process once everything written has been flushed: no worker can keep it alive. */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

run().then(exit, (e: unknown) => {
  process.stderr.write(`ziping: ${String((e as Error)?.message ?? e).split('\n')[0]}\n`);
  exit(2);
});
