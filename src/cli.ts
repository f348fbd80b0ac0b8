import { Command } from 'commander';
import { registerCodebookCommands } from './cli/codebook-commands.js';
import { registerEvalCommand } from './cli/eval-command.js';
import { registerMappingCommands } from './cli/mapping-commands.js';
import { registerMergeCommand } from './cli/merge-command.js';
import { registerRerunCommand } from './cli/rerun-command.js';
import { runCommand } from './cli/run-command.js';
import { registerServiceCommands } from './cli/service-commands.js';
import { registerValidationCommands } from './cli/validation-commands.js';
import { softwareVersion } from './runtime/version.js';
import { wholeNumber } from './cli/option-parsers.js';


const program = new Command()
  .name('ctacode')
  .description('Code exported social media posts for calls to action and sentiment against a versioned codebook.')
  .version(softwareVersion);

program
  .command('run')
  .description('Code export files (or every export in a folder) as one run; prints the run directory as its last line')
  .argument('<paths...>', 'export files or folders')
  .option('--data <dir>', 'data folder for runs, logs and a private Redis (default: $CTACODE_DATA or ./ctacode-data)')
  .option('--codebook <file>', 'codebook YAML (default: codebooks/cta-v1.yaml)')
  .option('--mapping <file>', 'column mapping JSON for CSV files whose headers ctacode does not recognise (see docs/formats.md)')
  .option('--workers <n>', 'coding batches processed at once: 1 codes in the main thread; N > 1 adds N-1 coding threads (one core and about 250 MB each); the main thread also cuts the files into batches and writes the tables', wholeNumber(1), 1)
  .option('--batch-size <n>', 'posts per coding job', wholeNumber(1), 1000)
  .option('--period <unit>', 'rows of periods.csv: day, week (ISO, from Monday) or month, in UTC', 'day')
  .option('--alliance-window <days>', 'alliances.csv: at most this many days between consecutive uses of a CTA target by the accounts of one alliance', '7')
  .option('--excel', 'also write Excel-friendly copies: excel/*.csv with a byte order mark and excel/*.xlsx with ids as text')
  .option('--pseudonymise', 'replace account ids, handles, names and mentions by keyed hashes (key kept in <data>/keys/pseudonym.key, outside the run)')
  .option('--no-text', 'leave post text, evidence text and raw rejected rows out of the outputs')
  .addHelpText('after', '\nRedis: REDIS_URL, else 127.0.0.1:6379, else a private redis-server from PATH.\nExit code 0 when every file was coded; 1 otherwise, with the reason on stderr.')
  .action(async (paths: string[], options) => {
    process.exitCode = await runCommand(paths, options);
  });

registerCodebookCommands(program);
registerMergeCommand(program);
registerRerunCommand(program);
registerServiceCommands(program);
registerEvalCommand(program);
registerMappingCommands(program);
registerValidationCommands(program);

try {
  await program.parseAsync();
} catch (error) {
  process.stderr.write(`ctacode: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
