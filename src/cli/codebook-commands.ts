import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CodebookError } from '../codebook/codebook-error.js';
import type { LoadedCodebook } from '../codebook/load-codebook.js';
import type { CodebookCategory, CodebookCues } from '../types/contracts.js';

/**
 * `ctacode codebook validate|show|import`. Problems are printed one per line as
 * `ctacode: <file>: <place>: <what is wrong and what to do>`, and the exit code is 1.
 */
export function registerCodebookCommands(program: Command): void {
  const codebook = program.command('codebook').description('Check, show or import codebooks (docs/codebook.md describes the format)');

  codebook
    .command('validate')
    .description('Check a codebook: schema, references, cues, and that its own examples are coded as they say')
    .argument('<file>', 'codebook YAML')
    .action(async (file: string) => {
      await reportingProblems(async () => {
        const { loadCodebook } = await import('../codebook/load-codebook.js');
        const loaded = await loadCodebook(file);
        process.stdout.write(`${file}: valid: ${summary(loaded)}\n`);
      });
    });

  codebook
    .command('show')
    .description('Show a codebook: languages, the hierarchy of functions and categories, cue and example counts')
    .argument('[file]', 'codebook YAML (default: codebooks/cta-v1.yaml)')
    .action(async (file: string | undefined) => {
      await reportingProblems(async () => {
        const [{ loadCodebook }, { stemmerName }] = await Promise.all([import('../codebook/load-codebook.js'), import('../coding/stemmers.js')]);
        process.stdout.write(describe(await loadCodebook(file), stemmerName));
      });
    });

  codebook
    .command('import')
    .description('Turn a LIWC (.dic) or quanteda YAML (.yml, .yaml) dictionary into a codebook; prints it, or writes it with --out')
    .argument('<file>', 'dictionary file')
    .option('--out <file>', 'write the codebook YAML here instead of printing it')
    .option('--language <code>', 'language of the entries (ISO 639-1)', 'en')
    .option('--id <id>', 'codebook id (default: from the file name)')
    .action(async (file: string, options: { out?: string; language: string; id?: string }) => {
      await reportingProblems(async () => {
        const [{ compileCodebook }, { codebookYaml, importDictionary }] = await Promise.all([import('../codebook/compile-codebook.js'), import('../codebook/import-dictionary.js')]);
        const text = await readText(file);
        const imported = importDictionary(file, text, { language: options.language, ...(options.id === undefined ? {} : { id: options.id }) });
        try {
          compileCodebook(imported.codebook);
        } catch (error) {
          if (error instanceof CodebookError) throw new CodebookError(file, error.problems.map((p) => ({ ...p, message: `${p.message} (in the imported codebook)` })));
          throw error;
        }
        for (const problem of imported.skipped) process.stderr.write(`ctacode: ${file}: ${problem.path}: ${problem.message}\n`);
        const yaml = codebookYaml(imported, file);
        if (options.out === undefined) {
          process.stdout.write(yaml);
          return;
        }
        await writeFile(options.out, yaml);
        const categories = imported.codebook.categories.length;
        process.stdout.write(`${options.out}: ${categories} categor${categories === 1 ? 'y' : 'ies'} imported from ${file} (${imported.format}); check it with ctacode codebook validate ${options.out}\n`);
      });
    });
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CodebookError(file, [{ path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path` }]);
  }
}

/** Runs a command; a CodebookError becomes one `ctacode: …` line per problem and exit code 1. */
async function reportingProblems(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    if (!(error instanceof CodebookError)) throw error;
    for (const line of error.message.split('\n')) process.stderr.write(`ctacode: ${line}\n`);
    process.exitCode = 1;
  }
}

function summary({ document }: LoadedCodebook): string {
  const examples = document.categories.reduce(
    (sum, category) => sum + Object.values(category.examples ?? {}).reduce((n, e) => n + (e.positive?.length ?? 0) + (e.negative?.length ?? 0), 0),
    0,
  );
  return (
    `${document.id} ${document.version}, ${plural(document.languages.length, 'language')} (${document.languages.join(', ')}), ` +
    `${plural(document.functions.length, 'function')}, ${plural(document.categories.length, 'category', 'categories')}, ` +
    `${plural(examples, 'example')} coded as expected`
  );
}

const cueKinds = ['actions', 'phrases', 'stems', 'regex', 'hashtags', 'domains', 'emoji'] as const satisfies readonly (keyof CodebookCues)[];

/** The codebook as a reader sees it: the hierarchy, and what each category has per language. */
function describe(loaded: LoadedCodebook, stemmerName: (language: string) => string | undefined): string {
  const { document, file, sha256 } = loaded;
  const lines = [`${document.id} ${document.version}: ${document.title}`, `${file} (sha256 ${sha256.slice(0, 12)}…)`, ''];
  lines.push('languages:');
  for (const language of document.languages) {
    const frames = document.rules?.[language]?.frames.map((frame) => frame.id) ?? [];
    const stemmer = stemmerName(language);
    lines.push(`  ${language}: ${frames.length === 0 ? 'no frames' : `frames ${frames.join(', ')}`}${stemmer === undefined ? '' : `; stemmer ${stemmer}`}`);
  }
  lines.push('', 'functions and categories (output columns cta_fn_<id> and cta_<id>):');
  const childrenOf = (parent: string | undefined) => document.categories.filter((category) => category.parent === parent);
  const show = (category: CodebookCategory, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${category.id}: ${category.label}${category.threshold === undefined ? '' : ` (threshold ${category.threshold})`}`);
    for (const [key, cues] of Object.entries(category.cues)) {
      const counts = cueKinds.filter((kind) => (cues[kind]?.length ?? 0) > 0).map((kind) => `${kind} ${cues[kind]!.length}`);
      if (counts.length > 0) lines.push(`${'  '.repeat(depth + 1)}${key}: ${counts.join(', ')}`);
    }
    const examples = Object.entries(category.examples ?? {}).map(([key, e]) => `${key} +${e.positive?.length ?? 0}/−${e.negative?.length ?? 0}`);
    if (examples.length > 0) lines.push(`${'  '.repeat(depth + 1)}examples: ${examples.join(', ')}`);
    for (const child of childrenOf(category.id)) show(child, depth + 1);
  };
  for (const fn of document.functions) {
    lines.push(`  ${fn.id}: ${fn.label}`);
    for (const category of document.categories.filter((c) => c.parent === undefined && c.function === fn.id)) show(category, 2);
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

