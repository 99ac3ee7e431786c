/**
 * Workbooks whose cells and sheet names carry hostile text (issue 10): a real form written by
 * exceljs with placeholders, then the placeholders replaced by raw XML in the package's parts,
 * so that a test controls exactly how the text is stored (raw characters, OOXML's `_xHHHH_`
 * escapes, XML character references, or the literal text `&#27;`).
 */
import { readFileSync, writeFileSync } from 'fs';
import JSZip from 'jszip';
import { SheetSpec } from '../fixtures/seed';
import { writeXlsx } from '../fixtures/workbook';
import { Entry, zip } from './make';

/** Writes `sheets` to `path`, then replaces each key of `xml` by its value in every XML part. */
export async function writePatched(
  path: string,
  sheets: readonly SheetSpec[],
  xml: Readonly<Record<string, string>> = {},
  extra: readonly Entry[] = [],
): Promise<void> {
  await writeXlsx(path, sheets);
  const z = await JSZip.loadAsync(readFileSync(path));
  const entries: Entry[] = [];
  for (const name of Object.keys(z.files)) {
    if (z.files[name].dir) continue;
    let data = await z.file(name)!.async('string');
    for (const [from, to] of Object.entries(xml)) data = data.split(from).join(to);
    entries.push({ name, data });
  }
  writeFileSync(path, zip([...entries, ...extra]));
}

/** How a hostile text is stored in the package's XML. */
export const STORED = {
  /** the characters themselves (not well-formed XML, but a hostile file need not be) */
  raw: '\u001b[2J\u001b]0;pwned\u0007\u0000\u202egnp',
  /** OOXML's escapes, as Excel writes a control character in a cell */
  escaped: '_x001B_[2J_x001B_]0;pwned_x0007__x0000__x202E_gnp',
  /** XML character references (those to control characters are not well-formed XML) */
  references: '&#27;[2J&#x1b;]0;pwned&#7;&#0;&#x202E;gnp',
  /** the text `&#27;` and `&#0;` in the cell, inside markup: `<b>&#27;[2J&#0;&#8238;</b>gnp` */
  literal: '&lt;b&gt;&amp;#27;[2J&amp;#0;&amp;#8238;&lt;/b&gt;gnp',
} as const;

/** The same text as the cell holds it once read. */
export const READ: Record<keyof typeof STORED, string> = {
  raw: '\u001b[2J\u001b]0;pwned\u0007\u0000\u202egnp',
  escaped: '\u001b[2J\u001b]0;pwned\u0007\u0000\u202egnp',
  references: '&#27;[2J&#x1b;]0;pwned&#7;&#0;\u202egnp',
  literal: '<b>&#27;[2J&#0;&#8238;</b>gnp',
};
