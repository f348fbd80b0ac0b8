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
    entries.push({
      key: postKey(coded.post),
      collectedAt: coded.post.collected_at ?? '',
      engagement: interactions(coded.post) ?? -1,
      bytes: Buffer.byteLength(row),
      facts: factsOf(shown),
    });
  }
  return { rows, entries };
}

/** Rows first, entries last: a batch is coded once its entries file exists (both are written atomically). */
export async function writeCodedPart(runDir: string, fileIndex: number, batchIndex: number, part: CodedPart): Promise<void> {
  await writeFileAtomic(runLayout.codedRows(runDir, fileIndex, batchIndex), part.rows);
  const lines = part.entries.map((entry) => `${JSON.stringify(entry)}\n`);
  await writeFileAtomic(runLayout.codedEntries(runDir, fileIndex, batchIndex), lines.join(''));
}

export interface PartOfRun {
  file: FileSummary;
  batch: number;
  entries: PartEntry[];
}

/** The entries of every coded batch of the given files, in input order (file, then batch). */
export async function* readPartEntries(runDir: string, files: readonly FileSummary[]): AsyncGenerator<PartOfRun> {
  for (const file of files) {
    for (let batch = 0; batch < file.batches; batch++) {
      const path = runLayout.codedEntries(runDir, file.index, batch);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        throw new Error(`coded batch ${batch} of ${file.name} is missing (${path}): a coding job finished without writing it`, { cause: error });
      }
      const entries = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as PartEntry);
      yield { file, batch, entries };
    }
  }
}

/** The rendered rows of one coded batch. */
export const readPartRows = (runDir: string, part: Pick<PartOfRun, 'file' | 'batch'>): Promise<Buffer> => readFile(runLayout.codedRows(runDir, part.file.index, part.batch));
