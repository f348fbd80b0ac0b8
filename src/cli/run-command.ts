/**
 * `ctacode run`. This module and what it imports are light (every command's definition loads it):
 * the command starts its coding threads first, and loads the modules of a run (queues, coding, the
 * aggregate step) only then, so that the threads load theirs meanwhile on the other cores
 * (docs/operations.md).
 */
import { periodUnits, type PeriodUnit } from '../aggregate/output-options.js';
import { defaultCodebook } from '../codebook/default-codebook.js';
import type { SubmitOptions } from '../queue/submit-run.js';
import { ensureDataFolder, resolveDataFolder } from '../runtime/data-folder.js';
import { expandInputs, InputError } from '../runs/input-files.js';

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
  const codebookFile = options.codebook ?? defaultCodebook;
  // Before anything else is loaded: in a run of 100,000 posts the coding thread took its first
  // batch 2.2 s after the process started when started with the workers, about a second after
  // the main thread took its own.
  const codingThreads = options.workers > 1 ? (await import('../queue/coding-threads.js')).startCodingThreads(options.workers - 1, { warmCodebook: codebookFile }) : undefined;
  try {
    const [{ executeRun }, { loadCodebook }, { loadMapping }] = await Promise.all([import('./execute-run.js'), import('../codebook/load-codebook.js'), import('../formats/load-mapping.js')]);
    const folder = resolveDataFolder(options.data);
    await ensureDataFolder(folder);
    const files = await expandInputs(paths);
    const prepare = async () => {
      const codebook = await loadCodebook(options.codebook);
      const mapping = options.mapping ? await loadMapping(options.mapping) : undefined;
      return { files, codebook, batchSize: options.batchSize, ...settings, ...(mapping ? { mapping } : {}) };
    };
    const result = await executeRun(folder, prepare, { workerCount: options.workers, codebookFile, ...(codingThreads ? { codingThreads } : {}) });
    process.stdout.write(`${result.runDir}\n`);
    return result.status === 'completed' ? 0 : 1;
  } finally {
    // Closed with the workers once the run has begun; here where it never did.
    await codingThreads?.close();
  }
}
