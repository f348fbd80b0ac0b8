import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse';
import { loadCodebook } from '../codebook/load-codebook.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { hashFile } from '../runtime/hash-file.js';
import { softwareVersion } from '../runtime/version.js';
import { InputError } from '../runs/input-files.js';
import { newRunId } from '../runs/run-layout.js';
import type { Manifest, MergedRun } from '../types/contracts.js';
import type { CodebookOutline } from './coded-post-columns.js';
import { DerivedTables, finishOutputs, type WrittenTable } from './derived-tables.js';
import { codedPostOutputColumns } from './output-columns.js';
import { defaultOutputOptions, type OutputOptions } from './output-options.js';
import type { PostFacts } from './post-facts.js';
import { SharedTargets } from './shared-targets.js';
import { columnInfo, type ColumnInfo, type TableColumn } from './table-column.js';
import { writeCsv } from './write-csv.js';
import { compareText } from '../runtime/compare-text.js';
import { utcMilliseconds } from '../formats/timestamps.js';

export interface MergeOptions {
  runDirs: readonly string[];
  outDir: string;
  allowMixedCodebooks?: boolean;
  period?: OutputOptions['period'];
  allianceWindowDays?: number;
  excel?: boolean;
}

export interface MergeResult {
  outDir: string;
  rows: number;
  duplicates: number;
  message: string;
}

interface SourceRun {
  dir: string;
  manifest: Manifest;
  outline: CodebookOutline;
  columns: Map<string, ColumnInfo>;
  header: string[];
  rows: number;
  kept: number;
}

type Row = Record<string, string>;

/**
 * `ctacode merge`: one deduplicated dataset from several runs (or earlier merges). Of each post
 * (platform + post_id) the newest snapshot is kept: the latest collected_at, else the copy from the
 * latest run (by the run's created_at). Rows are copied cell for cell; accounts, periods, alliances
 * and the network are built again from the merged rows. Runs coded with different codebook versions
 * are refused unless allowMixedCodebooks; runs pseudonymised with different keys (or not at all)
 * are always refused, since the same account would get different identities. Memory: one entry per
 * distinct post key, and the tallies of the tables.
 */
