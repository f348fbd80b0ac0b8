import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCodebook } from '../codebook/load-codebook.js';
import type { FileSummary, RejectedRow, RunResult, RunSpec, RunStatus } from '../queue/job-types.js';
import { temporaryName, writeFileAtomic } from '../runtime/atomic-write.js';
import { hashFile } from '../runtime/hash-file.js';
import { softwareVersion } from '../runtime/version.js';
import { runLayout } from '../runs/run-layout.js';
import type { InputFileRecord, Manifest, OutputFileRecord } from '../types/contracts.js';
import { readPartEntries } from './coded-part.js';
import { plainOutline, type CodebookOutline } from './coded-post-columns.js';
import { csvRecord } from './csv-record.js';
import { isKept, postsPerDedupShare } from './deduplicate.js';
import { keptAndShared } from './first-pass.js';
import { AccountTables, finishOutputs, type WrittenTable } from './derived-tables.js';
import { codedPostOutputColumns, rejectedRowOutputColumns } from './output-columns.js';
import { outputOptionsOf } from './output-options.js';
import { keyFingerprint, readPseudonymKey } from './pseudonymise.js';
import { readRejectedRows } from './rejected-rows.js';
import type { SharedTargets } from './shared-targets.js';
import { linkTablesInThisThread, startLinkThread, type LinkTablesBuilder } from './start-link-thread.js';
import { columnInfo } from './table-column.js';
import { writeCsv, writeTableFile } from './write-csv.js';

/**
 * Writes the run directory from the coded parts: coded_posts.csv in input order without
 * duplicates and, from the same stream, accounts.csv, periods.csv, alliances.csv,
 * network_edges.csv and network.gexf; rejected_rows.csv, data_dictionary.csv, the --excel copies
 * and, last, manifest.json. Every file is written under a temporary name and renamed, so a retry
 * after a crash produces the same files. The coding workers rendered the rows and applied
 * --pseudonymise and --no-text (see coded-part.ts); this step reads their entries twice (to
 * deduplicate, then to build the derived tables) and copies the kept rows. The second time, in a
 * run of 100,000 rows or more, a thread of its own reads them too and builds the alliance and
 * network files (link-thread.ts).
 */
export async function writeRun(spec: RunSpec, summaries: readonly FileSummary[], failures: ReadonlyMap<number, string>): Promise<RunResult> {
  const { runDir } = spec;
  const manifestPath = runLayout.output(runDir, 'manifest.json');
  if (await alreadyWritten(runDir, manifestPath)) return resultOf(spec, JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest);

  // From 100,000 rows the link tables are built in a thread of their own, beside the account tables
  // and the copy of coded_posts.csv here: in `ctacode run` the coding threads have let go of the
  // other core by now.
  const rowsRead = summaries.reduce((total, summary) => total + summary.rowsRead, 0);
  const linkBuilder = rowsRead >= linkThreadMinRows(process.env) ? startLinkThread() : linkTablesInThisThread();
  try {
    return await writeRunWith(spec, summaries, failures, manifestPath, linkBuilder);
  } finally {
    await linkBuilder.close();
  }
}

/**
 * Runs of fewer rows than this build the link tables in the main thread
 * (CTACODE_LINK_THREAD_MIN_ROWS, default 100,000; 0: always a thread). Starting the thread
 * (0.2–0.5 s) made the aggregate step of 10,000 posts take about 0.5 instead of 0.3 s; at 100,000
 * posts the two ways were about even (1.29–1.34 s with the thread, 1.19–1.66 s without, three
 * alternating runs each), and at a million the thread saves about 2 s.
 */
export function linkThreadMinRows(env: NodeJS.ProcessEnv): number {
  const text = env.CTACODE_LINK_THREAD_MIN_ROWS?.trim() ?? '';
  const value = Number(text);
  return text !== '' && Number.isInteger(value) && value >= 0 ? value : 100_000;
}

