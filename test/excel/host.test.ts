/** The host interface the pane uses: sheet activation and value changes, and Office's error codes. */
import { selectCell, validateAndGrade, ZipingError } from '../../src/excel/adapter';
import type { SheetChange } from '../../src/excel/api';
import { FakeError, fakeWorkbookOf } from '../../src/excel/fake';
import { shanghaiSheet } from '../fixtures/forms';
import { gridOf } from '../fixtures/seed';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('events behind the host', () => {
  test('onActivated reports the sheet a click or the add-in activates, until unsubscribed', async () => {
    const b = fakeWorkbookOf([gridOf(shanghaiSheet({ name: 'A' })), gridOf(shanghaiSheet({ name: 'B' }))]);
    const seen: string[] = [];
    const stop = await b.host().onActivated((id) => seen.push(id));
    b.setActive(b.sheet('B').id);
    b.setActive(b.sheet('B').id); // already active: no event
    await settle();
    expect(seen).toEqual([b.sheet('B').id]);
    await selectCell(b.host(), 'C3'); // on the active sheet: still B
    await stop();
    b.setActive(b.sheet('A').id);
    await settle();
    expect(seen).toEqual([b.sheet('B').id]);
  });

  test("onChanged tells the clerk's typing from the add-in's own writes", async () => {
    const b = fakeWorkbookOf([gridOf(shanghaiSheet({ total: { weight: 100, score: 90 } }))]);
    const seen: SheetChange[] = [];
    const stop = await b.host().onChanged((c) => seen.push(c));
    b.type('G15', '已说明');
    await settle();
    expect(seen).toEqual([{ sheetId: b.active.id, address: 'G15', byAddin: false }]);
    expect(b.active.cells.get('G15')?.value).toBe('已说明');
    await validateAndGrade(b.host(), 'zh');
    await settle();
    expect(seen.slice(1).every((c) => c.byAddin)).toBe(true);
    expect(seen.slice(1).map((c) => c.address)).toContain('F20');
    await stop();
    b.type('G16', 'x');
    await settle();
    expect(seen.filter((c) => !c.byAddin)).toHaveLength(1);
  });
});

test('a cell in edit mode comes back as the add-in error "editing", not an Office code', async () => {
  const b = fakeWorkbookOf([gridOf(shanghaiSheet())]);
  const host = b.host();
  const busy = {
    ...host,
    run: () => Promise.reject(new FakeError('InvalidOperationInCellEditMode', 'a cell is being edited')),
  };
  await expect(validateAndGrade(busy, 'zh')).rejects.toEqual(expect.any(ZipingError));
  await expect(validateAndGrade(busy, 'zh')).rejects.toMatchObject({ code: 'editing' });
});
