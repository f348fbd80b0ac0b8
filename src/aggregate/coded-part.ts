import { open, type FileHandle } from 'node:fs/promises';
import type { FileSummary } from '../queue/job-types.js';
import { sharedSliceLength } from '../runtime/detached-string.js';
import { withRoom } from '../runtime/grow-arrays.js';
import { runLayout } from '../runs/run-layout.js';
import type { CodedPost } from '../types/contracts.js';
import { codedRowRenderer, engagementRateOf, type CodebookOutline, type CodedPostRow } from './coded-post-columns.js';
import { postKey } from './deduplicate.js';
import { accountKey, factsOf, type PostFacts } from './post-facts.js';
import { partKey, placesOfParts, type PartLog, type PartPlace } from './part-log.js';
import { applyPrivacy, type PostPrivacy } from './pseudonymise.js';
import { usesTargets } from './shared-targets.js';
import type { TableColumn } from './table-column.js';

/**
 * A coded batch as the coding worker leaves it for the aggregate step, a record in the worker's
 * log (part-log.ts): its rows of coded_posts.csv, rendered (privacy applied), and its entries: per
 * post what the aggregate needs besides the row, as columns (one array per field). Rendering in
 * the coding workers spreads that work over every core; the aggregate step then copies kept rows
 * without parsing them.
 *
 * The entries are three JSON lines. The first holds what the aggregate's first pass reads of
 * every post: its identity for deduplication, its account and, for a CTA post with targets, those
 * targets (SharedTargets). The second holds the byte length of each post's row and the accounts
 * again, and the third the facts the derived tables are built from: the second pass parses those
 * two alone (PartEntries). Columns rather than a JSON line per
 * post: one JSON.parse per batch and no field names, which halved the aggregate step's parsing
 * (CPU profiles of a million posts: 2.5 s instead of about 5 s) and the coding workers' writing.
 */
export interface PartCopies {
  /** Platform and post id (postKey). */
  key: string[];
  /** When the export tool collected the post, ISO UTC; '' where unknown. */
  collectedAt: string[];
  /** Interactions; -1 where unknown. */
  engagement: number[];
  /** The post's accountKey. */
  account: string[];
  /** The CTA targets of a CTA post (see usesTargets); [] for other posts. */
  targetsUsed: (readonly string[])[];
}

/** The four lists of a post's facts. */
const listFields = ['categories', 'functions', 'targets', 'mentions'] as const satisfies readonly (keyof PostFacts)[];
type ListField = (typeof listFields)[number];

/** The text fields of a post's account, written as TextCells. */
type AccountTextField = Extract<keyof PostFacts, 'accountId' | 'handle' | 'name'>;

/**
 * An account's id, handle or name in the facts: the value itself, null, or a number n for a short
 * value, the next n characters of the batch's `short` text of that field. V8 looks every string
 * of ten characters or fewer that JSON.parse meets up in its table of internalized strings, and
 * handles and names are often that short: JSON.parse took 106–119 ns for each of them against
 * 38–41 ns for longer ones (a scratch script: batches of 1,000 handles and names of 20,000
 * accounts), and both of the aggregate step's threads parse every post's. A slice shorter than sharedSliceLength
 * (runtime/detached-string.ts) is a copy, so the values read out of the short text do not hold it.
 */
type TextCell = string | number | null;

/** Longest value written in the short text: its slices are copies (V8 shares longer ones with the text they come from). */
const SHORT_TEXT = sharedSliceLength - 1;

/**
 * The facts of a batch's posts as columns, one array per field of PostFacts; a list field holds,
 * per post, the index of its list in `lists`, the batch's distinct lists (0: the empty one). Most
 * posts have no category, no target and no mention: parsing an array for each of their four lists
 * made four objects per post, which the aggregate step's two threads then collected, and made
 * about a third of their time parsing the facts (one batch in one process: 0.51 against 0.33 ms).
 * The platform is an index in `platforms`, the batch's distinct platforms (mostly one).
 */
