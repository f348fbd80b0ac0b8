import { readFile } from 'node:fs/promises';
import type { FileSummary } from '../queue/job-types.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { runLayout } from '../runs/run-layout.js';
import type { CodedPost } from '../types/contracts.js';
import { interactions, type CodebookOutline, type CodedPostRow } from './coded-post-columns.js';
import { csvRecord } from './csv-record.js';
import { postKey, type Copy } from './deduplicate.js';
import { factsOf, type PostFacts } from './post-facts.js';
import { applyPrivacy, type PostPrivacy } from './pseudonymise.js';
import { usesTargets } from './shared-targets.js';
import { renderCell, type TableColumn } from './table-column.js';

/**
 * A coded batch as the coding worker leaves it for the aggregate step, in two files: its rows of
 * coded_posts.csv, rendered (privacy applied), and one JSON line per post with what the aggregate
 * needs besides the row: the post's identity for deduplication, the byte length of its row, and
 * the facts the derived tables are built from. Rendering in the coding workers spreads that work
 * over every core; the aggregate step then copies kept rows without parsing them.
 */
export interface PartEntry extends Copy {
  /** Bytes of the post's row in the part's CSV (UTF-8). */
  bytes: number;
  /** A CTA post with targets: the only posts the first pass needs the facts of (see SharedTargets). */
  usesTargets: boolean;
  facts: PostFacts;
}

export interface CodedPart {
  rows: string;
  entries: PartEntry[];
}

/** How a run renders its rows: the codebook, the coded_posts.csv columns of its options, its privacy settings. */
export interface RowRendering {
  outline: CodebookOutline;
  columns: readonly TableColumn<CodedPostRow>[];
  privacy: PostPrivacy;
}

export function renderCodedPart(posts: Iterable<CodedPost>, rendering: RowRendering): CodedPart {
  const { outline, columns, privacy } = rendering;
  let rows = '';
  const entries: PartEntry[] = [];
  for (const coded of posts) {
    const shown = applyPrivacy(coded, privacy);
    const row = csvRecord(columns.map((c) => renderCell(c.cell({ coded: shown, codebook: outline }))));
    rows += row;
    const facts = factsOf(shown);
    entries.push({
      key: postKey(coded.post),
      collectedAt: coded.post.collected_at ?? '',
      engagement: interactions(coded.post) ?? -1,
      bytes: Buffer.byteLength(row),
      usesTargets: usesTargets(facts),
      facts,
    });
  }
  return { rows, entries };
}

/**
 * Rows first, entries last: a batch is coded once its entries file exists (both are written atomically).
 * An entry's line is its JSON without the facts, a tab, and the facts' JSON array (JSON text has
 * no raw tab): the aggregate's first pass reads every entry but needs the facts of few, and parsing them
 * was most of its time.
 */
export async function writeCodedPart(runDir: string, fileIndex: number, batchIndex: number, part: CodedPart): Promise<void> {
  await writeFileAtomic(runLayout.codedRows(runDir, fileIndex, batchIndex), part.rows);
  const lines = part.entries.map(({ facts, ...entry }) => `${JSON.stringify(entry)}\t${JSON.stringify(storedFacts(facts))}\n`);
  await writeFileAtomic(runLayout.codedEntries(runDir, fileIndex, batchIndex), lines.join(''));
}

/**
 * The facts as a JSON array rather than an object: the aggregate parses a million of them, and
 * without the field names that takes 40% less time (and disk).
 */
type StoredFacts = [
  platform: string,
  accountId: string | null,
  handle: string | null,
  name: string | null,
  createdAt: string | null,
  ctaAny: boolean,
  categories: readonly string[],
  functions: readonly string[],
  targets: readonly string[],
  mentions: readonly string[],
  sentimentScore: number | null,
  followers: number | null,
  interactions: number | null,
  engagementRate: number | null,
];

const storedFacts = (f: PostFacts): StoredFacts => [
  f.platform, f.accountId, f.handle, f.name, f.createdAt, f.ctaAny, f.categories, f.functions, f.targets, f.mentions, f.sentimentScore, f.followers, f.interactions, f.engagementRate,
];

function factsOfStored([platform, accountId, handle, name, createdAt, ctaAny, categories, functions, targets, mentions, sentimentScore, followers, interactions, engagementRate]: StoredFacts): PostFacts {
  return { platform, accountId, handle, name, createdAt, ctaAny, categories, functions, targets, mentions, sentimentScore, followers, interactions, engagementRate };
}

/** An entry as read back: its facts are parsed when first asked for. */
class StoredEntry implements PartEntry {
  readonly key: string;
  readonly collectedAt: string;
  readonly engagement: number;
  readonly bytes: number;
  readonly usesTargets: boolean;
  private readonly factsJson: string;
  private parsedFacts: PostFacts | null = null;

  /** `where`: the batch, for the error when the line is not an entry. */
  constructor(line: string, where: string) {
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${where} is damaged or was written by another version of ctacode: code the run again`);
    const entry = JSON.parse(line.slice(0, tab)) as Omit<PartEntry, 'facts'>;
    this.key = entry.key;
    this.collectedAt = entry.collectedAt;
    this.engagement = entry.engagement;
    this.bytes = entry.bytes;
    this.usesTargets = entry.usesTargets;
    this.factsJson = line.slice(tab + 1);
  }

  get facts(): PostFacts {
    return (this.parsedFacts ??= factsOfStored(JSON.parse(this.factsJson) as StoredFacts));
  }
}

export interface PartOfRun {
  file: FileSummary;
  batch: number;
  entries: PartEntry[];
  /** The batch's rendered rows, where asked for. */
  rows: Buffer | null;
}

/**
 * The entries (and, with `withRows`, the rendered rows) of every coded batch of the given files,
 * in input order (file, then batch). The next batch is read while the caller works on this one,
 * so that reading the files overlaps the work.
 */
export async function* readPartEntries(runDir: string, files: readonly FileSummary[], { withRows = false } = {}): AsyncGenerator<PartOfRun> {
  const batches = files.flatMap((file) => Array.from({ length: file.batches }, (_, batch) => ({ file, batch })));
  const read = ({ file, batch }: { file: FileSummary; batch: number }) => readPart(runDir, file, batch, withRows);
  let next = batches.length > 0 ? read(batches[0]!) : null;
  for (let i = 0; next !== null; i++) {
    const current = next;
    next = i + 1 < batches.length ? read(batches[i + 1]!) : null;
    // A read that fails while its turn has not come must not count as unhandled.
    next?.catch(() => undefined);
    yield await current;
  }
}

async function readPart(runDir: string, file: FileSummary, batch: number, withRows: boolean): Promise<PartOfRun> {
  const path = runLayout.codedEntries(runDir, file.index, batch);
  const [text, rows] = await Promise.all([
    readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      throw new Error(`coded batch ${batch} of ${file.name} is missing (${path}): a coding job finished without writing it`, { cause: error });
    }),
    withRows ? readFile(runLayout.codedRows(runDir, file.index, batch)) : null,
  ]);
  const where = `coded batch ${batch} of ${file.name} (${path})`;
  const entries: PartEntry[] = text.split('\n').filter(Boolean).map((line) => new StoredEntry(line, where));
  return { file, batch, entries, rows };
}
