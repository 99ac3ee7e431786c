/**
 * Writes a file atomically: a temporary file in the same folder, then a rename, so a reader
 * never sees half a file. (Local to `review` until the shared helper lands.)
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'fs';
import { basename, dirname, join } from 'path';

export function writeFileAtomic(path: string, data: Buffer): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'wx');
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
