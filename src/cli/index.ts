#!/usr/bin/env node
/**
 * The command line's entry. `--help` loads only the help text; `template` alone loads exceljs;
 * `check` starts its first worker before it loads anything else (workers.ts).
 */

const argv = process.argv.slice(2);

/**
 * What is written to stdout, gathered while the main thread is busy and written at once (a
 * folder of 1,000 files is a few writes, not 2,000). Only when stdout is not a terminal: there,
 * each line shows at once, in step with the progress bar on stderr.
 */
const gathered: Uint8Array[] = [];
let gatheredBytes = 0;
function flush(): void {
  if (gathered.length === 0) return;
  const all = gathered.length === 1 ? gathered[0] : Buffer.concat(gathered, gatheredBytes);
  gathered.length = 0;
  gatheredBytes = 0;
  process.stdout.write(all);
}
function toStdout(chunk: string | Uint8Array): void {
  if (process.stdout.isTTY) {
    process.stdout.write(chunk);
    return;
  }
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  if (bytes.length >= 1 << 16) {
    // a large report is written as it is, never copied
    flush();
    process.stdout.write(bytes);
    return;
  }
  if (gathered.length === 0) setImmediate(flush);
  gathered.push(bytes);
  gatheredBytes += bytes.length;
  if (gatheredBytes >= 1 << 20) flush();
}

const io = {
  out: (t: string) => toStdout(t + '\n'),
  err: (t: string) => process.stderr.write(t + '\n'),
  write: (t: string) => toStdout(t),
  writeBytes: (b: Uint8Array) => toStdout(b),
};

async function run(): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)((await import('./usage')).USAGE);
    return command === undefined ? 2 : 0;
  }
  // check's first worker starts now, while the rest of the command line loads
  const started = command === 'check' ? (await import('./workers')).startAhead(argv.slice(1)) : undefined;
  const { cli } = await import('./main');
  // a progress bar only where a person watches: stderr a terminal
  const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(line) : undefined;
  return cli(argv, io, { progress, started });
}

// a reader that stops early (`| head`) is not an error of ours: stop quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

/** Ends the process once everything written has been flushed: no worker can keep it alive. */
function exit(code: number): void {
  flush();
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

run().then(exit, (e: unknown) => {
  process.stderr.write(`ziping: ${String((e as Error)?.message ?? e).split('\n')[0]}\n`);
  exit(2);
});
