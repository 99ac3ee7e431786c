import { inspect, insertTemplate } from '../../src/excel/adapter';
import { FAMILY_IDS } from '../../src/engine/families';
import { fakeWorkbookOf } from '../../src/excel/fake';
import { shanghaiSheet } from '../fixtures/forms';
import { gridOf } from '../fixtures/seed';

describe('插入空白模板 through the adapter', () => {
  test.each(FAMILY_IDS)(
    '%s: a new sheet written in one sync, activated, and found by the engine',
    async (family) => {
      const b = fakeWorkbookOf([gridOf(shanghaiSheet({ name: '原表' }))]);
      const before = JSON.stringify([...b.sheet('原表').cells]);
      const name = await insertTemplate(b.host(), family);
      expect(name).toBe('绩效自评表');
      // one read for the existing names, one sync that writes everything
      expect(b.runs).toEqual([{ mergeUndoGroup: true, syncs: 2 }]);
      expect(b.active.name).toBe('绩效自评表');
      expect(JSON.stringify([...b.sheet('原表').cells])).toBe(before);
      const res = await inspect(b.host(), 'zh');
      expect(res.analyses).toHaveLength(1);
      expect(res.analyses[0].layout.family).toBe(family);
      expect(res.analyses[0].findings.map((f) => f.rule)).toEqual(['form-not-filled']);
      expect(b.active.validations.size).toBeGreaterThan(0);
      expect(b.active.printTitleRows).toMatch(/^\$\d+:\$\d+$/);
    },
  );

  test('names never clash: 绩效自评表, 绩效自评表 (2), 绩效自评表 (3)', async () => {
    const b = fakeWorkbookOf([gridOf(shanghaiSheet())]);
    const names = [];
    for (let i = 0; i < 3; i++) names.push(await insertTemplate(b.host(), 'shanghai'));
    expect(names).toEqual(['绩效自评表', '绩效自评表 (2)', '绩效自评表 (3)']);
    expect(b.sheets.map((s) => s.name)).toEqual(['Sheet1', ...names]);
  });

  test('the written formulas are the template formulas, and text like =10场 stays text', async () => {
    const b = fakeWorkbookOf([]);
    b.addSheet('Sheet1');
    await insertTemplate(b.host(), 'shanghai');
    expect(b.active.cells.get('D6')?.formula).toBe('=IF(OR(B5="",B6=""),"",IF(B5=0,"",B6/B5))');
    expect(b.active.cells.get('A14')?.value).toBe('产出指标 (45分)');
    expect(b.active.merges).toContain('A14:A21');
  });
});
