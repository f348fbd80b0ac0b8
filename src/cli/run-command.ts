import { periodUnits, type PeriodUnit } from '../aggregate/output-options.js';
import { defaultCodebook, loadCodebook } from '../codebook/load-codebook.js';
import { loadMapping } from '../formats/load-mapping.js';
import { queuePrefix } from '../queue/names.js';
import { connectOrStartRedis } from '../queue/redis-server.js';
import { openPipeline } from '../queue/pipeline.js';
import { startWorkers } from '../queue/start-workers.js';
import { submitRun, type SubmitOptions } from '../queue/submit-run.js';
import { waitForRun } from '../queue/wait-for-run.js';
import { ensureDataFolder, resolveDataFolder, type DataFolder } from '../runtime/data-folder.js';
import type { RunResult } from '../queue/job-types.js';
import { createLogger } from '../runtime/logger.js';
import { expandInputs, InputError } from '../runs/input-files.js';
import { createProgressDisplay } from './progress-display.js';

export interface RunCommandOptions {
  data?: string;
  codebook?: string;
  mapping?: string;
  workers: number;
  batchSize: number;
  period?: string;
  allianceWindow?: string;
  excel?: boolean;
  pseudonymise?: boolean;
  /** false with --no-text. */
  text?: boolean;
}

/** The run options that shape the outputs, checked: a typo stops the run before anything is queued. */
export function outputSettings(options: Pick<RunCommandOptions, 'period' | 'allianceWindow' | 'excel' | 'pseudonymise' | 'text'>): Pick<SubmitOptions, 'period' | 'allianceWindowDays' | 'excel' | 'pseudonymise' | 'noText'> {
  const period = options.period ?? 'day';
  if (!(periodUnits as readonly string[]).includes(period)) throw new InputError(`--period ${period}: expected day, week or month`);
  const window = Number(options.allianceWindow ?? '7');
  if (!Number.isInteger(window) || window < 0) throw new InputError(`--alliance-window ${options.allianceWindow}: expected a whole number of days, 0 or more`);
  return { period: period as PeriodUnit, allianceWindowDays: window, excel: options.excel === true, pseudonymise: options.pseudonymise === true, noText: options.text === false };
}

/**
 * `ctacode run`: workers in this process, one run over all given files, a progress display, and the
 * run directory as the last line on stdout. Resolves to the exit code.
 */
export async function runCommand(paths: string[], options: RunCommandOptions): Promise<number> {
  const settings = outputSettings(options);
  const folder = resolveDataFolder(options.data);
  await ensureDataFolder(folder);
  const files = await expandInputs(paths);
  const prepare = async () => {
    const codebook = await loadCodebook(options.codebook);
    const mapping = options.mapping ? await loadMapping(options.mapping) : undefined;
    return { files, codebook, batchSize: options.batchSize, ...settings, ...(mapping ? { mapping } : {}) };
  };
  const result = await executeRun(folder, prepare, options.workers, options.codebook ?? defaultCodebook);
  process.stdout.write(`${result.runDir}\n`);
  return result.status === 'completed' ? 0 : 1;
}

/**
 * Submits one run and codes it with workers in this process (Redis found or started as the README
 * says), showing progress; writes the one-line outcome to stderr and resolves to the result.
 * `prepare` (checking the codebook, about a second) runs once the workers have started, so that
 * their coding threads compile `codebookFile` meanwhile; nothing is queued if it fails.
 */
export async function executeRun(folder: DataFolder, prepare: () => Promise<Omit<SubmitOptions, 'runsDir'>>, workerCount: number, codebookFile: string): Promise<RunResult> {
  const log = createLogger({ logDir: folder.logs, consoleLevel: 'warn' });
  let redis: Awaited<ReturnType<typeof connectOrStartRedis>>;
  try {
    redis = await connectOrStartRedis(folder.redis, log);
  } catch (error) {
    // A broken codebook or mapping is said first, as before Redis was asked: it is the user's to fix either way.
    await prepare();
    throw error;
  }
  if (redis.managed) process.stderr.write(`ctacode: started a private redis-server for this run (${redis.url}, files in ${folder.redis})\n`);
  const prefix = queuePrefix();
  const pipeline = openPipeline(redis.url, prefix);
  const workers = startWorkers({ redisUrl: redis.url, prefix, codeConcurrency: workerCount, log, warmCodebook: codebookFile });
  const progress = createProgressDisplay();
  try {
    const options = await prepare();
    const spec = await submitRun(pipeline, { runsDir: folder.runs, ...options });
    log.info({ runId: spec.runId, files: options.files }, 'run submitted');
    // Asked every 100 ms rather than waitForRun's 250: the run is over, and its coding threads let
    // go, that much sooner (a few light Redis calls each time).
    const result = await waitForRun(pipeline, spec.runId, (p) => {
      progress.update(p);
      if (p.aggregating) workers.releaseCodingThreads().catch((error: unknown) => log.warn({ err: (error as Error).message }, 'closing the coding threads failed'));
    }, 100);
    progress.stop();
    if (result.status === 'completed') process.stderr.write(`ctacode: ${result.message}\n`);
    else process.stderr.write(`ctacode: run ${result.status.replace(/_/g, ' ')}: ${result.message}\n`);
    return result;
  } finally {
    progress.stop();
    await workers.close();
    await pipeline.close();
    await redis.stop();
  }
}
