import { constants } from 'node:fs';
import { copyFile, link, unlink, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** `name`, then `stem (2).ext`, `stem (3).ext` …: the names tried so that nothing is overwritten. */
export function candidateName(name: string, attempt: number): string {
  if (attempt <= 1) return name;
  const ext = extname(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  return `${stem} (${attempt})${ext}`;
}

/**
 * Moves a file into `dir` under its name, or the first free variant of it: never overwrites (the new
 * name is claimed with a hard link, which fails when the name exists, then the old name goes).
 */
export async function moveWithoutOverwrite(source: string, dir: string, name: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const target = join(dir, candidateName(name, attempt));
    try {
      await link(source, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
      try {
        await copyFile(source, target, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw copyError;
      }
    }
    await unlink(source);
    return target;
  }
}

/** Writes a new file in `dir` under `name` or the first free variant of it. */
export async function writeWithoutOverwrite(dir: string, name: string, data: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const target = join(dir, candidateName(name, attempt));
    try {
      await writeFile(target, data, { flag: 'wx' });
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
