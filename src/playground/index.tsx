/**
 * The playground: the real task pane beside an in-memory workbook, driven through the same
 * adapter over the fake Excel API. The seed forms are preloaded; any .xlsx can be opened.
 */
import * as XLSX from '@e965/xlsx';
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { Grid } from '../engine/grid';
import { fakeWorkbookOf, FakeWorkbook } from '../excel/fake';
import { gridsOf } from '../io/sheetjs';
import { App } from '../taskpane/App';
import { langOf } from '../taskpane/i18n';
import { parseSeed, stackedSeedOf } from './seedForms';
import { SheetView } from './SheetView';
import seedText from '../../../shared/seed/putuo-2021-self-evaluations.tsv';
import css from './playground.css';

const style = document.createElement('style');
style.textContent = css;
document.head.append(style);

function seedBook(): FakeWorkbook {
  const spec = stackedSeedOf(parseSeed(seedText));
  return fakeWorkbookOf([new Grid({ name: '普陀区2021', cells: spec.cells, merges: spec.merges })]);
}

function Playground() {
  const params = new URLSearchParams(location.search);
  const lang = langOf(params.get('lang') ?? 'zh');
  const [book, setBook] = React.useState(seedBook);
  const [version, setVersion] = React.useState(0);
  const [error, setError] = React.useState('');

  const open = async (file: File) => {
    setError('');
    try {
      const wb = XLSX.read(new Uint8Array(await file.arrayBuffer()), {
        type: 'array',
        dense: true,
        cellNF: true,
        cellFormula: true,
      });
      setBook(fakeWorkbookOf(gridsOf(wb)));
      setVersion((v) => v + 1);
    } catch (e) {
      setError(`${file.name}: ${String((e as Error).message ?? e)}`);
    }
  };

  return (
    <div className="playground">
      <header>
        <strong>Ziping playground</strong>
        <label className="picker">
          {lang === 'zh' ? '打开工作簿…' : 'Open a workbook…'}
          <input
            type="file"
            accept=".xlsx,.xls"
            aria-label={lang === 'zh' ? '打开工作簿' : 'Open a workbook'}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void open(f);
            }}
          />
        </label>
        {error ? (
          <span role="alert" className="error">
            {error}
          </span>
        ) : null}
      </header>
      <div className="split">
        <SheetView book={book} />
        <aside className="pane" aria-label="task pane">
          <App key={version} host={book.host()} lang={lang} />
        </aside>
      </div>
    </div>
  );
}

createRoot(document.getElementById('container') as HTMLElement).render(<Playground />);
