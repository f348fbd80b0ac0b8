import { extname, resolve } from 'node:path';
import { checkGold } from './check-gold.js';
import { checkSheet, type CoderSheet, type SheetContext } from './check-sheet.js';
import { disagreementColumns } from './disagreement-table.js';
import { ValidationInputError } from './input-error.js';
import { postKey } from './post-key.js';
import { readSheet, type RawSheet } from './read-sheet.js';
import type { Code } from './reference-code.js';
import { openRun, readCodedPosts, type ValidationRun } from './run-directory.js';

/** A sampled post with everything the reliability figures and the adjudication need. */
export interface ValidationPost {
  key: string;
  platform: string;
  post_id: string;
  text: string;
  url: string;
  /** cta_evidence of coded_posts.csv. */
  evidence: string;
  /** The machine's code per code column (run.codes order). */
  machine: Code[];
  /** Per coder (data.coders order), per code column; null: not coded. */
  coders: (Code | null)[][];
  /** Adjudicated code per code column; null: none. */
  gold: (Code | null)[];
}

export interface ValidationData {
  run: ValidationRun;
  coders: { coder: string; file: string; posts: number }[];
  gold: { file: string; posts: number } | null;
  /** Every post on a sheet or in the gold file, in coded_posts.csv order. */
  posts: ValidationPost[];
  warnings: string[];
}

/**
 * Reads and checks every sheet (and the gold file) in full before returning anything: one problem
 * anywhere and the whole import fails, with every problem listed, so the figures never rest on a
 * half-read set of sheets.
 */
export async function loadValidationData(runDir: string, sheetFiles: readonly string[], goldFile?: string): Promise<ValidationData> {
  const run = await openRun(runDir);
  const problems: string[] = [];
  const read = async (file: string): Promise<{ raw: RawSheet | null; problems: readonly string[] }> =>
    readSheet(file).then(
      (raw) => ({ raw, problems: [] }),
      (error: unknown) => {
        if (error instanceof ValidationInputError) return { raw: null, problems: error.problems };
        throw error;
      },
    );
  // Problems are listed in the order the files were given, not in the order their reads finish.
  const results = await Promise.all([...sheetFiles, ...(goldFile ? [goldFile] : [])].map(read));
  for (const result of results) problems.push(...result.problems);
  const raws = results.slice(0, sheetFiles.length).flatMap((r) => (r.raw ? [r.raw] : []));
  const rawGold = goldFile ? results[sheetFiles.length]!.raw : null;
  problems.push(...sameCoderTwice(raws), ...reservedCoderNames(raws), ...goldAmongSheets(sheetFiles, goldFile));
  const nothingImported = () => `nothing was imported: fix the ${problems.length === 1 ? 'problem' : `${problems.length} problems`} above and run the command again`;
  if (problems.length > 0) throw new ValidationInputError(problems, nothingImported());

  const records = await findPosts(run, [...raws, ...(rawGold ? [rawGold] : [])]);
  const compiled = run.codebook.compiled;
  const context: SheetContext = { runId: run.runId, codebook: `${compiled.id} ${compiled.version}`, codes: run.codes, knownPosts: new Set(records.keys()) };
  const warnings: string[] = [];
  const sheets: CoderSheet[] = raws.map((raw) => {
    const check = checkSheet(raw, context);
    problems.push(...check.problems);
    warnings.push(...check.warnings);
    return check.sheet;
  });
  const goldCheck = rawGold ? checkGold(rawGold, context) : null;
  if (goldCheck) {
    problems.push(...goldCheck.problems);
    warnings.push(...goldCheck.warnings);
  }
  if (problems.length > 0) throw new ValidationInputError(problems, nothingImported());

  const gold = goldCheck?.gold ?? new Map<string, (Code | null)[]>();
  const uncoded = run.codes.map((): Code | null => null);
  const posts = [...records.entries()]
    .filter(([key]) => gold.has(key) || sheets.some((s) => s.codes.has(key)))
    .map(([key, r]): ValidationPost => ({
      key,
      platform: r.platform!,
      post_id: r.post_id!,
      text: r.text ?? '',
      url: r.url!,
      evidence: r.cta_evidence!,
      machine: run.codes.map((c) => (r[c.column] === '1' ? 1 : 0)),
      coders: sheets.map((s) => s.codes.get(key) ?? uncoded),
      gold: gold.get(key) ?? uncoded,
    }));
  return {
    run,
    coders: sheets.map((s) => ({ coder: s.coder, file: s.file, posts: s.codes.size })),
    gold: goldFile ? { file: goldFile, posts: gold.size } : null,
    posts,
    warnings,
  };
}

/** The rows of coded_posts.csv of the posts the sheets name, in run order. */
async function findPosts(run: ValidationRun, sheets: readonly RawSheet[]): Promise<Map<string, Record<string, string>>> {
  const wanted = new Set<string>();
  for (const sheet of sheets) {
    const platformAt = sheet.header.indexOf('platform');
    const postAt = sheet.header.indexOf('post_id');
    if (platformAt === -1 || postAt === -1) continue;
    for (const { cells } of sheet.rows) wanted.add(postKey((cells[platformAt] ?? '').trim(), (cells[postAt] ?? '').trim()));
  }
  const found = new Map<string, Record<string, string>>();
  for await (const record of readCodedPosts(run)) {
    const key = postKey(record.platform!, record.post_id!);
    if (wanted.has(key) && !found.has(key)) found.set(key, record);
    if (found.size === wanted.size) break;
  }
  return found;
}

/** Coders are named by their file names, so two files with one name would merge two coders into one. */
function sameCoderTwice(raws: readonly RawSheet[]): string[] {
  const byName = new Map<string, string>();
  const problems: string[] = [];
  for (const raw of raws) {
    const earlier = byName.get(raw.name);
    if (earlier !== undefined) problems.push(`sheets ${earlier} and ${raw.file} are both coder "${raw.name}" (a coder is named by the file name); give each coder's sheet its own name, or pass each sheet once`);
    else byName.set(raw.name, raw.file);
  }
  return problems;
}

/** Coders become columns of the disagreement table, next to these. */
const reservedNames = new Set(disagreementColumns([]).map((c) => c.name));

function reservedCoderNames(raws: readonly RawSheet[]): string[] {
  return raws
    .filter((raw) => reservedNames.has(raw.name))
    .map((raw) => `sheet ${raw.file}: a coder cannot be called "${raw.name}" (coders are named by the file name, and the disagreement table has a column of that name); rename the file, e.g. to coder-${raw.name}${extname(raw.file)}`);
}

function goldAmongSheets(sheetFiles: readonly string[], goldFile: string | undefined): string[] {
  if (!goldFile || !sheetFiles.some((f) => resolve(f) === resolve(goldFile))) return [];
  return [`${goldFile} is given both as a coder's sheet (--coded) and as the gold standard (--gold); an adjudicated sheet is not a coder: pass it with --gold only`];
}
