/**
 * The command line's inputs: files, folders (searched with their subfolders) and wildcards that
 * the shell did not expand (Windows' cmd never does), each workbook once.
 */
import { readdirSync, realpathSync, statSync } from 'fs';
import { basename, dirname, join, resolve, sep } from 'path';

/** What a workbook's file name ends with. */
export const WORKBOOK = /\.(xlsx|xlsm|xls)$/i;

/** One input as the report names it: the path, or why it gave no workbook. */
export interface Input {
  readonly path: string;
  /** Set when the argument named nothing to check. */
  readonly problem?: 'empty-folder' | 'no-match';
}

/** Excel's lock files (`~$book.xlsx`) and hidden files are never workbooks to check. */
function skipped(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.');
}

/** `*` and `?` matched against one name, without regular expressions (linear in practice). */
export function globMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

const WILD = /[*?]/;

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Every path a wildcard names, segment by segment. */
function expandWildcard(pattern: string): string[] {
  const abs = pattern.startsWith(sep) || /^[A-Za-z]:[\\/]/.test(pattern);
  const parts = pattern.split(/[\\/]+/).filter((s, i) => s !== '' || i === 0);
  let bases = [abs ? parts[0] + sep : '.'];
  const rest = abs ? parts.slice(1) : parts;
  rest.forEach((part, i) => {
    const last = i === rest.length - 1;
    const next: string[] = [];
    for (const b of bases) {
      if (!WILD.test(part)) {
        const p = b === '.' && !abs ? part : join(b, part);
        if (last || isDir(p)) next.push(p);
        continue;
      }
      for (const name of entries(b)) {
        if (skipped(name) || !globMatch(part, name)) continue;
        const p = b === '.' && !abs ? name : join(b, name);
        if (last || isDir(p)) next.push(p);
      }
    }
    bases = next;
  });
  return bases;
}

/**
 * What `join(dir, name)` puts before the name of an entry of `dir`: the same for every name a
 * folder lists (none holds a separator, none is . or ..), found once per folder by joining a
 * one-letter name. A folder of 1,000 files is 1,000 concatenations, not 2,000 joins.
 */
function joinedPrefix(dir: string): string {
  return join(dir, 'x').slice(0, -1);
}

/**
 * The workbooks in a folder and its subfolders, in name order; links to folders are not followed.
 * `reals` gets the real path of each workbook that is a regular file (its folder's real path and
 * its name: no look-up per file); a link is left to `expandInputs`.
 */
function workbooksIn(dir: string, out: string[], seen: Set<string>, reals?: Map<string, string>): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let names: import('fs').Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const at = joinedPrefix(dir);
  const realAt = joinedPrefix(real);
  for (const d of names) {
    if (skipped(d.name)) continue;
    const p = at + d.name;
    if (d.isDirectory()) workbooksIn(p, out, seen, reals);
    else if ((d.isFile() || d.isSymbolicLink()) && WORKBOOK.test(d.name)) {
      out.push(p);
      if (d.isFile()) reals?.set(p, realAt + d.name);
    }
  }
}

/** The inputs the arguments name, each workbook once (by its real path), in the order given. */
export function expandInputs(args: readonly string[]): Input[] {
  const inputs: Input[] = [];
  const seen = new Set<string>();
  const reals = new Map<string, string>();
  const add = (path: string) => {
    let key = reals.get(path);
    if (key === undefined) {
      try {
        key = realpathSync(path);
      } catch {
        key = resolve(path);
      }
    }
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push({ path });
  };
  for (const arg of args) {
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(arg);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const found: string[] = [];
      workbooksIn(arg, found, new Set(), reals);
      if (found.length === 0) inputs.push({ path: arg, problem: 'empty-folder' });
      found.forEach(add);
    } else if (stat) add(arg);
    else if (WILD.test(basename(arg)) || WILD.test(dirname(arg))) {
      const found = expandWildcard(arg).flatMap((p) => {
        if (!isDir(p)) return WORKBOOK.test(p) ? [p] : [];
        const inDir: string[] = [];
        workbooksIn(p, inDir, new Set(), reals);
        return inDir;
      });
      if (found.length === 0) inputs.push({ path: arg, problem: 'no-match' });
      found.forEach(add);
    } else inputs.push({ path: arg }); // the reader says it does not exist
  }
  return inputs;
}
