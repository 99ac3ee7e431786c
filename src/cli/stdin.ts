/**
 * `ziping check -`: a workbook piped in. It is read up to the size limit into a private
 * temporary copy (the workers read files), which is removed after the check.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** The argument that names stdin. */
export const STDIN = '-';

export type StdinCopy = { readonly file: string; remove(): void } | { readonly problem: string };

/** Reads the stream to its end (at most `maxSizeMb`); the copy, or why there is none. */
export async function readStdin(
  stream: NodeJS.ReadableStream & { isTTY?: boolean; destroy?: () => void },
  maxSizeMb: number,
  lang: 'zh' | 'en',
): Promise<StdinCopy> {
  const zh = lang === 'zh';
  if (stream.isTTY) {
    return {
      problem: zh
        ? '标准输入是终端：请用管道或重定向传入工作簿（如 ziping check - < 自评表.xlsx）'
        : 'stdin is a terminal: pipe or redirect a workbook into it (ziping check - < form.xlsx)',
    };
  }
  const max = maxSizeMb * 1024 * 1024;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > max) {
        stream.destroy?.();
        return {
          problem: zh
            ? `标准输入太大（超过上限 ${maxSizeMb} MB；可用 --max-size 调整）`
            : `stdin is too large (over the limit of ${maxSizeMb} MB, see --max-size)`,
        };
      }
      chunks.push(buf);
    }
  } catch (e) {
    const why = String((e as Error)?.message ?? e).split('\n')[0];
    return { problem: zh ? `无法读取标准输入（${why}）` : `cannot read stdin (${why})` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ziping-stdin-'));
  const file = join(dir, 'stdin');
  writeFileSync(file, Buffer.concat(chunks, size), { mode: 0o600, flag: 'wx' });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
