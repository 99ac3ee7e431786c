/** npm run examples: writes the workbooks of examples/ from the data in test/fixtures. */
import { join, relative } from 'path';
import { writeExamples } from '../test/fixtures/examples';

const root = join(__dirname, '..');
writeExamples(join(root, 'examples')).then(
  (paths) => {
    for (const p of paths) process.stdout.write(`${relative(root, p)}\n`);
  },
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  },
);
