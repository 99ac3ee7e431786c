/** npm run examples: writes the workbooks of examples/ from the data in test/fixtures. */
import { join, relative } from 'path';
import { writeExamples } from '../test/fixtures/examples';
import { REAL_FORMS } from '../test/fixtures/real';
import { README_PATH, writeFormsTable } from '../test/fixtures/real/table';

const root = join(__dirname, '..');
writeExamples(join(root, 'examples')).then(
  (paths) => {
    writeFormsTable(REAL_FORMS);
    for (const p of [...paths, README_PATH]) process.stdout.write(`${relative(root, p)}\n`);
  },
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  },
);
