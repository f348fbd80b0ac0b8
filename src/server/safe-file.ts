import { lstat, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';

export class UnsafePathError extends Error {
  override name = 'UnsafePathError';
}

/**
 * The path of a file directly inside `dir` named by a request, or UnsafePathError: no separators
 * (plain or encoded), no `.`/`..`, no hidden files, no NUL, and the file must be a regular file, not
 * a symlink, whose real path is inside the directory's real path. Returns undefined when there is no
 * such file.
 */
export async function fileInside(dir: string, name: string, rawUrl: string): Promise<string | undefined> {
  if (/%2f|%5c|%00|%2e%2e/i.test(rawUrl)) throw new UnsafePathError('encoded separators are not allowed in file names');
  if (name === '' || name.length > 255 || /[/\\\0]/.test(name) || name.startsWith('.') || name.includes('..')) {
    throw new UnsafePathError(`not a file name of this run: ${name}`);
  }
  const path = join(dir, name);
  const info = await lstat(path).catch(() => undefined);
  if (!info) return undefined;
  if (info.isSymbolicLink()) throw new UnsafePathError(`${name} is a symbolic link: not served`);
  if (!info.isFile()) return undefined;
  const [realDir, realFile] = await Promise.all([realpath(dir), realpath(path)]);
  if (!realFile.startsWith(realDir + sep)) throw new UnsafePathError(`${name} is outside the run directory`);
  return realFile;
}
