import type { Command } from 'commander';
import { outputSettings } from './run-command.js';

export interface MergeCommandOptions {
  out: string;
  allowMixedCodebooks?: boolean;
  period?: string;
  allianceWindow?: string;
  excel?: boolean;
}

/** `ctacode merge <run_dir>... --out DIR`: prints the outcome on stderr and the output folder as the last line. */
export async function mergeCommand(runDirs: string[], options: MergeCommandOptions): Promise<number> {
  const { mergeRuns } = await import('../aggregate/merge-runs.js');
  const settings = outputSettings({ ...(options.period ? { period: options.period } : {}), ...(options.allianceWindow ? { allianceWindow: options.allianceWindow } : {}) });
  const result = await mergeRuns({
    runDirs,
    outDir: options.out,
    allowMixedCodebooks: options.allowMixedCodebooks === true,
    ...(settings.period ? { period: settings.period } : {}),
    ...(settings.allianceWindowDays !== undefined ? { allianceWindowDays: settings.allianceWindowDays } : {}),
    excel: options.excel === true,
  });
  process.stderr.write(`ctacode: ${result.message}\n`);
  process.stdout.write(`${result.outDir}\n`);
  return 0;
}

export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('Combine runs into one deduplicated dataset (the newest snapshot of each post) with its own tables, dictionary and manifest; prints the output folder as its last line')
    .argument('<run_dirs...>', 'run directories (or earlier merges)')
    .requiredOption('--out <dir>', 'folder for the merged dataset (files in it are replaced)')
    .option('--allow-mixed-codebooks', 'merge runs coded with different codebook ids or versions')
    .option('--period <unit>', 'rows of periods.csv: day, week or month', 'day')
    .option('--alliance-window <days>', 'alliances.csv window in days', '7')
    .option('--excel', 'also write Excel-friendly copies (excel/*.csv with a byte order mark, excel/*.xlsx)')
    .addHelpText('after', '\nOf a post in several runs the copy with the latest collected_at is kept, else the one from the latest run.\nRuns coded with different codebook versions are refused unless --allow-mixed-codebooks.')
    .action(async (runDirs: string[], options: MergeCommandOptions) => {
      process.exitCode = await mergeCommand(runDirs, options);
    });
}
