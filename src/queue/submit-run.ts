import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PeriodUnit } from '../aggregate/output-options.js';
import { ensurePseudonymKey, pseudonymKeyPath } from '../aggregate/pseudonymise.js';
import { outputOptionsOf } from '../aggregate/output-options.js';
import type { LoadedCodebook } from '../codebook/load-codebook.js';
import { displayNames } from '../runs/input-files.js';
import { newRunId, runLayout } from '../runs/run-layout.js';
import type { ColumnMapping } from '../types/contracts.js';
import type { RunSpec } from './job-types.js';
import { ingestJobId, queueNames, retryOptions } from './names.js';
import type { Pipeline } from './pipeline.js';

export interface SubmitOptions {
  runsDir: string;
  files: readonly string[];
  codebook: LoadedCodebook;
  mapping?: ColumnMapping;
  batchSize?: number;
  period?: PeriodUnit;
  allianceWindowDays?: number;
  excel?: boolean;
  /** Pseudonymise with the data folder's key (<data>/keys/pseudonym.key, created on first use; the data folder is the parent of runsDir). */
  pseudonymise?: boolean;
  noText?: boolean;
}

export const defaultBatchSize = 1000;

/**
 * Creates the run directory (with the exact codebook text) and adds the run as one flow: an
 * aggregate job whose children are one ingest job per file. Ingest adds the coding batches as its
 * own children while it streams.
 */
export async function submitRun(pipeline: Pipeline, options: SubmitOptions): Promise<RunSpec> {
  const runId = newRunId();
  const runDir = join(options.runsDir, runId);
  await mkdir(runLayout.work(runDir), { recursive: true });
  await writeFile(runLayout.codebook(runDir), options.codebook.text);
  const names = displayNames(options.files);
  const pseudonymKeyFile = options.pseudonymise ? pseudonymKeyPath(dirname(options.runsDir)) : undefined;
  if (pseudonymKeyFile) await ensurePseudonymKey(pseudonymKeyFile);
  const spec: RunSpec = {
    runId,
    runDir,
    createdAt: new Date().toISOString(),
    files: options.files.map((path, index) => ({ index, path, name: names[index]! })),
    batchSize: options.batchSize ?? defaultBatchSize,
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.period ? { period: options.period } : {}),
    ...(options.allianceWindowDays !== undefined ? { allianceWindowDays: options.allianceWindowDays } : {}),
    ...(options.excel ? { excel: true } : {}),
    ...(pseudonymKeyFile ? { pseudonymKeyFile } : {}),
    ...(options.noText ? { noText: true } : {}),
  };
  const output = outputOptionsOf(spec);
  const rowOptions = { noText: output.noText, pseudonymKeyFile: output.pseudonymKeyFile };
  await pipeline.flows.add({
    name: 'aggregate',
    queueName: queueNames.aggregate,
    data: spec,
    opts: { ...retryOptions, jobId: runId },
    children: spec.files.map((file) => ({
      name: 'ingest',
      queueName: queueNames.ingest,
      data: { runId, runDir, rowOptions, file, batchSize: spec.batchSize, ...(spec.mapping ? { mapping: spec.mapping } : {}) },
      opts: { ...retryOptions, jobId: ingestJobId(runId, file.index), ignoreDependencyOnFailure: true, removeOnComplete: true },
    })),
  });
  return spec;
}
