import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { workerData } from 'node:worker_threads';
import { keptFolder, keptValue } from '../runtime/kept-value.js';

/**
 * ELD's "small" detector with its 4-gram database held in typed arrays. `import 'eld/small'` keeps
 * the database as an object literal of 81,206 objects for as long as the process runs: 46 MB of
 * heap in every isolate that codes (the main thread and each coding thread). Here the same
 * database takes about 1.3 MB, and detection runs ELD's own code: its detector is built from
 * ELD's languageDetector.js and given the database through a read-only view that answers each
 * 4-gram lookup with the same {language: score} object the literal holds. ELD's scores are
 * integers, so the results are identical to `eld/small` (test/unit/coding/eld-compact.test.ts
 * compares them word by word). Both files are read from eld's own layout (src/languageDetector.js,
 * src/ngrams/small.js), which the package does not export: package-lock.json pins eld, and that
 * test fails if an update moves or changes them. The compact database is kept on disk once made
 * (smallDatabase), so a process that codes does not evaluate ELD's file at every start.
 */

/** The public part of an ELD instance that ctacode uses. */
export interface EldDetector {
  detect(text: string): { language: string; getScores(): Record<string, number> };
  info(): { Languages: Record<string, string> };
}

interface EldData {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

/** The installed `eld/small` entry: the database and ELD's detector are found next to it. */
const smallEntry = import.meta.resolve('eld/small');

interface EldModule {
  createEld(): { instance: EldDetector; loadData(data: EldData): string };
}

/** The database, compact: sorted 4-gram keys, and per key a run of (language, score) byte pairs. */
interface CompactNgrams {
  keys: Float64Array;
  starts: Uint32Array;
  pairs: Uint8Array;
}

/** ELD's database as this module holds it; plain data, so a coding thread can be handed it (workerData). */
export interface EldDatabase {
  type: string;
  languages: Record<string, string>;
  ngrams: CompactNgrams;
}

/**
 * A 4-gram (3 to 6 characters, each one byte of UTF-8 in ELD's own spelling, code < 256) as one
 * number: its characters in base 256, below 2^48 and so exact in a double. No character is 0,
 * so keys of different lengths never collide.
 */
function keyNumber(ngram: string): number {
  let value = 0;
  for (let i = 0; i < ngram.length; i++) {
    const code = ngram.charCodeAt(i);
    if (code === 0 || code > 255) return -1;
    value = value * 256 + code;
  }
  return ngram.length > 6 ? -1 : value;
}

const notPinned = 'the installed eld package is not the version package-lock.json pins; run npm ci';
const fitsByte = (value: number) => Number.isInteger(value) && value >= 0 && value <= 255;

function compact(ngrams: EldData['ngrams']): CompactNgrams {
  const entries: [number, Record<string, number>][] = [];
  for (const ngram of Object.keys(ngrams)) {
    const key = keyNumber(ngram);
    if (key < 0) throw new Error(`ELD 4-gram ${JSON.stringify(ngram)} does not fit the compact database: ${notPinned}`);
    entries.push([key, ngrams[ngram]!]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const keys = new Float64Array(entries.length);
  const starts = new Uint32Array(entries.length + 1);
  const pairs: number[] = [];
  entries.forEach(([key, scores], i) => {
    keys[i] = key;
    starts[i] = pairs.length / 2;
    for (const language of Object.keys(scores)) {
      const score = scores[language]!;
      const index = Number(language);
      if (!fitsByte(score) || !fitsByte(index)) throw new Error(`ELD score ${score} of language ${language} does not fit the compact database: ${notPinned}`);
      pairs.push(index, score);
    }
  });
  starts[entries.length] = pairs.length / 2;
  return { keys, starts, pairs: Uint8Array.from(pairs) };
}

/** The read-only view ELD looks its 4-grams up in: `ngrams[gram]` gives {language: score} or undefined. */
function lookupView({ keys, starts, pairs }: CompactNgrams): EldData['ngrams'] {
  const find = (ngram: string): number => {
    const key = keyNumber(ngram);
    let low = 0;
    let high = keys.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = keys[middle]!;
      if (at === key) return middle;
      if (at < key) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  };
  return new Proxy({} as EldData['ngrams'], {
    get(_target, ngram) {
      if (typeof ngram !== 'string') return undefined;
      const index = find(ngram);
      if (index < 0) return undefined;
      const scores: Record<string, number> = {};
      for (let p = starts[index]!; p < starts[index + 1]!; p++) scores[pairs[2 * p]!] = pairs[2 * p + 1]!;
      return scores;
    },
  });
}

/** ELD's file of the "small" database, in the installed package. */
const smallFile = fileURLToPath(new URL('../ngrams/small.js', smallEntry));

/**
 * ELD's "small" database, compact. Evaluating ELD's file and compacting it took about 0.3 s and
 * left some 100 MB of garbage at the start of every process that codes, so the result is kept in
 * `cacheDir` (null: not kept), named by the sha256 of ELD's file: another ELD version has another
 * name. A kept copy that cannot be read or fails its own checksum is made again; a folder that
 * cannot be written to (a read-only install) only costs the time.
 */
export function smallDatabase(cacheDir: string | null): EldDatabase {
  const source = readFileSync(smallFile, 'utf8');
  if (cacheDir === null) return evaluateSmallDatabase(source);
  const kept = join(cacheDir, `eld-small-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.v8`);
  return keptValue(kept, () => evaluateSmallDatabase(source), isWholeDatabase);
}

/**
 * The database from ELD's file, evaluated without importing it: in a context of its own, so that
 * nothing keeps the object literal once it is compacted.
 */
function evaluateSmallDatabase(source: string): EldDatabase {
  const sandbox: { ngramsData?: EldData } = {};
  runInNewContext(source.replace(/\bexport\s+const\s+ngramsData\s*=/, 'globalThis.ngramsData ='), sandbox, { filename: smallFile });
  const data = sandbox.ngramsData;
  if (!data || typeof data.type !== 'string' || typeof data.ngrams !== 'object') throw new Error(`${smallFile} holds no ELD database: ${notPinned}`);
  return { type: data.type, languages: { ...data.languages }, ngrams: compact(data.ngrams) };
}

function isWholeDatabase(value: unknown): value is EldDatabase {
  const database = value as EldDatabase;
  const { keys, starts, pairs } = database.ngrams ?? {};
  const whole = keys instanceof Float64Array && starts instanceof Uint32Array && pairs instanceof Uint8Array && starts.length === keys.length + 1 && 2 * starts[keys.length]! === pairs.length;
  return whole && typeof database.type === 'string' && typeof database.languages === 'object';
}

async function detectorOf({ type, languages, ngrams }: EldDatabase): Promise<EldDetector> {
  const { createEld } = (await import(new URL('../languageDetector.js', smallEntry).href)) as EldModule;
  const { instance, loadData } = createEld();
  loadData({ type, languages, ngrams: lookupView(ngrams) });
  return instance;
}

/**
 * A coding thread is handed the main thread's database (coding-threads.ts), a 1.3 MB copy:
 * evaluating ELD's file again would briefly take some 50 MB more in each thread as it starts.
 */
const handed = (workerData as { eldDatabase?: EldDatabase } | null)?.eldDatabase;

/** This isolate's database, to hand to a coding thread. */
export const eldDatabase: EldDatabase = handed ?? smallDatabase(keptFolder);

export const eld: EldDetector = await detectorOf(eldDatabase);
