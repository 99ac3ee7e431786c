import { at, numberCells } from './helpers';
import { Rule } from './types';

export const cellError: Rule = {
  id: 'cell-error',
  severity: 'error',
  description: 'A cell the form needs holds an Excel error value.',
  check({ figures }) {
    return numberCells(figures).flatMap(({ what, cell }) =>
      cell.reading.kind === 'error'
        ? [
            {
              cells: [at(cell.slot)],
              message: { key: 'cell-error', params: { what, cell: at(cell.slot), code: cell.reading.code } },
            },
          ]
        : [],
    );
  },
};
