import { at, numberCells } from './helpers';
import { Rule } from './types';

export const notANumber: Rule = {
  id: 'not-a-number',
  severity: 'error',
  description: 'A weight, score, amount or rate cell holds text that is not a number.',
  check({ figures }) {
    return numberCells(figures).flatMap(({ what, cell }) =>
      cell.reading.kind === 'text'
        ? [
            {
              cells: [at(cell.slot)],
              message: {
                key: 'not-a-number',
                params: { what, cell: at(cell.slot), text: cell.reading.text },
              },
            },
          ]
        : [],
    );
  },
};
