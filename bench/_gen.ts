import * as XLSX from '@e965/xlsx';
import { seedSheet } from '../test/fixtures/seed';
import { isCellError } from '../src/engine/grid';
const forms = Number(process.argv[2]);
const placements = [];
let row = 1;
for (let i = 0; i < forms; i++) { placements.push({ form: i % 3, row, col: 1 }); row += [38, 28, 26][i % 3] + 1; }
const spec = seedSheet('Sheet1', placements);
const ws: XLSX.WorkSheet = {};
let maxR = 0, maxC = 0;
spec.cells.forEach((r, ri) => r?.forEach((cell, c) => {
  if (!cell) return;
  const v = cell.value; const ref = XLSX.utils.encode_cell({ r: ri - 1, c: c - 1 });
  if (typeof v === 'number') ws[ref] = { t: 'n', v, z: cell.format };
  else if (typeof v === 'string') ws[ref] = { t: 's', v };
  else if (typeof v === 'boolean') ws[ref] = { t: 'b', v };
  else if (isCellError(v)) ws[ref] = { t: 'e', v: 0x07 };
  maxR = Math.max(maxR, ri - 1); maxC = Math.max(maxC, c - 1);
}));
ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
ws['!merges'] = spec.merges.map((m) => ({ s: { r: m.top - 1, c: m.left - 1 }, e: { r: m.bottom - 1, c: m.right - 1 } }));
const wb = XLSX.utils.book_new(); XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
XLSX.writeFile(wb, process.argv[3]);