export type FactColumns = { [F in Exclude<keyof PostFacts, ListField | AccountTextField | 'platform' | 'engagementRate'>]: PostFacts[F][] } & { [F in ListField]: number[] } & {
  [F in AccountTextField]: TextCell[];
} & { lists: (readonly string[])[]; platform: number[]; platforms: string[]; short: Record<AccountTextField, string> };

/**
 * The fields written as they are. Not the engagement rate, which the reader works out from the
 * interactions and followers as factsOf did: written, each rate was a double printed and parsed
 * back, the dearest number column of the line on both sides.
 */
const factFields = ['createdMs', 'ctaAny', 'sentimentScore', 'followers', 'interactions'] as const satisfies readonly Exclude<keyof PostFacts, ListField | AccountTextField>[];

const copyFields = ['key', 'collectedAt', 'engagement', 'account', 'targetsUsed'] as const satisfies readonly (keyof PartCopies)[];

/** Written in the first line, so that entries of another layout are told apart from damage. */
export const entriesVersion = 9;

export interface CodedPart {
  /** The rows of coded_posts.csv, UTF-8. */
  rows: Buffer;
  /** Bytes of each post's row in `rows`. */
  rowBytes: number[];
  copies: PartCopies;
  facts: FactColumns;
}

/** How a run renders its rows: the codebook, the coded_posts.csv columns of its options, its privacy settings. */
export interface RowRendering {
  outline: CodebookOutline;
  columns: readonly TableColumn<CodedPostRow>[];
  privacy: PostPrivacy;
}

export function renderCodedPart(posts: Iterable<CodedPost>, rendering: RowRendering): CodedPart {
  const { outline, columns, privacy } = rendering;
  const rows = new RowBytes();
  const renderRow = codedRowRenderer(columns);
  // Object literals with every field named, and each pushed to by name: built from the lists of
  // field names (Object.fromEntries and a spread), each batch's columns had a map of their own, so
  // every push went through V8's megamorphic lookups (--log-ic).
  const copies: PartCopies = { key: [], collectedAt: [], engagement: [], account: [], targetsUsed: [] };
  const rowBytes: number[] = [];
  const lists = new DistinctLists();
  const platforms: string[] = [];
  const texts = new ShortTexts();
  const facts: FactColumns = {
    createdMs: [], ctaAny: [], sentimentScore: [], followers: [], interactions: [],
    categories: [], functions: [], targets: [], mentions: [],
    accountId: [], handle: [], name: [], platform: [],
    lists: lists.lists, platforms, short: texts.short,
  };
  for (const coded of posts) {
    const shown = applyPrivacy(coded, privacy);
    rowBytes.push(rows.add(renderRow({ coded: shown, codebook: outline })));
    const post = factsOf(shown);
    copies.key.push(postKey(coded.post));
    copies.collectedAt.push(coded.post.collected_at ?? '');
    copies.engagement.push(post.interactions ?? -1);
    copies.account.push(accountKey(post));
    copies.targetsUsed.push(usesTargets(post) ? post.targets : []);
    facts.createdMs.push(post.createdMs);
    facts.ctaAny.push(post.ctaAny);
    facts.sentimentScore.push(post.sentimentScore);
    facts.followers.push(post.followers);
    facts.interactions.push(post.interactions);
    facts.categories.push(lists.indexOf(post.categories));
    facts.functions.push(lists.indexOf(post.functions));
    facts.targets.push(lists.indexOf(post.targets));
    facts.mentions.push(lists.indexOf(post.mentions));
    facts.accountId.push(texts.cell('accountId', post.accountId));
    facts.handle.push(texts.cell('handle', post.handle));
    facts.name.push(texts.cell('name', post.name));
    let platform = platforms.indexOf(post.platform);
    if (platform < 0) platform = platforms.push(post.platform) - 1;
    facts.platform.push(platform);
  }
  return { rows: rows.done(), rowBytes, copies, facts };
}

