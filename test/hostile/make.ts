/**
 * Small generators of hostile workbooks (issue 10): each is built in memory when the tests run,
 * never committed. A minimal zip writer (Node's zlib) lets an entry carry a wrong CRC, a
 * corrupt deflate stream or a huge inflated size.
 */
import { crc32, createDeflateRaw, deflateRawSync } from 'zlib';

export interface Entry {
  readonly name: string;
  readonly data: Buffer | string;
  /** Replaces the entry's true CRC-32. */
  readonly crc?: number;
  /** Replaces the compressed bytes (with `size`, the inflated size the zip declares). */
  readonly raw?: Buffer;
  readonly size?: number;
  /** Stored, not deflated (deflating 100,000 small parts one by one takes seconds). */
  readonly store?: boolean;
}

/** A zip of deflated entries. */
export function zip(entries: readonly Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const stored = !!e.store && !e.raw;
    const raw = e.raw ?? (stored ? data : deflateRawSync(data));
    const crc = e.crc ?? crc32(data);
    const size = e.size ?? data.length;
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.allocUnsafe(30).fill(0); // pooled: a zip of 100,000 parts makes 400,000 of these
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8); // stored or deflated
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(raw.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.allocUnsafe(46).fill(0);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(stored ? 0 : 8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(raw.length, 20);
    dir.writeUInt32LE(size >>> 0, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, raw);
    central.push(dir, name);
    offset += 30 + name.length + raw.length;
  }
  const dirSize = central.reduce((s, b) => s + b.length, 0);
  // more entries than the end record's 16 bits hold: a ZIP64 end record and its locator carry the count
  const zip64 = entries.length > 0xffff;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  if (!zip64) return Buffer.concat([...parts, ...central, end]);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4); // the size of the rest of this record
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(entries.length), 24);
  end64.writeBigUInt64LE(BigInt(entries.length), 32);
  end64.writeBigUInt64LE(BigInt(dirSize), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + dirSize), 8);
  locator.writeUInt32LE(1, 16); // disks in all
  return Buffer.concat([...parts, ...central, end64, locator, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A sheet part: `rows` is the inside of <sheetData>, `after` what follows it (merges). */
export function sheetXml(rows: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

/** The parts of a workbook around its sheets; sheet i is xl/worksheets/sheet{i+1}.xml. */
export function workbookEntries(
  sheets: ReadonlyArray<{ name: string; xml?: string; entry?: Entry }>,
): Entry[] {
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('')}</Relationships>`,
    },
    ...sheets.map(
      (s, i) => s.entry ?? { name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml ?? sheetXml('') },
    ),
  ];
}

/** A one-sheet workbook. */
export const oneSheet = (xml: string): Buffer => zip(workbookEntries([{ name: 'Sheet1', xml }]));

/** Deflates the pieces one after another (never all in memory at once): the entry's bytes. */
export async function deflated(
  pieces: Iterable<Buffer>,
): Promise<{ raw: Buffer; crc: number; size: number }> {
  const stream = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  stream.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const p of pieces) {
    crc = crc32(p, crc);
    size += p.length;
    if (!stream.write(p)) await new Promise((r) => stream.once('drain', r));
  }
  stream.end();
  await ended;
  return { raw: Buffer.concat(out), crc, size };
}

function* repeat(head: string, chunk: Buffer, times: number, tail: string): Iterable<Buffer> {
  yield Buffer.from(head);
  for (let i = 0; i < times; i++) yield chunk;
  yield Buffer.from(tail);
}

/** A one-sheet workbook whose sheet part is the pieces, deflated as a stream. */
async function streamedSheet(pieces: Iterable<Buffer>): Promise<Buffer> {
  const { raw, crc, size } = await deflated(pieces);
  const entry: Entry = { name: 'xl/worksheets/sheet1.xml', data: '', raw, crc, size };
  return zip(workbookEntries([{ name: 'Sheet1', entry }]));
}

const [HEAD, TAIL] = sheetXml('@').split('@');

/** `n` rows (a multiple of 10,000) of one number each, without row or cell references: 26 bytes a row. */
export function tinyRows(n: number): Promise<Buffer> {
  const chunk = Buffer.from('<row><c><v>1</v></c></row>'.repeat(10_000));
  return streamedSheet(repeat(HEAD, chunk, n / 10_000, TAIL));
}

/** A sheet part that inflates to `mb` megabytes (blanks inside the sheet data) from a few hundred KB. */
export function zipBomb(mb: number): Promise<Buffer> {
  return streamedSheet(repeat(HEAD, Buffer.alloc(1024 * 1024, 0x20), mb, TAIL));
}

/** A workbook of `n` sheets, each one number; stored parts when `store` (quick to write for 100,000). */
export function manySheets(n: number, store = false): Buffer {
  return zip(
    workbookEntries(
      Array.from({ length: n }, (_, i) => ({
        name: `S${i + 1}`,
        entry: {
          name: `xl/worksheets/sheet${i + 1}.xml`,
          data: sheetXml(`<row r="1"><c r="A1"><v>${i}</v></c></row>`),
          store,
        },
      })),
    ),
  );
}
