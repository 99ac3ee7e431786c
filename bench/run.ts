/**
 * npm run bench: a workbook of 1,000 stacked seed forms (about 29,000 rows and 15,000 merged
 * areas) and one of 100; for each, the time SheetJS alone takes to read it and the time of the
 * whole `ziping check` (read, find, compute, report as JSON), measured in the same run.
 */
import { mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from '@e965/xlsx';
import { main } from '../src/cli/main';
import { seedSheet, SheetSpec } from '../test/fixtures/seed';
import { isCellError } from '../src/engine/grid';

function writeWorkbook(path: string, spec: SheetSpec): void {
  const ws: XLSX.WorkSheet = {};
  let maxR = 0;
  let maxC = 0;
  spec.cells.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!cell) return;
      const v = cell.value;
      const ref = XLSX.utils.encode_cell({ r: r - 1, c: c - 1 });
      if (typeof v === 'number') ws[ref] = { t: 'n', v, z: cell.format };
      else if (typeof v === 'string') ws[ref] = { t: 's', v };
      else if (typeof v === 'boolean') ws[ref] = { t: 'b', v };
      else if (isCellError(v)) ws[ref] = { t: 'e', v: 0x07 };
      maxR = Math.max(maxR, r - 1);
      maxC = Math.max(maxC, c - 1);
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
  ws['!merges'] = spec.merges.map((m) => ({
    s: { r: m.top - 1, c: m.left - 1 },
    e: { r: m.bottom - 1, c: m.right - 1 },
  }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  XLSX.writeFile(wb, path);
}

function stacked(forms: number): SheetSpec {
  const placements = [];
  let row = 1;
  for (let i = 0; i < forms; i++) {
    placements.push({ form: i % 3, row, col: 1 });
    row += [38, 28, 26][i % 3] + 1;
  }
  return seedSheet('Sheet1', placements);
}

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const dir = process.env.KEEP ? '/tmp/bench' : mkdtempSync(join(tmpdir(), 'ziping-bench-'));
const results: Array<{ forms: number; read: number; check: number }> = [];
try {
  for (const forms of [100, 1000]) {
    const spec = stacked(forms);
    const path = join(dir, `stacked-${forms}.xlsx`);
    writeWorkbook(path, spec);
    const rows = spec.cells.length - 1;
    const runs = forms >= 1000 ? 5 : 9;
    const read: number[] = [];
    const check: number[] = [];
    let found = 0;
    // warm up both, then alternate so that neither gets the warmer machine
    // the whole command as a reviewer runs it: ziping check FILE --json, output to a sink
    const cli = () => {
      let out = '';
      main(['check', path, '--json'], { out: (t) => (out = t), err: () => undefined });
      return out;
    };
    XLSX.readFile(path);
    cli();
    for (let i = 0; i < runs; i++) {
      read.push(time(() => XLSX.readFile(path)));
      let out = '';
      check.push(time(() => (out = cli())));
      found = (JSON.parse(out) as { files: Array<{ sheets: Array<{ forms: unknown[] }> }> }).files[0]
        .sheets[0].forms.length;
    }
    if (found !== forms) throw new Error(`expected ${forms} forms, found ${found}`);
    const r = { forms, read: median(read), check: median(check) };
    results.push(r);
    console.log(
      `${String(forms).padStart(5)} forms (${rows} rows, ${spec.merges.length} merged areas, ${(statSync(path).size / 1024).toFixed(0)} KiB): ` +
        `SheetJS read ${r.read.toFixed(0)} ms · ziping check ${r.check.toFixed(0)} ms · ratio ${(r.check / r.read).toFixed(2)} (goal ≤ 1.5)`,
    );
  }
  const [small, large] = results;
  console.log(
    `growth from 100 to 1,000 forms: ${(large.check / small.check).toFixed(1)}× (linear: 10×); per form ${(small.check / small.forms).toFixed(2)} ms → ${(large.check / large.forms).toFixed(2)} ms`,
  );
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
