import { access, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeCsv } from '../aggregate/write-csv.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { softwareVersion } from '../runtime/version.js';
import { disagreementColumns } from './disagreement-table.js';
import { findDisagreements, type Disagreement } from './disagreements.js';
import { ValidationInputError } from './input-error.js';
import { loadValidationData } from './load-validation-data.js';
import { readSheet } from './read-sheet.js';
import { reliabilityFigures } from './reliability-figures.js';
import { reliabilityHtml } from './reliability-html.js';
import { bootstrapMethod, referenceDescription, type ReliabilityReport } from './reliability-report.js';
import { reliabilityColumns, reliabilityRows } from './reliability-table.js';
import type { SampleDesign } from './sample-design.js';

export interface ReliabilityCommandOptions {
  coded: string[];
  gold?: string;
  /** Default: <run_dir>/validation. */
  out?: string;
  bootstrap: number;
  seed: string;
}

export interface ReliabilityResult {
  dir: string;
  report: ReliabilityReport;
  disagreements: Disagreement[];
  files: string[];
}

/** `ctacode reliability`: checks every sheet, then computes and writes the figures and the disagreement table. */
export async function runReliability(runDir: string, options: ReliabilityCommandOptions): Promise<ReliabilityResult> {
  const data = await loadValidationData(runDir, options.coded, options.gold);
  const dir = options.out ?? join(data.run.dir, 'validation');
  const disagreementsFile = join(dir, 'disagreements.csv');
  await refuseToLoseAdjudication(disagreementsFile, options.gold);

  const coders = data.coders.map((c) => c.coder);
  const codes = reliabilityFigures(data.posts, data.run.codes, coders.length, { replicates: options.bootstrap, seed: options.seed });
  const disagreements = findDisagreements(data.posts, data.run.codes);
  const { compiled, sha256 } = data.run.codebook;
  const report: ReliabilityReport = {
    created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    software: `ctacode ${softwareVersion}`,
    run_id: data.run.runId,
    codebook: { id: compiled.id, version: compiled.version, sha256 },
    coders: data.coders,
    gold: data.gold,
    reference: referenceDescription(coders.length, data.gold?.file ?? null),
    bootstrap: { replicates: options.bootstrap, seed: options.seed, method: bootstrapMethod, level: 0.95 },
    posts: data.posts.length,
    sample: await sampleSummary(join(dir, 'sample-design.json')),
    codes,
    disagreements: disagreements.length,
    warnings: data.warnings,
  };

  await mkdir(dir, { recursive: true });
  const files = ['reliability.csv', 'reliability.json', 'reliability.html', 'disagreements.csv'].map((name) => join(dir, name));
  await writeCsv(files[0]!, reliabilityColumns, reliabilityRows(codes));
  await writeFileAtomic(files[1]!, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(files[2]!, reliabilityHtml(report, disagreements));
  await writeCsv(disagreementsFile, disagreementColumns(coders), disagreements);
  return { dir, report, disagreements, files };
}

/**
 * disagreements.csv is where the researcher adjudicates. Rewriting it keeps the gold codes it was
 * given with --gold; rewriting it without would throw that work away.
 */
async function refuseToLoseAdjudication(file: string, gold: string | undefined): Promise<void> {
  if (gold !== undefined && resolve(gold) === resolve(file)) return;
  const exists = await access(file).then(() => true, () => false);
  if (!exists) return;
  const sheet = await readSheet(file);
  const goldAt = sheet.header.indexOf('gold');
  if (goldAt !== -1 && sheet.rows.some((r) => (r.cells[goldAt] ?? '').trim() !== '')) {
    throw new ValidationInputError([
      `${file} holds adjudicated codes in its gold column, and this run of reliability would overwrite it; pass it with --gold ${file} to use (and keep) them, or move the file away first`,
    ]);
  }
}

async function sampleSummary(file: string): Promise<ReliabilityReport['sample']> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  const design = JSON.parse(text) as SampleDesign;
  return { seed: design.seed, n: design.n, population: design.population, stratify: design.stratify, allocation: design.allocation, overlap: design.overlap };
}
