/**
 * The playground: the real task pane beside an in-memory workbook, driven through the same
 * adapter over the fake Excel API. The workbooks of examples/ are preloaded (one sheet each);
 * any .xlsx can be opened.
 */
import * as XLSX from '@e965/xlsx';
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { Grid } from '../engine/grid';
import { fakeWorkbookOf, FakeWorkbook } from '../excel/fake';
import { gridsOf } from '../io/sheetjs';
import { App } from '../taskpane/App';
import { langOf } from '../taskpane/i18n';
import { SheetView } from './SheetView';
import putuo from '../../examples/putuo-2021.xlsx';
import national from '../../examples/national-example.xlsx';
import css from './playground.css';

const style = document.createElement('style');
style.textContent = css;
document.head.append(style);

const READ_OPTIONS: XLSX.ParsingOptions = { dense: true, cellNF: true, cellFormula: true };

/** A workbook bundled as a data: URL, read as the file picker reads a file. */
function gridsOfDataUrl(url: string): Grid[] {
  const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  return gridsOf(XLSX.read(bytes, { ...READ_OPTIONS, type: 'array' }));
}

function examplesBook(): FakeWorkbook {
  return fakeWorkbookOf([...gridsOfDataUrl(putuo), ...gridsOfDataUrl(national)]);
}

function Playground() {
  const params = new URLSearchParams(location.search);
  const lang = langOf(params.get('lang') ?? 'zh');
  const [book, setBook] = React.useState(examplesBook);
  const [version, setVersion] = React.useState(0);
  const [error, setError] = React.useState('');

  const open = async (file: File) => {
    setError('');
    try {
      const wb = XLSX.read(new Uint8Array(await file.arrayBuffer()), { ...READ_OPTIONS, type: 'array' });
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
