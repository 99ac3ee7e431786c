/**
 * The repository stands alone: the workbooks in examples/ hold what test/fixtures builds, the
 * README's first example prints what the command line prints, and the report format documented
 * in docs/ names every rule the engine has.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { main } from '../../src/cli/main';
import { readWorkbookFile } from '../../src/cli/readWorkbook';
import { RULES, SHEET_RULES } from '../../src/engine';
import { Grid } from '../../src/engine/grid';
import { EXAMPLES, writeExamples } from '../fixtures/examples';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES_DIR = join(ROOT, 'examples');

function cellsOf(grid: Grid): string[] {
  const out: string[] = [];
  for (let r = 1; r <= grid.rowCount; r++)
    for (let c = 1; c <= grid.colCount; c++) {
      const cell = grid.cell(r, c);
      if (cell && cell.value !== null)
        out.push(`${r},${c}=${JSON.stringify(cell.value)}|${cell.format ?? ''}`);
    }
  return out;
}

function snapshot(path: string) {
  return readWorkbookFile(path).map((g) => ({
    name: g.name,
    cells: cellsOf(g),
    merges: g.merges.map((m) => `${m.top},${m.left}:${m.bottom},${m.right}`).sort(),
  }));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('examples/', () => {
  let built: string;
  beforeAll(async () => {
    built = mkdtempSync(join(tmpdir(), 'ziping-examples-'));
    await writeExamples(built);
  });
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  test('holds exactly the workbooks `npm run examples` writes', () => {
    const shipped = filesUnder(EXAMPLES_DIR)
      .filter((p) => p.endsWith('.xlsx'))
      .map((p) => relative(EXAMPLES_DIR, p))
      .sort();
    expect(shipped).toEqual(EXAMPLES.map((e) => join(...e.path.split('/'))).sort());
  });

  test.each(EXAMPLES.map((e) => e.path))('%s holds what test/fixtures builds', (path) => {
    expect(snapshot(join(EXAMPLES_DIR, path))).toEqual(snapshot(join(built, path)));
  });

  test('the Putuo workbook keeps the clerks’ slips: numbers typed as numbers, 》=, <p>, merges', () => {
    const [sheet] = readWorkbookFile(join(EXAMPLES_DIR, 'putuo-2021.xlsx'));
    expect(sheet.cell(6, 3)).toMatchObject({ value: 414400, format: '#,##0.00' });
    expect(sheet.cell(7, 7)).toMatchObject({ value: 0.6216, format: '0.00%' });
    expect(sheet.cell(18, 3)?.value).toBe('》=50家');
    expect(String(sheet.cell(40, 1)?.value)).toMatch(/^<p>说明/);
    expect(sheet.merges.length).toBeGreaterThan(40);
  });
});

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (out += t + '\n') });
  return { code, out };
}

describe('the README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  test('its first example is `npx ziping check examples/…` and shows the real output', async () => {
    const first = /```(?:sh|console)?\n\$ npx ziping check (examples\/\S+\.xlsx)\n([\s\S]*?)```/.exec(readme);
    expect(first).not.toBeNull();
    const [, path, shown] = first as RegExpExecArray;
    const before = readme.slice(0, first?.index);
    expect(before).not.toMatch(/npx ziping check (?!examples)/);
    const { out } = await run('check', path);
    expect(shown.trimEnd()).toBe(out.trimEnd());
  });

  test('names nothing outside the repository', () => {
    expect(readme).not.toMatch(/\.\.\/shared|shared\//);
  });
});

describe('docs/report.md and docs/report.schema.json', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'report.md'), 'utf8');
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'report.schema.json'), 'utf8')) as {
    $defs: { finding: { properties: { rule: { enum: string[] } } } };
  };

  test('the schema names exactly the engine’s rules', () => {
    expect([...schema.$defs.finding.properties.rule.enum].sort()).toEqual(
      [...RULES, ...SHEET_RULES].map((r) => r.id).sort(),
    );
  });

  test('the rules table gives each rule with its severity', () => {
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` +\| (error|warning|info) +\|/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual([...RULES, ...SHEET_RULES].map((r) => [r.id, r.severity]));
  });

  test('the command line’s help points to the documented format', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toContain('docs/report.md');
  });
});
