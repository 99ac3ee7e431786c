/**
 * Writing a workbook package back with most of its parts untouched: an untouched part is copied
 * as the original stores it (its compressed bytes, CRC and sizes), so it is byte for byte the
 * original's and costs no inflate or deflate; a changed or new part is deflated. Reading (with
 * its size caps and CRC checks) is src/io/zip.ts's; its writer only takes whole contents, hence
 * this small writer with pass-through entries.
 */
import { crc32, deflateRawSync } from 'zlib';
import { ZipEntry, ZipError } from '../../io/zip';

/** One entry as it will be stored. */
export interface StoredEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  /** The data as stored (compressed when method is 8). */
  readonly raw: Buffer;
}

/** An entry of an opened archive, as it is stored there (not inflated, not checked). */
export function storedEntry(buf: Buffer, e: ZipEntry): StoredEntry {
  const p = e.offset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50)
    throw new ZipError('damaged', e.name, 'local header');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw new ZipError('damaged', e.name, 'truncated');
  return {
    name: e.name,
    method: e.method,
    crc: e.crc32,
    size: e.size,
    raw: buf.subarray(start, start + e.compressedSize),
  };
}

/** A new entry from its content, deflated. */
export function newEntry(name: string, data: Buffer | string): StoredEntry {
  const content = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, method: 8, crc: crc32(content) >>> 0, size: content.length, raw: deflateRawSync(content) };
}

/** DOS time and date of 1980-01-01 00:00: the same input gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** The zip archive of these entries, in order (UTF-8 names, no ZIP64). */
export function writeZip(entries: readonly StoredEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  if (entries.length > 0xfffe) throw new ZipError('too large', `${entries.length} entries`);
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    if (offset + e.raw.length >= 0xffffffff) throw new ZipError('too large', e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x800, 6);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt16LE(DOS_TIME, 10);
    h.writeUInt16LE(DOS_DATE, 12);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.raw.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt16LE(DOS_TIME, 12);
    c.writeUInt16LE(DOS_DATE, 14);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.raw.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, name, e.raw);
    centrals.push(c, name);
    offset += 30 + name.length + e.raw.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
