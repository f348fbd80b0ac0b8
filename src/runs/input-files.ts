import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';

/** File endings taken from a folder; a file named on the command line is always taken. */
export const exportExtensions = ['.csv', '.tsv', '.tab', '.txt', '.json', '.jsonl', '.ndjson', '.xlsx'];

export class InputError extends Error {
  override name = 'InputError';
}

/**
 * The export files behind the paths a user gave: files as given, folders searched recursively for
 * export files (hidden files skipped), each folder's files in name order.
 */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) throw new InputError('no input: name one or more export files or folders');
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new InputError(`${path}: no such file or folder`);
    if (info.isFile()) files.push(resolve(path));
    else {
      const found = await exportsIn(resolve(path));
      if (found.length === 0) throw new InputError(`${path}: no export files in this folder (looked for ${exportExtensions.join(' ')})`);
      files.push(...found);
    }
  }
  return [...new Set(files)];
}

async function exportsIn(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await exportsIn(path)));
    else if (entry.isFile() && exportExtensions.includes(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}

/** Names recorded in the outputs: the base name, made unique with the folder where two files share one. */
export function displayNames(files: readonly string[]): string[] {
  const names = files.map((f) => basename(f));
  return names.map((name, i) => (names.indexOf(name) !== names.lastIndexOf(name) ? `${basename(resolve(files[i]!, '..'))}/${name}` : name));
}