/** A batch's short account texts (see TextCell), one per field. */
class ShortTexts {
  readonly short: Record<AccountTextField, string> = { accountId: '', handle: '', name: '' };

  cell(field: AccountTextField, value: string | null): TextCell {
    if (value === null || value.length > SHORT_TEXT) return value;
    this.short[field] += value;
    return value.length;
  }
}

/** A batch's distinct lists, each numbered once: the empty list is 0. */
class DistinctLists {
  readonly lists: (readonly string[])[] = [[]];
  private readonly numbers = new Map<string, number>();

  indexOf(list: readonly string[]): number {
    if (list.length === 0) return 0;
    // One value as itself behind a 1, more as JSON (which begins with a bracket): no two lists share a key.
    const key = list.length === 1 ? `1${list[0]!}` : JSON.stringify(list);
    let number = this.numbers.get(key);
    if (number === undefined) {
      number = this.lists.length;
      this.lists.push(list);
      this.numbers.set(key, number);
    }
    return number;
  }
}

/**
 * A batch's rows encoded to UTF-8 one at a time, into a buffer that doubles as needed: each row is
 * encoded while it is still in the cache, its byte length comes with it, and the batch's text is
 * never joined into one string (about 0.5 MB, kept on the heap and flattened and encoded whole to
 * be written: about 2 µs per post more).
 */
class RowBytes {
  // Twice a batch of 1,000 typical rows (0.5 kB each): most batches never grow it.
  private buffer: Buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  /** Appends the row; returns its length in bytes. */
  add(row: string): number {
    // A UTF-16 code unit takes at most three bytes in UTF-8 (a lone surrogate becomes U+FFFD).
    this.buffer = withRoom(this.buffer, this.used, this.used + row.length * 3);
    const written = this.buffer.write(row, this.used, 'utf8');
    this.used += written;
    return written;
  }

  done(): Buffer {
    return this.buffer.subarray(0, this.used);
  }
}

/** Appends the batch to the worker's log: the aggregate step finds it there. */
export function writeCodedPart(log: PartLog, fileIndex: number, batchIndex: number, part: CodedPart): void {
  const lines = [{ version: entriesVersion, ...part.copies }, { version: entriesVersion, bytes: part.rowBytes, account: part.copies.account }, part.facts];
  log.append(fileIndex, batchIndex, lines.flatMap((line) => [JSON.stringify(line), '\n']), part.rows);
}

/** The second and third lines as read: the rows' byte lengths and the accounts, then the facts. */
type SecondLine = { bytes: number[]; account: string[]; version?: unknown };
type SecondPass = SecondLine & { facts: FactColumns; accountId: TextColumn; handle: TextColumn; name: TextColumn };

/** A field's TextCells with the batch's short text of that field and, per post, where its short value starts in it. */
interface TextColumn {
  cells: readonly TextCell[];
  short: string;
  starts: Int32Array;
}

function textAt({ cells, short, starts }: TextColumn, i: number): string | null {
  const cell = cells[i]!;
  return typeof cell === 'number' ? short.slice(starts[i], starts[i]! + cell) : cell;
}

/**
 * A batch's entries as read back, each line decoded and parsed when first asked for: the first
 * pass reads the copies (the first line) and nothing else; the second pass (both of its threads)
 * the second line, which repeats the rows' byte lengths and the accounts for it, and the third,
 * the facts. Parsing the first line again, every post's key with it, took each thread about as
 * long as a quarter of the facts. Three lines rather than two: V8 puts a string above 128 kB on
 * pages of its own, freshly mapped, and the facts with the accounts in one line were just above
 * that in the bench export (70,000 more page faults over a million posts).
 */
export class PartEntries {
  private readonly lines: Buffer[];
  private parsedCopies: PartCopies | null = null;
  private parsedSecond: SecondPass | null = null;

