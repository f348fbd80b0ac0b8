/**
 * `ctacode mapping init <file>`: writes a mapping file for an export whose columns ctacode does
 * not recognise, pre-filled with the columns it could guess, for the researcher to edit and pass
 * to `ctacode run --mapping`.
 */
import { access, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { ExportFileError } from '../formats/export-file.js';
import type { GuessedMapping } from '../formats/guess-mapping.js';
import type { ColumnMapping } from '../types/contracts.js';

type PostField = keyof ColumnMapping['columns'];

export interface MappingInitOptions {
  out?: string;
  force?: boolean;
}

/** Adds `ctacode mapping init` to the program. */
export function registerMappingCommands(program: Command): void {
  const mapping = program.command('mapping').description('Column mapping files for exports ctacode does not recognise (see docs/formats.md)');
  mapping
    .command('init')
    .description('Write a mapping file to edit, pre-filled with the columns ctacode could guess')
    .argument('<file>', 'the export file (CSV, TSV or .xlsx)')
    .option('--out <file>', 'where to write the mapping (default: <file name>.mapping.json next to the export)')
    .option('--force', 'overwrite an existing mapping file')
    .action(async (file: string, options: MappingInitOptions) => {
      process.exitCode = await mappingInit(file, options, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
    });
}

/** Default place of the mapping for `file`: `posts.csv` → `posts.mapping.json` in the same folder. */
export function defaultMappingPath(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.mapping.json`);
}

/** The command itself, with its output lines passed in so that it can be tested; resolves to the exit code. */
export async function mappingInit(file: string, options: MappingInitOptions, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const target = options.out ?? defaultMappingPath(file);
  if (options.force !== true && (await exists(target))) {
    err(`ctacode: ${target} already exists; edit it, or pass --force to overwrite it, or --out to write elsewhere`);
    return 1;
  }
  const { guessMapping } = await import('../formats/guess-mapping.js');
  let guessed: GuessedMapping;
  try {
    guessed = await guessMapping(file);
  } catch (error) {
    if (error instanceof ExportFileError) {
      err(`ctacode: ${error.message}`);
      return 1;
    }
    throw error;
  }
  await writeFile(target, `${JSON.stringify(guessed.mapping, null, 2)}\n`);
  for (const line of describe(guessed, file, target)) out(line);
  return 0;
}

function describe({ mapping, columns, textGuess, guessedByContent, unmapped }: GuessedMapping, file: string, target: string): string[] {
  const lines = [`wrote ${target}`, `columns in ${basename(file)}: ${columns.join(', ')}`, 'guessed:'];
  for (const [field, column] of Object.entries(mapping.columns) as [PostField, string][]) {
    const note = field === 'text' && textGuess === 'longest-cells'
      ? '   ← no column has a usual name for the text; this one has the longest texts: check it'
      : guessedByContent.includes(field) ? '   ← its cells are dates and times: check it' : '';
    lines.push(`  ${field.padEnd(15)} ${JSON.stringify(column)}${note}`);
  }
  if (unmapped.length > 0) lines.push(`not found (add the ones your file has): ${unmapped.join(', ')}`);
  lines.push('optional: "platform" (e.g. "instagram"), "timezone" of times without offset (e.g. "Europe/Berlin"), "delimiter"');
  lines.push(`then: ctacode run ${file} --mapping ${target}`);
  return lines;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
