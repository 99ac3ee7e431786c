import { analyzeSheet } from '../../src/engine';
import { FormFigures } from '../../src/engine/compute/figures';
import { changed, SHANGHAI_INDICATORS as I, shanghaiSheet } from '../fixtures/forms';
import { gridOf, SheetSpec } from '../fixtures/seed';

function figuresOf(sheet: SheetSpec): FormFigures {
  const forms = analyzeSheet(gridOf(sheet));
  expect(forms).toHaveLength(1);
  return forms[0].figures;
}

const names = (list: FormFigures['belowWeight']) => list.map((i) => i.layout.name);

describe('the figures list the indicators by their score against their weight', () => {
  test('a form scored in full has none below, above or unscored', () => {
    const f = figuresOf(shanghaiSheet());
    expect(f.scored).toBe(true);
    expect(f.belowWeight).toEqual([]);
    expect(f.aboveWeight).toEqual([]);
    expect(f.unscored).toEqual([]);
    expect(f.oddlyRead).toEqual([]);
  });

  test('a weight or score below zero reads oddly, zero does not', () => {
    const f = figuresOf(
      shanghaiSheet({ indicators: changed(I, { 1: { weight: -15 }, 2: { score: 0 }, 4: { score: -1 } }) }),
    );
    expect(names(f.oddlyRead)).toEqual(['宣传品制作', '长效机制健全性']);
  });

  test('each list holds its indicators in the form order, and no other', () => {
    const f = figuresOf(
      shanghaiSheet({
        indicators: changed(I, {
          0: { score: 16 },
          1: { score: 12 },
          2: { score: undefined },
          3: { score: 'n/a' },
          4: { score: 10 },
          5: { score: 0 },
        }),
      }),
    );
    expect(f.scored).toBe(true);
    expect(names(f.belowWeight)).toEqual(['宣传品制作', '长效机制健全性', '企业满意度']);
    expect(names(f.aboveWeight)).toEqual(['宣传场次']);
    // a score that is text is not blank, and neither below nor above its weight: it reads oddly
    expect(names(f.unscored)).toEqual(['活动及时性']);
    expect(names(f.oddlyRead)).toEqual(['区域影响力']);
  });

  test('a score without a weight is neither below nor above it, nor is a weight without a score scored', () => {
    const f = figuresOf(
      shanghaiSheet({ indicators: changed(I, { 0: { weight: undefined, score: 3 }, 1: { score: '' } }) }),
    );
    expect(names(f.belowWeight)).toEqual([]);
    expect(names(f.aboveWeight)).toEqual([]);
    expect(names(f.unscored)).toEqual(['宣传品制作']);
  });

  test('a form without any score is not scored', () => {
    const f = figuresOf(
      shanghaiSheet({
        indicators: I.map((i) => ({ ...i, score: undefined })),
        total: { weight: 100, score: undefined },
      }),
    );
    expect(f.scored).toBe(false);
    expect(f.unscored).toHaveLength(I.length);
  });
});
