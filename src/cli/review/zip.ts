/**
 * The little of the zip format `review` needs: the entries of a workbook package, each kept as
 * stored (so an untouched part is copied byte for byte), and a writer. Node's zlib does the
 * (de)compression. No ZIP64: workbook packages are far below 4 GiB.
 *
 * A local reader until the shared one (src/io/zip.ts) lands; the integrator may swap it.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'zlib';

/** One entry as the package stores it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  /** The entry's data as stored (compressed when method is 8). */
  readonly raw: Buffer;
}

/** Past this, an entry's data is not inflated: a workbook part is never this big. */
export const MAX_ENTRY = 512 * 1024 * 1024;

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/** Every entry of a zip archive, in the central directory's order. */
export function readZip(buf: Buffer): ZipEntry[] {
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(end + 10);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) throw new ZipError('ZIP64 archives are not supported');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN) throw new ZipError('damaged central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipError('the package is encrypted');
    if (method !== 0 && method !== 8) throw new ZipError(`unsupported compression method ${method}`);
    if (size > MAX_ENTRY) throw new ZipError(`${name} is too large`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOC)
      throw new ZipError('damaged entry header');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + csize > buf.length) throw new ZipError(`${name} is truncated`);
    entries.push({ name, method, crc, size, raw: buf.subarray(start, start + csize) });
  }
  return entries;
}

/** An entry's content, checked against its size and CRC. */
export function entryData(e: ZipEntry): Buffer {
  const data = e.method === 0 ? e.raw : inflateRawSync(e.raw, { maxOutputLength: Math.max(1, e.size) });
  if (data.length !== e.size || crc32(data) >>> 0 !== e.crc >>> 0)
    throw new ZipError(`${e.name} is damaged (size or CRC mismatch)`);
  return data;
}

/** A new entry from its content, deflated. */
export function newEntry(name: string, data: Buffer | string): ZipEntry {
  const content = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return {
    name,
    method: 8,
    crc: crc32(content) >>> 0,
    size: content.length,
    raw: deflateRawSync(content, { level: 6 }),
  };
}

/** DOS date and time of a fixed moment (1 Jan 2020): the copies are reproducible. */
const DOS_TIME = 0;
const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1;

/** The zip archive of these entries. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(LOC, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x800, 6);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt16LE(DOS_TIME, 10);
    h.writeUInt16LE(DOS_DATE, 12);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.raw.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(CEN, 0);
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
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