  /** `bytes`: the batch's entries; `where`: the batch, for the error when they are not a batch's entries. */
  constructor(bytes: Buffer, private readonly where: string) {
    const first = bytes.indexOf(10);
    const second = first < 0 ? -1 : bytes.indexOf(10, first + 1);
    if (second < 0) throw damaged(where);
    this.lines = [bytes.subarray(0, first), bytes.subarray(first + 1, second), bytes.subarray(second + 1)];
  }

  /** The first line: what deduplication and the shared targets need of every post. */
  get copies(): PartCopies {
    return (this.parsedCopies ??= this.parseCopies());
  }

  /** Posts in the batch (from the second line). */
  get length(): number {
    return this.second().bytes.length;
  }

  /** Bytes of each post's row in the batch's rows (from the second line). */
  get rowBytes(): readonly number[] {
    return this.second().bytes;
  }

  /** Each post's accountKey (from the second line). */
  get accounts(): readonly string[] {
    return this.second().account;
  }

  /** The facts of the batch's post `i`. */
  facts(i: number): PostFacts {
    const pass = this.second();
    const c = pass.facts;
    const { lists } = c;
    return {
      platform: c.platforms[c.platform[i]!]!, accountId: textAt(pass.accountId, i), handle: textAt(pass.handle, i), name: textAt(pass.name, i), createdMs: c.createdMs[i]!, ctaAny: c.ctaAny[i]!,
      categories: lists[c.categories[i]!]!, functions: lists[c.functions[i]!]!, targets: lists[c.targets[i]!]!, mentions: lists[c.mentions[i]!]!,
      sentimentScore: c.sentimentScore[i]!, followers: c.followers[i]!, interactions: c.interactions[i]!, engagementRate: engagementRateOf(c.interactions[i]!, c.followers[i]!),
    };
  }

  private parseCopies(): PartCopies {
    const copies = parseColumns(this.lines[0]!.toString('utf8'), this.where) as (PartCopies & { version?: unknown }) | null;
    if (copies === null || copies.version !== entriesVersion) throw damaged(this.where);
    copyFields.reduce((length, field) => sameLength(copies[field], length, this.where), -1);
    return copies;
  }

  private second(): SecondPass {
    return (this.parsedSecond ??= this.parseSecond());
  }

  private parseSecond(): SecondPass {
    const line = parseColumns(this.lines[1]!.toString('utf8'), this.where) as SecondLine | null;
    if (line === null || line.version !== entriesVersion) throw damaged(this.where);
    const length = sameLength(line.bytes, -1, this.where);
    sameLength(line.account, length, this.where);
    const facts = parseColumns(this.lines[2]!.toString('utf8'), this.where) as FactColumns | null;
    if (facts === null || !Array.isArray(facts.lists) || !facts.lists.every(Array.isArray)) throw damaged(this.where);
    for (const field of factFields) sameLength(facts[field], length, this.where);
    for (const field of listFields) sameIndexes(facts[field], length, facts.lists.length, this.where);
    if (!Array.isArray(facts.platforms) || !facts.platforms.every((p) => typeof p === 'string')) throw damaged(this.where);
    sameIndexes(facts.platform, length, facts.platforms.length, this.where);
    const text = (field: AccountTextField) => textColumn(facts[field], facts.short?.[field], length, this.where);
    // Written out rather than spread ({ ...line }): the spread gave each batch's object a map of its
    // own, so that reading a post's facts went through V8's megamorphic lookups (--log-ic).
    return { bytes: line.bytes, account: line.account, facts, accountId: text('accountId'), handle: text('handle'), name: text('name') };
  }
}

/** Checks a column of indexes into a list of `known` entries. */
function sameIndexes(column: unknown, length: number, known: number, where: string): void {
  sameLength(column, length, where);
  for (const index of column as unknown[]) if (!(Number.isInteger(index) && (index as number) >= 0 && (index as number) < known)) throw damaged(where);
}

