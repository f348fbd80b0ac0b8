import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomicSync } from './atomic-write.js';
import { inProject } from './project-root.js';

/** Where values are kept: ctacode's own folder, as trusted as its code (ignored by git; the compiled JavaScript is in js/ beside them). */
export const keptFolder = inProject('.cache');

const digestBytes = 32;

/**
 * A value worked out once and kept in a file for the processes after: V8's serialisation of it,
 * then the sha256 of those bytes. The file's name must say everything the value depends on (the
 * caller puts a hash of its inputs in it). A kept copy that cannot be read, fails its checksum or
 * is not what `isWhole` expects is made again; a folder that cannot be written to (a read-only
 * install) only costs the time. What `make` throws is thrown, and nothing is kept.
 */
export function keptValue<T>(path: string, make: () => T, isWhole: (value: unknown) => value is T): T {
  const kept = readKept(path, isWhole);
  if (kept !== null) return kept;
  const value = make();
  keep(path, value);
  return value;
}

function keep(path: string, value: unknown): void {
  const bytes = serialize(value);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomicSync(path, Buffer.concat([bytes, createHash('sha256').update(bytes).digest()]));
  } catch {
    // Not kept: the next process makes it again.
  }
}

function readKept<T>(path: string, isWhole: (value: unknown) => value is T): T | null {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return null;
  }
  if (file.length <= digestBytes) return null;
  const bytes = file.subarray(0, file.length - digestBytes);
  if (!createHash('sha256').update(bytes).digest().equals(file.subarray(bytes.length))) return null;
  try {
    const value: unknown = deserialize(bytes);
    return isWhole(value) ? value : null;
  } catch {
    return null;
  }
}

/** Removes all but the `keep` most recently written files of `dir` whose names start with `prefix`: kept values of inputs that come and go. */
export function forgetOldest(dir: string, prefix: string, keep: number): void {
  try {
    const kept = readdirSync(dir)
      .filter((name) => name.startsWith(prefix))
      .map((name) => ({ path: join(dir, name), at: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { path } of kept.slice(keep)) rmSync(path, { force: true });
  } catch {
    // A folder that is missing or cannot be written to keeps nothing anyway.
  }
}
