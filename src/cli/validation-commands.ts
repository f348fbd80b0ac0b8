import { type Command, InvalidArgumentError, Option } from 'commander';
import { ValidationInputError } from '../reliability/input-error.js';
import { stratifications } from '../reliability/strata.js';
import { wholeNumber } from './option-parsers.js';

/** More problems than this would scroll the first ones away; they are all the same kind of fix. */
const problemsShown = 20;


const share = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a share between 0 and 1, e.g. 0.2 for 20%');
  return n;
};

const nonNegative = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more');
  return n;
};

/**
 * Input problems are listed one per line, each `ctacode: …`, so a researcher fixes every sheet in
 * one go; anything else goes to the general handler in cli.ts.
 */
function reportingProblems<Args extends unknown[]>(action: (...args: Args) => Promise<void>): (...args: Args) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      if (!(error instanceof ValidationInputError)) throw error;
      for (const problem of error.problems.slice(0, problemsShown)) process.stderr.write(`ctacode: ${problem}\n`);
      const more = error.problems.length - problemsShown;
      if (more > 0) process.stderr.write(`ctacode: … and ${more} more problem(s)\n`);
      if (error.conclusion) process.stderr.write(`ctacode: ${error.conclusion}\n`);
      process.exitCode = 1;
    }
  };
}

const warn = (warnings: readonly string[]) => {
  for (const warning of warnings) process.stderr.write(`ctacode: warning: ${warning}\n`);
};

/** `ctacode sample`, `ctacode reliability` and `ctacode suggest`: validating the coding against human coders (docs/validation.md). */
export function registerValidationCommands(program: Command): void {
  program
    .command('sample')
    .description('Draw a reproducible sample of a run and write blind coding sheets (CSV and .xlsx) for human coders')
    .argument('<run_dir>', 'run directory (the last line `ctacode run` printed)')
    .option('--n <posts>', 'distinct posts to draw', wholeNumber(1), 300)
    .addOption(new Option('--stratify <by>', 'draw from strata: cta_any (machine CTA or not), category (rarest machine category), platform or account').choices(stratifications).default('none'))
    .addOption(new Option('--allocation <how>', 'equal: as many posts from every stratum (rare strata get enough); proportional: as in the run').choices(['equal', 'proportional']).default('equal'))
    .option('--coders <n>', 'number of coders (one sheet each)', wholeNumber(1), 2)
    .option('--overlap <share>', 'share of the sample every coder codes, for human–human agreement', share, 0.2)
    .option('--seed <seed>', 'seed of the random draw (default: a new one, recorded in sample-design.json)')
    .option('--out <dir>', 'folder for the sheets and the design (default: <run_dir>/validation)')
    .option('--exclude <designs...>', 'sample-design.json of earlier samples (practice, codebook tuning) whose posts must not be drawn again')
    .addHelpText('after', '\nRefuses to overwrite an earlier sample. Prints the folder as its last line.')
    .action(
      reportingProblems(async (runDir: string, options) => {
        const { drawValidationSample } = await import('../reliability/sample-command.js');
        const { dir, design, warnings } = await drawValidationSample(runDir, options);
        warn(warnings);
        const strata = design.stratify === 'none' ? '' : `stratified by ${design.stratify}, `;
        const coders = design.coders.map((c) => `${c.coder} ${c.posts} posts`).join(', ');
        const overlap = design.coders.length > 1 ? `, ${design.overlap.posts} coded by all` : '';
        process.stderr.write(`ctacode: drew ${design.n} of ${design.population} posts (${strata}seed ${design.seed}): ${coders}${overlap}; the design is in sample-design.txt\n`);
        process.stdout.write(`${dir}\n`);
      }),
    );

  program
    .command('reliability')
    .description("Agreement among the coders and of the machine with them, from filled coding sheets: reliability.csv/.json/.html and disagreements.csv")
    .argument('<run_dir>', 'run directory the sheets were drawn from')
    .requiredOption('--coded <sheets...>', 'filled coding sheets (.csv or .xlsx), one per coder; the file name names the coder')
    .option('--gold <file>', 'adjudicated codes: disagreements.csv with its gold column filled, or a full coding sheet; they replace the majority where given')
    .option('--bootstrap <n>', 'bootstrap resamples for the 95% intervals', wholeNumber(100), 1000)
    .option('--seed <seed>', 'seed of the bootstrap', '1')
    .option('--out <dir>', 'folder for the report (default: <run_dir>/validation)')
    .addHelpText('after', '\nEvery sheet is checked before anything is written. Prints the folder as its last line.')
    .action(
      reportingProblems(async (runDir: string, options) => {
        const [{ runReliability }, { reliabilitySummary }] = await Promise.all([import('../reliability/reliability-command.js'), import('../reliability/reliability-summary.js')]);
        const { dir, report } = await runReliability(runDir, options);
        warn(report.warnings);
        process.stdout.write(`${reliabilitySummary(report)}${dir}\n`);
      }),
    );

  program
    .command('suggest')
    .description('Words and phrases typical of the calls the machine missed, and the evidence behind its false positives, to improve the codebook')
    .argument('<run_dir>', 'run directory the sheets were drawn from')
    .requiredOption('--coded <sheets...>', 'filled coding sheets (.csv or .xlsx)')
    .option('--gold <file>', 'adjudicated codes, as for reliability')
    .addOption(new Option('--reference <corpus>', "compare missed posts with the run's machine negatives or with the rest of the sample").choices(['negatives', 'sample']).default('negatives'))
    .option('--min-posts <n>', 'a term must occur in at least this many missed posts', wholeNumber(1), 2)
    .option('--min-g2 <g2>', 'keyness threshold (3.84: p < .05; 6.63: p < .01)', nonNegative, 3.84)
    .option('--top <n>', 'terms per code', wholeNumber(1), 20)
    .option('--json', 'print JSON instead of tables')
    .action(
      reportingProblems(async (runDir: string, options) => {
        const [{ suggestImprovements }, { suggestionsText }] = await Promise.all([import('../reliability/suggest-command.js'), import('../reliability/suggestions-text.js')]);
        const suggestions = await suggestImprovements(runDir, options);
        process.stdout.write(options.json ? `${JSON.stringify(suggestions, null, 2)}\n` : suggestionsText(suggestions));
      }),
    );
}
