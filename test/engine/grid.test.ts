import { a1, colName, parseA1, rangeA1 } from '../../src/engine/grid';

describe('a1', () => {
  it('names cells inside and outside the names it keeps, the same when asked again', () => {
    const cells: Array<[number, number, string]> = [
      [1, 1, 'A1'],
      [12, 7, 'G12'],
      [1000, 64, 'BL1000'],
      [1001, 64, 'BL1001'],
      [1000, 65, 'BM1000'],
      [1048576, 16384, 'XFD1048576'],
      [37, 26, 'Z37'],
      [37, 27, 'AA37'],
    ];
    for (const [row, col, name] of cells) {
      expect(a1(row, col)).toBe(name);
      expect(a1(row, col)).toBe(name);
      expect(parseA1(name)).toEqual({ row, col });
    }
  });

  it('names every cell of the first rows and columns as its letters and row', () => {
    for (let col = 1; col <= 70; col++)
      for (let row = 1; row <= 1005; row += 41) {
        expect(a1(row, col)).toBe(`${colName(col)}${row}`);
        expect(parseA1(a1(row, col))).toEqual({ row, col });
      }
  });

  it('names a range by its corners, a single cell by itself', () => {
    expect(rangeA1(3, 2, 3, 2)).toBe('B3');
    expect(rangeA1(3, 2, 9, 5)).toBe('B3:E9');
  });
});
