/**
 * A recomputed execution rate written into a blank, unformatted cell is the number 0.6216 with the
 * number format `0.00%` (Excel shows 62.16%, a number), and 撤销本次修改 gives the cell back its
 * value and its number format exactly. Against the fake, which holds number formats as Excel does.
 */
import { applyFixes, revertLast, STATE_KEY, validateAndGrade } from '../../src/excel/adapter';
import { FakeCell, FakeWorkbook, fakeWorkbookOf } from '../../src/excel/fake';
import { shanghaiSheet } from '../fixtures/forms';
import { gridOf } from '../fixtures/seed';

/** The seed's form 1 amounts (257602 / 414400 = 62.16%) with the rate cell D6 as given. */
const withRate = (executionRate: unknown) =>
  fakeWorkbookOf([
    gridOf(
      shanghaiSheet({
        fields: {
          budgetAmount: 414400,
          executedAmount: 257602,
          executionRate: executionRate as never,
          problems: '疫情',
        },
      }),
    ),
  ]);

const d6 = (b: FakeWorkbook): FakeCell | undefined => b.active.cells.get('D6');
/** Every cell with everything it holds (values, formats, fills), and the notes. */
const everything = (b: FakeWorkbook) =>
  JSON.stringify({
    cells: [...b.active.cells].sort(([a], [z]) => a.localeCompare(z)),
    notes: [...b.active.notes],
  });
const state = (b: FakeWorkbook) =>
  JSON.parse(b.active.customProperties.get(STATE_KEY)!) as {
    last: { values: Array<{ cell: string; format?: { before: string; after: string } }> };
  };

describe('校验并评分 writes a blank, unformatted rate as a number shown as a percentage', () => {
  test('the number 0.6216 with the format 0.00%, read back as 62.16%, noted as 62.16%', async () => {
    const b = withRate(undefined);
    expect(d6(b)).toBeUndefined();
    const res = await validateAndGrade(b.host(), 'zh');
    expect(d6(b)).toMatchObject({ value: 0.6216, format: '0.00%' });
    expect(d6(b)?.formula).toBeUndefined();
    // the pane's figures: the rate as the sheet now holds it, a percentage shown with 2 places
    const rate = res.analyses[0].figures.rate;
    expect(rate.statedPercent?.value.toString()).toBe('62.16');
    expect(rate.statedPercent?.shownDecimals).toBe(2);
    expect(b.active.notes.get('D6')).toBe('自评已写入预算执行率：62.16%');
    expect(state(b).last.values.find((v) => v.cell === 'D6')?.format).toEqual({
      before: 'General',
      after: '0.00%',
    });
    // only the rate's write carries a format
    expect(
      state(b)
        .last.values.filter((v) => v.format)
        .map((v) => v.cell),
    ).toEqual(['D6']);
  });

  test('a blank cell that exists (with a fill of its own) is given back exactly, format and all', async () => {
    const b = withRate(undefined);
    b.active.cells.set('D6', {
      value: null,
      format: 'General',
      fill: { pattern: 'Solid', color: '#FFFF00' },
    });
    const before = everything(b);
    await validateAndGrade(b.host(), 'zh');
    expect(d6(b)).toMatchObject({ value: 0.6216, format: '0.00%' });
    await revertLast(b.host());
    expect(everything(b)).toBe(before);
    expect(d6(b)).toEqual({ value: null, format: 'General', fill: { pattern: 'Solid', color: '#FFFF00' } });
  });

  test('undo gives back the value and the General format of a cell that did not exist', async () => {
    const b = withRate(undefined);
    await validateAndGrade(b.host(), 'zh');
    await revertLast(b.host());
    expect(d6(b)).toMatchObject({ value: null, format: 'General' });
    // and a second run writes the rate again, as the first did
    await validateAndGrade(b.host(), 'zh');
    expect(d6(b)).toMatchObject({ value: 0.6216, format: '0.00%' });
  });

  test('a format the clerk gave the cell after the run is hers: undo clears the value and keeps it', async () => {
    const b = withRate(undefined);
    await validateAndGrade(b.host(), 'zh');
    d6(b)!.format = '0.0%';
    await revertLast(b.host());
    expect(d6(b)).toMatchObject({ value: null, format: '0.0%' });
  });

  test('a formatted blank cell keeps its format: text as text under @, a fraction under a % format', async () => {
    const text = withRate({ value: null, format: '@' });
    await validateAndGrade(text.host(), 'zh');
    expect(d6(text)).toMatchObject({ value: '62.16%', format: '@' });
    expect(state(text).last.values.find((v) => v.cell === 'D6')?.format).toBeUndefined();

    const pct = withRate({ value: null, format: '0.0%' });
    await validateAndGrade(pct.host(), 'zh');
    expect(d6(pct)).toMatchObject({ value: 0.6216, format: '0.0%' });
    expect(state(pct).last.values.find((v) => v.cell === 'D6')?.format).toBeUndefined();
    await revertLast(pct.host());
    expect(d6(pct)).toMatchObject({ value: null, format: '0.0%' });
  });

  test('a rate the clerk typed as text stays text, in its General cell', async () => {
    const b = withRate('70.00%');
    await validateAndGrade(b.host(), 'zh');
    expect(d6(b)).toMatchObject({ value: '62.16%', format: 'General' });
    await revertLast(b.host());
    expect(d6(b)).toMatchObject({ value: '70.00%', format: 'General' });
  });

  test('interrupted anywhere in its write, the run is undone completely, formats included', async () => {
    const probe = withRate(undefined);
    await validateAndGrade(probe.host(), 'zh');
    const writes = probe.writeOps;
    for (let k = 1; k < writes; k++) {
      const b = withRate(undefined);
      b.active.cells.set('D6', {
        value: null,
        format: 'General',
        fill: { pattern: 'None', color: '#FFFFFF' },
      });
      const before = everything(b);
      b.interruptAfter = k;
      await expect(validateAndGrade(b.host(), 'zh')).rejects.toMatchObject({ code: 'GeneralException' });
      await revertLast(b.host());
      expect({ k, sheet: everything(b) }).toEqual({ k, sheet: before });
    }
  });
});

