/// <reference types="office-js" />
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { officeHost } from '../excel/officeHost';
import { App } from './App';
import { langOf } from './i18n';

Office.onReady((info) => {
  const root = createRoot(document.getElementById('container') as HTMLElement);
  if (info.host !== Office.HostType.Excel) {
    root.render(<p>Ziping works in Excel. 本加载项只能在 Excel 中使用。</p>);
    return;
  }
  // the pane follows sheet activation and the clerk's edits itself, through the host's events
  root.render(<App host={officeHost} lang={langOf(Office.context.displayLanguage)} />);
});