export async function mergeRuns(options: MergeOptions): Promise<MergeResult> {
  if (options.runDirs.length === 0) throw new InputError('merge: name one or more run directories');
  const runs: SourceRun[] = [];
  for (const dir of options.runDirs) runs.push(await openRun(resolve(dir)));
  runs.sort((a, b) => compareText(a.manifest.created_at, b.manifest.created_at) || compareText(a.manifest.run_id, b.manifest.run_id));

  const versions = [...new Set(runs.map((r) => `${r.manifest.codebook.id} ${r.manifest.codebook.version}`))];
  if (versions.length > 1 && !options.allowMixedCodebooks) {
    throw new InputError(`merge: the runs were coded with different codebooks (${versions.join(', ')}); their codes are not comparable. Recode them with one codebook, or pass --allow-mixed-codebooks`);
  }
  const keys = [...new Set(runs.map((r) => (r.manifest.settings.pseudonymised ? `pseudonymised with key ${r.manifest.settings.pseudonym_key_fingerprint ?? '?'}` : 'not pseudonymised')))];
  if (keys.length > 1) throw new InputError(`merge: the runs are not pseudonymised alike (${keys.join('; ')}): the same account would appear under different identities`);
  const noText = runs.some((r) => r.manifest.settings.no_text === true);
  if (noText && !runs.every((r) => r.manifest.settings.no_text === true)) throw new InputError('merge: some runs were made with --no-text and some without; rerun the others with --no-text so that no text slips into the merged data');

  // Pass 1: which run holds the newest snapshot of each post.
  const best = new Map<string, { collectedAt: string; run: number }>();
  const shared = new SharedTargets();
  for (const [index, run] of runs.entries()) {
    for await (const row of readRows(run)) {
      shared.add(factsFromRow(row, run.outline));
      const key = `${row.platform}\u0000${row.post_id}`;
      const collectedAt = row.collected_at ?? '';
      const current = best.get(key);
      if (!current || collectedAt > current.collectedAt || (collectedAt === current.collectedAt && index >= current.run)) best.set(key, { collectedAt, run: index });
      run.rows++;
    }
  }

  // Columns: the newest run's, then any other run's that it lacks.
  const header: string[] = [];
  for (const run of [...runs].reverse()) for (const name of run.header) if (!header.includes(name)) header.push(name);
  const describe = (name: string): TableColumn<Row> => {
    const known = [...runs].reverse().map((r) => r.columns.get(name)).find((c) => c !== undefined);
    const base: Pick<ColumnInfo, 'type' | 'description' | 'values'> = known ?? { type: 'string', description: 'Column of one of the merged runs' };
    const absent = runs.filter((r) => !r.header.includes(name)).map((r) => r.manifest.run_id);
    const description = absent.length > 0 ? `${base.description} (empty for the rows of runs ${absent.join(', ')}, which lack the column)` : base.description;
    return { name, type: base.type, description, ...(base.values ? { values: base.values } : {}), cell: (r) => r[name] ?? null };
  };
  const columns = header.map(describe);

  // Pass 2: copy the kept rows in run order and build the other tables from them.
  const newest = runs[runs.length - 1]!;
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const outputOptions: OutputOptions = {
    period: options.period ?? defaultOutputOptions.period,
    allianceWindowDays: options.allianceWindowDays ?? defaultOutputOptions.allianceWindowDays,
    excel: options.excel ?? false,
    pseudonymKeyFile: null,
    noText,
  };
  const derived = new DerivedTables(newest.outline, outputOptions, shared.settle());
  let ctaPosts = 0;
  async function* kept(): AsyncGenerator<Row> {
    for (const [index, run] of runs.entries()) {
      for await (const row of readRows(run)) {
        if (best.get(`${row.platform}\u0000${row.post_id}`)?.run !== index) continue;
        run.kept++;
        const facts = factsFromRow(row, run.outline);
        if (facts.ctaAny) ctaPosts++;
        derived.add(facts);
        yield row;
      }
    }
  }
  const tables: WrittenTable[] = [{ file: 'coded_posts.csv', columns: columns.map(columnInfo), ...(await writeCsv(join(outDir, 'coded_posts.csv'), columns, kept())) }];
  const { tables: derivedTables, network } = await derived.write(outDir);
  tables.push(...derivedTables);
  await copyFile(join(newest.dir, 'codebook.yaml'), join(outDir, 'codebook.yaml'));
  const codebookFile = { file: 'codebook.yaml', digest: await hashFile(join(outDir, 'codebook.yaml')) };
  const outputs = await finishOutputs(outDir, newest.outline, tables, outputOptions, [network, codebookFile]);

  const total = runs.reduce((n, r) => n + r.rows, 0);
  const merged = tables[0]!.rows;
  const mergedFrom: MergedRun[] = [];
  for (const run of runs) {
    mergedFrom.push({
      run_id: run.manifest.run_id,
      run_dir: run.dir,
      created_at: run.manifest.created_at,
      codebook_id: run.manifest.codebook.id,
      codebook_version: run.manifest.codebook.version,
      coded_posts_sha256: (await hashFile(join(run.dir, 'coded_posts.csv'))).sha256,
      rows: run.rows,
      rows_kept: run.kept,
    });
  }
  const settings = newest.manifest.settings;
  const manifest: Manifest = {
    run_id: `merge-${newRunId()}`,
    status: 'completed',
    created_at: new Date().toISOString(),
    finished_at: new Date().toISOString(),
    software: { name: 'ctacode', version: softwareVersion, node: process.version },
    codebook: { ...newest.manifest.codebook, file: 'codebook.yaml' },
    settings: {
      batch_size: settings.batch_size,
      period: outputOptions.period,
      alliance_window_days: outputOptions.allianceWindowDays,
      excel: outputOptions.excel,
      pseudonymised: settings.pseudonymised === true,
      ...(settings.pseudonym_key_fingerprint ? { pseudonym_key_fingerprint: settings.pseudonym_key_fingerprint } : {}),
      no_text: noText,
    },
    inputs: [],
    merged_from: mergedFrom,
    outputs,
    totals: { rows_read: total, rows_accepted: merged, rows_rejected: 0, rows_duplicate: total - merged, cta_posts: ctaPosts },
  };
  await writeFileAtomic(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const n = (x: number) => x.toLocaleString('en-US');
  return { outDir, rows: merged, duplicates: total - merged, message: `merged ${runs.length} runs: ${n(merged)} posts, ${n(total - merged)} older snapshots dropped` };
}

async function openRun(dir: string): Promise<SourceRun> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new InputError(`merge: ${dir} is not a finished run directory (no readable manifest.json)`);
  }
  const loaded = await loadCodebook(join(dir, 'codebook.yaml'));
  const outline: CodebookOutline = loaded.compiled;
  const options = { noText: manifest.settings.no_text === true, pseudonymKeyFile: manifest.settings.pseudonymised ? 'yes' : null };
  const columns = new Map(codedPostOutputColumns(outline, options).map((c) => [c.name, columnInfo(c)]));
  const header = await readHeader(join(dir, 'coded_posts.csv'));
  return { dir, manifest, outline, columns, header, rows: 0, kept: 0 };
}

async function readHeader(path: string): Promise<string[]> {
  for await (const record of createReadStream(path).pipe(parse({ to_line: 1 })) as AsyncIterable<string[]>) return record;
  throw new InputError(`merge: ${path} is empty`);
}

function readRows(run: SourceRun): AsyncIterable<Row> {
  return createReadStream(join(run.dir, 'coded_posts.csv')).pipe(parse({ columns: true })) as AsyncIterable<Row>;
}

/** The value before formula neutralisation (see neutraliseFormula). */
export const unneutralise = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : unneutralise(value));
const numberOrNull = (value: string | undefined) => (value === undefined || value === '' ? null : Number(value));
const listOf = (value: string | undefined) => (value === undefined || value === '' ? [] : unneutralise(value).split(';').filter((v) => v !== ''));

/** PostFacts from a row of coded_posts.csv (see factsOf for a coded post). */
export function factsFromRow(row: Row, codebook: CodebookOutline): PostFacts {
  const likes = numberOrNull(row.likes);
  const reactions = numberOrNull(row.reactions);
  const parts = [reactions ?? likes, numberOrNull(row.comments), numberOrNull(row.shares)].filter((n): n is number => n !== null);
  return {
    platform: unneutralise(row.platform ?? ''),
    accountId: orNull(row.account_id),
    handle: orNull(row.account_handle),
    name: orNull(row.account_name),
    createdMs: utcMilliseconds(orNull(row.created_at)),
    ctaAny: row.cta_any === '1',
    categories: listOf(row.cta_categories),
    functions: codebook.functions.filter((f) => row[`cta_fn_${f.id}`] === '1').map((f) => f.id),
    targets: listOf(row.cta_targets),
    mentions: listOf(row.mentions),
    sentimentScore: numberOrNull(row.sentiment_score),
    followers: numberOrNull(row.followers),
    interactions: parts.length === 0 ? null : parts.reduce((a, b) => a + b, 0),
    engagementRate: numberOrNull(row.engagement_rate),
  };
}