async function writeRunWith(spec: RunSpec, summaries: readonly FileSummary[], failures: ReadonlyMap<number, string>, manifestPath: string, linkBuilder: LinkTablesBuilder): Promise<RunResult> {
  const { runDir } = spec;
  const loaded = await loadCodebook(runLayout.codebook(runDir));
  const outline: CodebookOutline = loaded.compiled;
  const coded = [...summaries].sort((a, b) => a.index - b.index);
  const options = outputOptionsOf(spec);
  const key = options.pseudonymKeyFile === null ? null : await readPseudonymKey(options.pseudonymKeyFile);
  const { kept, shared } = await firstPass(runDir, coded);
  const links = linkBuilder.build({ runDir, files: coded, kept, shared: shared.sharedList(), outline: plainOutline(outline), options: { allianceWindowDays: options.allianceWindowDays } });
  // Awaited after the second pass, which a failure meanwhile stops at its next batch.
  const linkFailure: { error?: unknown } = {};
  links.written.catch((error: unknown) => {
    linkFailure.error = error;
  });

  // Second pass: the kept rows are copied as the coding workers rendered them, in input order.
  const accounts = new AccountTables(outline, options);
  const duplicates = new Map<string, number>();
  let ctaPosts = 0;
  let rows = 0;
  const postColumns = codedPostOutputColumns(outline, options);
  const postsDigest = await writeTableFile(runLayout.output(runDir, 'coded_posts.csv'), async (write) => {
    await write(csvRecord(postColumns.map((c) => c.name)));
    let ordinal = 0;
    for await (const part of readPartEntries(runDir, coded, { withRows: true })) {
      if ('error' in linkFailure) throw linkFailure.error;
      const rendered = part.rows!;
      let at = 0;
      let keptFrom = 0;
      const { entries } = part;
      const { rowBytes, accounts: accountKeys } = entries;
      for (let i = 0; i < entries.length; i++) {
        if (isKept(kept, ordinal++)) {
          const facts = entries.facts(i);
          if (facts.ctaAny) ctaPosts++;
          accounts.add(facts, accountKeys[i]!);
          rows++;
        } else {
          // A duplicate ends the run of kept rows before it: copy that run, skip this row.
          if (at > keptFrom) await write(rendered.subarray(keptFrom, at));
          keptFrom = at + rowBytes[i]!;
          duplicates.set(part.file.name, (duplicates.get(part.file.name) ?? 0) + 1);
        }
        at += rowBytes[i]!;
      }
      if (at !== rendered.length) throw new Error(`coded batch ${part.batch} of ${part.file.name} is damaged: its rows and entries disagree; code the run again`);
      if (at > keptFrom) await write(rendered.subarray(keptFrom, at));
    }
  });

  // What needs nothing from the link thread is written while it may still be at work.
  const rejectedColumns = rejectedRowOutputColumns(options);
  const rejected: AsyncIterable<RejectedRow> = readRejectedRows(runDir, coded);
  const rejectedTable: WrittenTable = { file: 'rejected_rows.csv', columns: rejectedColumns.map(columnInfo), ...(await writeCsv(runLayout.output(runDir, 'rejected_rows.csv'), rejectedColumns, rejected)) };
  const accountTables = await accounts.write(runDir, () => links.measures);
  const linked = await links.written;
  const tables: WrittenTable[] = [
    { file: 'coded_posts.csv', columns: postColumns.map(columnInfo), rows, digest: postsDigest },
    ...accountTables,
    ...linked.tables,
    rejectedTable,
  ];

  const inputs: InputFileRecord[] = spec.files.map((file) => {
    const summary = coded.find((s) => s.index === file.index);
    if (!summary) {
      return { file: file.name, path: file.path, status: 'failed', error: failures.get(file.index) ?? 'not ingested', sha256: null, bytes: null, format: null, encoding: null, rows_read: 0, rows_accepted: 0, rows_rejected: 0, rows_duplicate: 0 };
    }
    const duplicate = duplicates.get(file.name) ?? 0;
    return {
      file: file.name,
      path: file.path,
      status: 'coded',
      sha256: summary.sha256,
      bytes: summary.bytes,
      format: summary.format,
      encoding: summary.encoding,
      rows_read: summary.rowsRead,
      rows_accepted: summary.rowsParsed - duplicate,
      rows_rejected: summary.rowsRejected,
      rows_duplicate: duplicate,
    };
  });
  const codebookFile = { file: 'codebook.yaml', digest: await hashFile(runLayout.codebook(runDir)) };
  const outputs: OutputFileRecord[] = await finishOutputs(runDir, outline, tables, options, [linked.network, codebookFile]);
  const sum = (pick: (i: InputFileRecord) => number) => inputs.reduce((total, i) => total + pick(i), 0);
  const manifest: Manifest = {
    run_id: spec.runId,
    status: statusOf(inputs),
    created_at: spec.createdAt,
    finished_at: new Date().toISOString(),
    software: { name: 'ctacode', version: softwareVersion, node: process.version },
    codebook: { id: loaded.compiled.id, version: loaded.compiled.version, sha256: loaded.sha256, file: 'codebook.yaml' },
    settings: {
      batch_size: spec.batchSize,
      ...(spec.mapping ? { mapping: spec.mapping } : {}),
      period: options.period,
      alliance_window_days: options.allianceWindowDays,
      excel: options.excel,
      pseudonymised: key !== null,
      ...(key !== null ? { pseudonym_key_fingerprint: keyFingerprint(key) } : {}),
      no_text: options.noText,
    },
    inputs,
    outputs,
    totals: {
      rows_read: sum((i) => i.rows_read),
      rows_accepted: sum((i) => i.rows_accepted),
      rows_rejected: sum((i) => i.rows_rejected),
      rows_duplicate: sum((i) => i.rows_duplicate),
      cta_posts: ctaPosts,
    },
  };
  await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  await discardWork(runDir);
  return resultOf(spec, manifest);
}