/** Checks a field's TextCells against its short text, and finds where each short value starts in it. */
function textColumn(cells: unknown, short: unknown, length: number, where: string): TextColumn {
  sameLength(cells, length, where);
  if (typeof short !== 'string') throw damaged(where);
  const starts = new Int32Array(length);
  let at = 0;
  for (let i = 0; i < length; i++) {
    const cell = (cells as unknown[])[i];
    starts[i] = at;
    if (typeof cell === 'number') {
      if (!(Number.isInteger(cell) && cell >= 0)) throw damaged(where);
      at += cell;
    } else if (cell !== null && typeof cell !== 'string') throw damaged(where);
  }
  if (at !== short.length) throw damaged(where);
  return { cells: cells as TextCell[], short, starts };
}

function parseColumns(json: string, where: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    throw damaged(where);
  }
}

/** The column's length, which must be `expected` (or anything, where that is -1). */
function sameLength(column: unknown, expected: number, where: string): number {
  if (!Array.isArray(column) || (expected >= 0 && column.length !== expected)) throw damaged(where);
  return column.length;
}

const damaged = (where: string) => new Error(`${where} is damaged or was written by another version of ctacode: code the run again`);

export interface PartOfRun {
  file: FileSummary;
  batch: number;
  entries: PartEntries;
  /** The batch's rendered rows, where asked for. */
  rows: Buffer | null;
}

/**
 * The entries (and, with `withRows`, the rendered rows) of every coded batch of the given files,
 * in input order (file, then batch). The next batch is read while the caller works on this one,
 * so that reading the logs overlaps the work.
 */
export async function* readPartEntries(runDir: string, files: readonly FileSummary[], { withRows = false } = {}): AsyncGenerator<PartOfRun> {
  const places = placesOfParts(runDir);
  const logs = new LogReader();
  try {
    const batches = files.flatMap((file) => Array.from({ length: file.batches }, (_, batch) => ({ file, batch })));
    const work = runLayout.work(runDir);
    const read = ({ file, batch }: { file: FileSummary; batch: number }) => readPart(logs, places.get(partKey(file.index, batch)), work, file, batch, withRows);
    let next = batches.length > 0 ? read(batches[0]!) : null;
    for (let i = 0; next !== null; i++) {
      const current = next;
      next = i + 1 < batches.length ? read(batches[i + 1]!) : null;
      // A read that fails while its turn has not come must not count as unhandled.
      next?.catch(() => undefined);
      yield await current;
    }
  } finally {
    await logs.close();
  }
}

/** `work`: the run's .work folder, where the logs were looked for. */
async function readPart(logs: LogReader, place: PartPlace | undefined, work: string, file: FileSummary, batch: number, withRows: boolean): Promise<PartOfRun> {
  if (place === undefined) {
    throw new Error(
      `coded batch ${batch} of ${file.name} is missing: a coding job finished without writing it; code the run again (no log in ${work} holds it whole: a worker on a machine that mounts the data folder at another path writes its logs elsewhere, so check the mounts first)`,
    );
  }
  const [bytes, rows] = await Promise.all([logs.read(place.path, place.entriesAt, place.entriesLength), withRows ? logs.read(place.path, place.rowsAt, place.rowsLength) : null]);
  return { file, batch, entries: new PartEntries(bytes, `coded batch ${batch} of ${file.name} (${place.path} at byte ${place.entriesAt})`), rows };
}

/** The logs of a run, each opened once and kept open while their batches are read. */
class LogReader {
  private readonly handles = new Map<string, Promise<FileHandle>>();

  async read(path: string, at: number, length: number): Promise<Buffer> {
    let handle = this.handles.get(path);
    if (handle === undefined) {
      handle = open(path, 'r');
      this.handles.set(path, handle);
    }
    const bytes = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const { bytesRead } = await (await handle).read(bytes, done, length - done, at + done);
      if (bytesRead === 0) throw new Error(`${path} ends before byte ${at + length}: it was cut short after it was read; code the run again`);
      done += bytesRead;
    }
    return bytes;
  }

  async close(): Promise<void> {
    const opened = await Promise.allSettled(this.handles.values());
    await Promise.all(opened.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
  }
}