describe('a fix write with a number format', () => {
  test('applyFixes sets the format with the value, and undo gives back both', async () => {
    const b = withRate(undefined);
    b.active.cells.set('H2', { value: 'x', format: '#,##0', fill: { pattern: 'None', color: '#FFFFFF' } });
    const before = everything(b);
    const out = await applyFixes(b.host(), [{ cell: 'H2', value: 0.5, format: '0.00%' }]);
    expect(out.applied).toBe(1);
    expect(b.active.cells.get('H2')).toMatchObject({ value: 0.5, format: '0.00%' });
    await revertLast(b.host());
    expect(everything(b)).toBe(before);
  });

  test('a planted state whose format is not a number format is not used at all', async () => {
    const b = withRate(undefined);
    const planted = (format: unknown) =>
      JSON.stringify({
        v: 2,
        marks: {},
        notes: [],
        last: {
          values: [{ cell: 'D6', before: { type: 'empty' }, after: { type: 'empty' }, format }],
          fills: {},
          notesAdded: [],
          notesRemoved: [],
          previous: { marks: {}, notes: [] },
        },
      });
    for (const bad of [
      { before: 5, after: '0.00%' },
      { before: 'General' },
      { before: '', after: '0.00%' },
      { before: 'x'.repeat(256), after: '0.00%' },
      '0.00%',
      null,
    ]) {
      b.active.customProperties.set(STATE_KEY, planted(bad));
      const now = everything(b);
      await expect(revertLast(b.host())).rejects.toMatchObject({ code: 'nothing-to-undo' });
      expect(everything(b)).toBe(now);
    }
    // a valid one is used
    b.active.cells.set('D6', { value: null, format: '0.00%', fill: { pattern: 'None', color: '#FFFFFF' } });
    b.active.customProperties.set(STATE_KEY, planted({ before: 'General', after: '0.00%' }));
    await revertLast(b.host());
    expect(d6(b)?.format).toBe('General');
  });
});