function statusOf(inputs: readonly InputFileRecord[]): RunStatus {
  const failed = inputs.filter((i) => i.status === 'failed').length;
  if (failed === 0) return 'completed';
  return failed === inputs.length ? 'failed' : 'completed_with_errors';
}

/**
 * The first pass, over the part entries alone: which copy of each post to keep, and which CTA
 * targets two or more accounts used (first-pass.ts). In a function of its own so that its map of
 * every post's key is released before the second pass builds the tables.
 */
async function firstPass(runDir: string, files: readonly FileSummary[]): Promise<{ kept: Uint8Array; shared: SharedTargets }> {
  const posts = files.reduce((total, file) => total + file.rowsParsed, 0);
  async function* copies() {
    for await (const { entries } of readPartEntries(runDir, files)) yield entries.copies;
  }
  return keptAndShared(copies(), posts, {
    postsPerShare: postsPerDedupShare(process.env),
    // A name of this attempt's own: an attempt taken up again while this one still runs must not write into its files.
    spillPath: (share) => temporaryName(join(runLayout.work(runDir), `dedup-share-${share}.bin`)),
    where: `the coded batches in ${runLayout.work(runDir)}`,
  });
}

function resultOf(spec: RunSpec, manifest: Manifest): RunResult {
  const failed = manifest.inputs.filter((i) => i.status === 'failed');
  const t = manifest.totals;
  const n = (x: number) => x.toLocaleString('en-US');
  const message =
    failed.length > 0
      ? `${failed.length} of ${manifest.inputs.length} input files could not be coded: ${failed.map((f) => f.error).join('; ')}`
      : `coded ${n(t.rows_accepted)} posts from ${manifest.inputs.length} file${manifest.inputs.length === 1 ? '' : 's'}, ${n(t.cta_posts)} with a call to action; ${n(t.rows_rejected)} rows rejected, ${n(t.rows_duplicate)} duplicates`;
  return { runId: spec.runId, runDir: spec.runDir, status: manifest.status, message };
}

/** True when a previous attempt got as far as the manifest and has since let go of its work files. */
async function alreadyWritten(runDir: string, manifestPath: string): Promise<boolean> {
  const exists = (path: string) => stat(path).then(() => true, () => false);
  return (await exists(manifestPath)) && !(await exists(runLayout.work(runDir)));
}

async function discardWork(runDir: string): Promise<void> {
  const doomed = `${runLayout.work(runDir)}-done`;
  await rm(doomed, { recursive: true, force: true });
  try {
    await rename(runLayout.work(runDir), doomed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await rm(doomed, { recursive: true, force: true });
}
