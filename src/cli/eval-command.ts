import type { Command } from 'commander';
import { wholeNumber } from './option-parsers.js';

export interface EvalCommandOptions {
  textCol: string;
  labelCol?: string[];
  idCol?: string;
  langCol?: string;
  lang?: string;
  codebook?: string;
  json?: boolean;
  confusions: number;
  errors: number;
}


/** `ctacode eval`: code a labelled CSV with the codebook and report precision, recall and F1. */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('Code a labelled CSV (no Redis needed) and report per-category precision, recall, F1, support, micro/macro averages and confusions')
    .argument('<file>', 'labelled CSV: a text column and one 0/1 column per category (or one yes/no column for any CTA)')
    .option('--text-col <column>', 'column with the post text', 'text')
    .option(
      '--label-col <columns...>',
      'label columns, each COLUMN or COLUMN=CATEGORY (comma- or space-separated); a single column that names no category is the any-CTA label (e.g. --label-col c2a); default: every column named like a category (vote or cta_vote) and cta_any',
    )
    .option('--id-col <column>', 'column with a row id (default: id, else the line number)')
    .option('--lang-col <column>', 'column with the language (ISO 639-1) of each post')
    .option('--lang <code>', 'language of every post, where there is no language column (default: detected, else the codebook\'s first)')
    .option('--codebook <file>', 'codebook YAML (default: codebooks/cta-v1.yaml)')
    .option('--json', 'print the full evaluation as JSON')
    .option('--confusions <n>', 'how many of the most frequent confusions to list', wholeNumber(0), 10)
    .option('--errors <n>', 'list up to n miscoded posts with their labels and codes', wholeNumber(0), 0)
    .addHelpText('after', '\nLabel cells: 1/0, true/false, yes/no (any case). Figures that would be 0/0 are printed as – (null in JSON).\nExit code 0 when the file was evaluated; 1 otherwise, with the reason on stderr.')
    .action(async (file: string, options: EvalCommandOptions) => {
      process.exitCode = await evalCommand(file, options);
    });
}

/** Resolves to the exit code. */
export async function evalCommand(file: string, options: EvalCommandOptions): Promise<number> {
  const [{ loadCodebook }, { evaluateCoding }, { formatCodingReport }, { readLabelledFile }] = await Promise.all([
    import('../codebook/load-codebook.js'),
    import('../eval/evaluate-coding.js'),
    import('../eval/format-report.js'),
    import('../eval/labelled-file.js'),
  ]);
  const codebook = await loadCodebook(options.codebook);
  const labelled = await readLabelledFile(
    file,
    codebook.compiled.categories.map((category) => category.id),
    {
      text: options.textCol,
      ...(options.labelCol ? { labels: options.labelCol } : {}),
      ...(options.idCol ? { id: options.idCol } : {}),
      ...(options.langCol ? { lang: options.langCol } : {}),
      ...(options.lang ? { fixedLang: options.lang } : {}),
    },
  );
  const evaluation = evaluateCoding(labelled, codebook.compiled);
  if (options.json) {
    const { miscoded, ...rest } = evaluation;
    const json = { ...rest, codebook: { ...rest.codebook, sha256: codebook.sha256 }, miscoded: miscoded.slice(0, options.errors) };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(formatCodingReport(evaluation, { confusions: options.confusions, errors: options.errors }));
  }
  return 0;
}
