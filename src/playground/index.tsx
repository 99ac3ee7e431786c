/**
 * The playground: the real task pane beside an in-memory workbook, driven through the same
 * adapter over the fake Excel API. The workbooks of examples/ are preloaded; any .xlsx can be
 * opened. A ribbon strip offers the add-in's ribbon commands on any sheet, as Excel does.
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import type { Family, Lang } from '../engine';
import { FAMILIES } from '../engine/families';
import { clearHighlights, insertTemplate, validateAndGrade } from '../excel/adapter';
import { FakeWorkbook } from '../excel/fake';
import { postPaneEvent, postRunResult } from '../taskpane/events';
import { App } from '../taskpane/App';
import { langOf, UI } from '../taskpane/i18n';
import { readWorkbookBytes, UnreadableWorkbook, workbookOf } from './openWorkbook';
import { SheetView } from './SheetView';
import putuo from '../../examples/putuo-2021.xlsx';
import national from '../../examples/national-example.xlsx';
import css from './playground.css';

const style = document.createElement('style');
style.textContent = css;
document.head.append(style);

/** A workbook bundled as a data: URL, read as the file picker reads a file. */
function bytesOfDataUrl(url: string): Uint8Array {
  return Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
}

function examplesBook(lang: Lang): FakeWorkbook {
  return workbookOf(
    [
      readWorkbookBytes('putuo-2021.xlsx', bytesOfDataUrl(putuo), lang),
      readWorkbookBytes('national-example.xlsx', bytesOfDataUrl(national), lang),
    ],
    lang,
  );
}

/** The add-in's ribbon tab, as the manifest defines it: the same commands, run the same way. */
function Ribbon({ book, lang }: { book: FakeWorkbook; lang: Lang }) {
  const t = UI[lang];
  const host = React.useMemo(() => book.host(), [book]);
  const command = (work: () => Promise<void>) => () =>
    void work().catch((error: unknown) => postPaneEvent({ kind: 'failed', error }));
  const insert = (family: Family) =>
    command(async () => {
      const name = await insertTemplate(host, family);
      postPaneEvent({ kind: 'changed', what: 'inserted', detail: name });
    });
  return (
    <div className="ribbon" role="toolbar" aria-label={t.ribbon}>
      <span className="ribbon-tab">{t.title}</span>
      <button type="button" onClick={command(async () => postRunResult(await validateAndGrade(host, lang)))}>
        {t.run}
      </button>
      <button
        type="button"
        onClick={command(async () => {
          const n = await clearHighlights(host);
          postPaneEvent({ kind: 'changed', what: 'cleared', detail: String(n) });
        })}
      >
        {t.clear}
      </button>
      <span className="ribbon-group" role="group" aria-label={t.insertTemplate}>
        <span>{t.insertTemplate}:</span>
        {FAMILIES.map((f) => (
          // under the group's own 插入空白模板, as the ribbon's menu lists its items: by label alone
          <button key={f.id} type="button" onClick={insert(f.id)}>
            {f.label[lang]}
          </button>
        ))}
      </span>
    </div>
  );
}

/** The task pane's width, as Excel lets the clerk drag it. */
const PANE_WIDTH = { initial: 360, min: 260, max: 640, step: 20 };

function Splitter({ width, onWidth, label }: { width: number; onWidth: (w: number) => void; label: string }) {
  const clamp = (w: number) => Math.min(PANE_WIDTH.max, Math.max(PANE_WIDTH.min, Math.round(w)));
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={PANE_WIDTH.min}
      aria-valuemax={PANE_WIDTH.max}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') onWidth(clamp(width + PANE_WIDTH.step));
        else if (e.key === 'ArrowRight') onWidth(clamp(width - PANE_WIDTH.step));
      }}
      onPointerDown={(e) => {
        const el = e.currentTarget;
        el.setPointerCapture(e.pointerId);
        const move = (m: PointerEvent) => onWidth(clamp(window.innerWidth - m.clientX));
        const up = () => {
          el.removeEventListener('pointermove', move);
          el.removeEventListener('pointerup', up);
        };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
      }}
    />
  );
}

function Playground() {
  const params = new URLSearchParams(location.search);
  const lang = langOf(params.get('lang') ?? 'zh');
  const t = UI[lang];
  const [book, setBook] = React.useState(() => examplesBook(lang));
  const [version, setVersion] = React.useState(0);
  const [error, setError] = React.useState('');
  const host = React.useMemo(() => book.host(), [book]);
  const [paneWidth, setPaneWidth] = React.useState(PANE_WIDTH.initial);

  const open = async (file: File) => {
    setError('');
    try {
      const read = readWorkbookBytes(file.name, new Uint8Array(await file.arrayBuffer()), lang);
      setBook(workbookOf([read], lang));
      setVersion((v) => v + 1);
    } catch (e) {
      setError(
        e instanceof UnreadableWorkbook ? e.message : `${file.name}: ${String((e as Error).message ?? e)}`,
      );
    }
  };

  return (
    <div className="playground">
      <header>
        <strong>Ziping playground</strong>
        {/* the browser's own file button speaks the browser's language: the pane's words instead */}
        <label className="picker">
          {t.openWorkbook}
          <input
            type="file"
            accept=".xlsx,.xls"
            aria-label={t.openWorkbookLabel}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
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
      <Ribbon key={`ribbon-${version}`} book={book} lang={lang} />
      <div className="split">
        <SheetView
          book={book}
          labels={{ sheets: t.sheetTitle, nameBox: t.nameBox }}
          onEdit={(ref, text) => book.type(ref, text)}
        />
        <Splitter width={paneWidth} onWidth={setPaneWidth} label={t.paneWidth} />
        <aside className="pane" aria-label="task pane" style={{ width: paneWidth }}>
          <App key={version} host={host} lang={lang} />
        </aside>
      </div>
    </div>
  );
}

createRoot(document.getElementById('container') as HTMLElement).render(<Playground />);
