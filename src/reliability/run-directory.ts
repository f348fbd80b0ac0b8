import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse';
import { loadCodebook, type LoadedCodebook } from '../codebook/load-codebook.js';
import type { Manifest } from '../types/contracts.js';
import { codeColumns, type CodeColumn } from './code-columns.js';
import { ValidationInputError } from './input-error.js';

/** A finished run, as the validation commands see it. */
export interface ValidationRun {
  dir: string;
  runId: string;
  codebook: LoadedCodebook;
  codes: CodeColumn[];
  /** False for a run made with --no-text: coded_posts.csv has no text column and no matched text in the evidence. */
  hasText: boolean;
  /** A run made with --pseudonymise has no post links either. */
  hasUrls: boolean;
}

/** A row of coded_posts.csv, by column name. */
export type CodedPostRecord = Record<string, string>;

const postColumns = ['platform', 'post_id', 'account_id', 'account_handle', 'url', 'links', 'cta_categories', 'cta_evidence'];

export async function openRun(runDir: string): Promise<ValidationRun> {
  const dir = resolve(runDir);
  for (const name of ['coded_posts.csv', 'manifest.json', 'codebook.yaml']) {
    try {
      await access(join(dir, name));
    } catch {
      throw new ValidationInputError([
        `${runDir} is not a finished ctacode run (it has no ${name}); give the run directory that \`ctacode run\` printed as its last line`,
      ]);
    }
  }
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const codebook = await loadCodebook(join(dir, 'codebook.yaml'));
  return {
    dir,
    runId: manifest.run_id,
    codebook,
    codes: codeColumns(codebook.compiled),
    hasText: manifest.settings.no_text !== true,
    hasUrls: manifest.settings.pseudonymised !== true,
  };
}

/**
 * Streams coded_posts.csv, so that runs of millions of posts need no more memory than the sample.
 * Rows are parsed as arrays and only the columns the validation uses are kept: building an object
 * of every column per row made reading four times slower. Fails at the header if a column the
 * validation needs is missing.
 */
export async function* readCodedPosts(run: ValidationRun): AsyncGenerator<CodedPostRecord> {
  const file = join(run.dir, 'coded_posts.csv');
  const wanted = [...postColumns, ...(run.hasText ? ['text'] : []), ...run.codes.map((c) => c.column)];
  let columns: (readonly [string, number])[] | null = null;
  for await (const cells of createReadStream(file).pipe(parse({ bom: true })) as AsyncIterable<string[]>) {
    if (columns === null) {
      const missing = wanted.filter((column) => !cells.includes(column));
      if (missing.length > 0) {
        throw new ValidationInputError([
          `${file} lacks the column(s) ${missing.join(', ')} that its codebook ${run.codebook.compiled.id} ${run.codebook.compiled.version} needs; the file was changed after ctacode wrote it: run the export again`,
        ]);
      }
      columns = wanted.map((column) => [column, cells.indexOf(column)] as const);
      continue;
    }
    const record: CodedPostRecord = {};
    for (const [column, at] of columns) record[column] = cells[at] ?? '';
    yield record;
  }
}
