import { lstat, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { checkSheet, parseCode, type SheetContext } from '../reliability/check-sheet.js';
import type { CodeColumn } from '../reliability/code-columns.js';
import { sheetHeader, sheetPostColumns } from '../reliability/coding-sheet.js';
import { ValidationInputError } from '../reliability/input-error.js';
import { postKey } from '../reliability/post-key.js';
import { readSheet, type RawSheet } from '../reliability/read-sheet.js';
import type { Code } from '../reliability/reference-code.js';
import { openRun, type ValidationRun } from '../reliability/run-directory.js';
import type { SampleDesign } from '../reliability/sample-design.js';

/**
 * Coding in the browser. The sample's blank sheet of a coder (validation/coder-N.csv, or its .xlsx)
 * gives the posts and their order; the coder's answers go to validation/browser/coder-N.csv, a
 * sheet with exactly the columns of the blank one, which `ctacode reliability` reads like any
 * filled sheet. It is a file of its own, never the blank sheet: a coder may have begun that sheet
 * in a spreadsheet program, and the browser must not overwrite it. In a folder of its own it keeps
 * the file name, hence the coder's name in the report (coder-1), and reliability refuses to take
 * both sheets of one coder (two files of coder "coder-1").
 */

/** Raised for requests the coding routes refuse; statusCode goes to the client with the message. */
export class CodingError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CodingError';
  }
}

/** Coder names as ctacode sample makes them (coder-1 …); anything else in a URL is refused before it nears a path. */
export const coderNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const browserFolder = 'browser';

export interface SamplePaths {
  runDir: string;
  validationDir: string;
}

export const samplePaths = (runDir: string): SamplePaths => ({ runDir, validationDir: join(runDir, 'validation') });

/** The place of a coder's browser sheet, relative to the run directory (for messages and docs). */
export const browserSheetName = (coder: string) => `validation/${browserFolder}/${coder}.csv`;

export interface CodingPost {
  platform: string;
  post_id: string;
  text: string;
  url: string;
  links: string;
  /** Per code column (run.codes order); null: not coded. */
  codes: (Code | null)[];
}

export interface CoderSheetState {
  runId: string;
  coder: string;
  codes: CodeColumn[];
  codebook: { id: string; version: string; title: string };
  posts: CodingPost[];
  /** The blank sheet the posts come from, relative to the run directory. */
  blankSheet: string;
  /** The browser sheet, relative to the run directory; exists once something was saved. */
  browserSheet: string;
  saved: boolean;
}

export const isCoded = (post: Pick<CodingPost, 'codes'>) => post.codes.some((c) => c !== null);

/** Refuses symbolic links on the way to a sheet: the files served and written stay in the run directory. */
async function notALink(path: string, what: string): Promise<boolean> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return false;
  if (info.isSymbolicLink()) throw new CodingError(400, `${what} is a symbolic link: not used`);
  return true;
}

/** The sample's design, or undefined when the run has no sample in validation/. */
export async function readSampleDesign(runDir: string): Promise<SampleDesign | undefined> {
  const { validationDir } = samplePaths(runDir);
  const file = join(validationDir, 'sample-design.json');
  if (!(await notALink(validationDir, 'validation/')) || !(await notALink(file, 'validation/sample-design.json'))) return undefined;
  try {
    const design = JSON.parse(await readFile(file, 'utf8')) as Partial<SampleDesign>;
    return Array.isArray(design.coders) ? (design as SampleDesign) : undefined;
  } catch {
    return undefined;
  }
}

// A run directory does not change once it is finished: its codebook is compiled once, not per answer.
const runs = new Map<string, { mtimeMs: number; run: Promise<ValidationRun> }>();

async function cachedRun(runDir: string): Promise<ValidationRun> {
  const mtimeMs = (await stat(join(runDir, 'codebook.yaml')).catch(() => undefined))?.mtimeMs ?? -1;
  const cached = runs.get(runDir);
  if (cached && cached.mtimeMs === mtimeMs) return cached.run;
  const run = openRun(runDir);
  runs.set(runDir, { mtimeMs, run });
  run.catch(() => runs.delete(runDir));
  return run;
}

/** Reads a sheet, turning its problems into a 409 naming the file (the request is fine; the file is not). */
async function readOrExplain(path: string, shown: string): Promise<RawSheet> {
  try {
    const raw = await readSheet(path);
    return { ...raw, file: shown };
  } catch (error) {
    if (error instanceof ValidationInputError) throw new CodingError(409, error.problems.join('\n').replaceAll(path, shown));
    throw error;
  }
}

/**
 * A coder's posts with what they have saved so far. Checks the browser sheet with the checks of
 * `ctacode reliability`, and that it holds the posts of this sample (a sheet left behind by an
 * earlier sample is refused rather than mixed in).
 */
export async function loadCoderSheet(runDir: string, runId: string, coder: string): Promise<CoderSheetState> {
  if (!coderNamePattern.test(coder)) throw new CodingError(400, `not a coder name: ${coder}`);
  const design = await readSampleDesign(runDir);
  if (!design) throw new CodingError(404, `run ${runId} has no validation sample; draw one with ctacode sample <run_dir>`);
  const entry = design.coders.find((c) => c.coder === coder);
  if (!entry) throw new CodingError(404, `the sample of run ${runId} has no coder ${coder} (its coders are ${design.coders.map((c) => c.coder).join(', ')})`);
  const { validationDir } = samplePaths(runDir);
  const run = await cachedRun(runDir);

  // The blank sheet: the CSV, or the workbook where only that is left.
  let blank: RawSheet | undefined;
  let blankSheet = '';
  for (const name of [`${coder}.csv`, `${coder}.xlsx`]) {
    const path = join(validationDir, name);
    if (await notALink(path, `validation/${name}`)) {
      blankSheet = `validation/${name}`;
      blank = await readOrExplain(path, blankSheet);
      break;
    }
  }
  if (!blank) throw new CodingError(409, `the sheet of ${coder} (validation/${coder}.csv or .xlsx) is not in run ${runId} any more; put the sheet ctacode sample wrote back`);
  const at = (name: string) => blank.header.indexOf(name);
  if (at('platform') === -1 || at('post_id') === -1) throw new CodingError(409, `${blankSheet} has no platform or post_id column; put the sheet ctacode sample wrote back`);
  const cell = (cells: string[], name: string) => (at(name) === -1 ? '' : (cells[at(name)] ?? ''));
  const uncoded = run.codes.map((): Code | null => null);
  const posts: CodingPost[] = blank.rows
    .map(({ cells }) => ({ platform: cell(cells, 'platform').trim(), post_id: cell(cells, 'post_id').trim(), text: cell(cells, 'text'), url: cell(cells, 'url'), links: cell(cells, 'links'), codes: uncoded }))
    .filter((p) => p.platform !== '' && p.post_id !== '');

  const browserSheet = browserSheetName(coder);
  const browserPath = join(validationDir, browserFolder, `${coder}.csv`);
  const saved = (await notALink(join(validationDir, browserFolder), `validation/${browserFolder}/`)) && (await notALink(browserPath, browserSheet));
  if (saved) {
    const raw = await readOrExplain(browserPath, browserSheet);
    const platformAt = raw.header.indexOf('platform');
    const postAt = raw.header.indexOf('post_id');
    const expected = new Set(posts.map((p) => postKey(p.platform, p.post_id)));
    const onSheet = new Set(raw.rows.map((r) => postKey((r.cells[platformAt] ?? '').trim(), (r.cells[postAt] ?? '').trim())));
    if (platformAt !== -1 && postAt !== -1 && (onSheet.size !== expected.size || [...onSheet].some((key) => !expected.has(key)))) {
      throw new CodingError(409, `${browserSheet} holds other posts than ${blankSheet} (a sheet of an earlier sample?); move it away to code this sample in the browser`);
    }
    const check = checkSheet(raw, sheetContext(run, posts));
    if (check.problems.length > 0) {
      throw new CodingError(409, `${check.problems.join('\n')}\n${browserSheet} was changed outside the coding page; fix it, or move it away to start again`);
    }
    for (const post of posts) post.codes = check.sheet.codes.get(postKey(post.platform, post.post_id)) ?? uncoded;
  }
  const { compiled } = run.codebook;
  return { runId: run.runId, coder, codes: run.codes, codebook: { id: compiled.id, version: compiled.version, title: compiled.title }, posts, blankSheet, browserSheet, saved };
}

function sheetContext(run: ValidationRun, posts: readonly CodingPost[]): SheetContext {
  const { compiled } = run.codebook;
  return { runId: run.runId, codebook: `${compiled.id} ${compiled.version}`, codes: run.codes, knownPosts: new Set(posts.map((p) => postKey(p.platform, p.post_id))) };
}

// Answers to one sheet are written one after the other: each is a read, change, check, atomic write.
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const result = before.then(work, work);
  const tail = result.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return result;
}

/** The coder's sheet as loadCoderSheet reads it, after any answer being saved to it. */
export function readCoderSheet(runDir: string, runId: string, coder: string): Promise<CoderSheetState> {
  if (!coderNamePattern.test(coder)) throw new CodingError(400, `not a coder name: ${coder}`);
  return serialised(join(runDir, coder), () => loadCoderSheet(runDir, runId, coder));
}

/** One answer as the page sends it: the post and a value per code column. */
export interface Answer {
  platform: string;
  post_id: string;
  codes: Record<string, unknown>;
}

/** Checks an answer as a sheet's cells are checked: every code column, each 0, 1 or empty, and nothing else. */
export function parseAnswer(body: unknown, codes: readonly CodeColumn[]): { platform: string; post_id: string; codes: (Code | null)[] } {
  const answer = (body ?? {}) as Partial<Answer>;
  if (typeof answer.platform !== 'string' || typeof answer.post_id !== 'string' || typeof answer.codes !== 'object' || answer.codes === null || Array.isArray(answer.codes)) {
    throw new CodingError(400, 'send { "platform": …, "post_id": …, "codes": { "cta_any": 0|1|null, … } } as JSON');
  }
  const given = answer.codes as Record<string, unknown>;
  const known = new Set(codes.map((c) => c.column));
  const problems: string[] = [];
  for (const column of Object.keys(given)) if (!known.has(column)) problems.push(`"${column}" is not a code of this codebook (its codes are ${[...known].join(', ')})`);
  const values = codes.map((code) => {
    if (!(code.column in given)) {
      problems.push(`column ${code.column} is missing; send every code (null for not coded)`);
      return null;
    }
    const value = given[code.column];
    const text = value === null || value === undefined ? '' : typeof value === 'number' || typeof value === 'string' ? String(value) : '?';
    const parsed = parseCode(text);
    if (parsed === undefined) {
      problems.push(`column ${code.column}: "${text}" is not a code; send 1 (present), 0 (absent), or null (not coded)`);
      return null;
    }
    return parsed;
  });
  if (problems.length > 0) throw new CodingError(400, problems.join('\n'));
  return { platform: answer.platform, post_id: answer.post_id, codes: values };
}

/** The sheet as CSV text, with the header and post cells of the blank sheet, checked as reliability checks it. */
export function browserSheetCsv(state: CoderSheetState, context: SheetContext): string {
  const header = sheetHeader(state.codes);
  const cellOf = (code: Code | null) => (code === null ? '' : String(code));
  const table = state.posts.map((p) => [...sheetPostColumns.map((name) => p[name]), ...p.codes.map(cellOf)]);
  const raw: RawSheet = { file: state.browserSheet, name: state.coder, header, rows: table.map((cells, i) => ({ row: i + 2, cells })) };
  const check = checkSheet(raw, context);
  if (check.problems.length > 0) throw new Error(`the browser sheet would not pass the check of ctacode reliability: ${check.problems.join('; ')}`);
  return stringify([header, ...table], { record_delimiter: '\n' });
}

/**
 * Saves one answer: the coder's sheet is read, the post's codes replaced, the whole sheet checked
 * and written under a temporary name and renamed into place, so a reader (or a crash) never sees
 * half a sheet. Answers to the same sheet wait for each other.
 */
export async function saveAnswer(runDir: string, runId: string, coder: string, body: unknown): Promise<{ state: CoderSheetState; index: number }> {
  if (!coderNamePattern.test(coder)) throw new CodingError(400, `not a coder name: ${coder}`);
  return serialised(join(runDir, coder), async () => {
    const state = await loadCoderSheet(runDir, runId, coder);
    const answer = parseAnswer(body, state.codes);
    const index = state.posts.findIndex((p) => p.platform === answer.platform && p.post_id === answer.post_id);
    if (index === -1) throw new CodingError(400, `post ${answer.post_id} (${answer.platform}) is not on the sheet of ${coder}`);
    state.posts[index] = { ...state.posts[index]!, codes: answer.codes };
    const run = await cachedRun(runDir);
    const csv = browserSheetCsv(state, sheetContext(run, state.posts));
    const dir = join(samplePaths(runDir).validationDir, browserFolder);
    await mkdir(dir, { recursive: true });
    await notALink(dir, `validation/${browserFolder}/`);
    await writeFileAtomic(join(dir, `${coder}.csv`), csv);
    return { state: { ...state, saved: true }, index };
  });
}

/** Each coder of a run's sample with their progress, for the run page and the coders page. */
export async function coderProgress(runDir: string, runId: string): Promise<{ coder: string; posts: number; coded: number; error?: string }[] | undefined> {
  const design = await readSampleDesign(runDir);
  if (!design) return undefined;
  return Promise.all(
    design.coders
      .filter((c) => coderNamePattern.test(c.coder))
      .map(async (c) => {
        try {
          const state = await loadCoderSheet(runDir, runId, c.coder);
          return { coder: c.coder, posts: state.posts.length, coded: state.posts.filter(isCoded).length };
        } catch (error) {
          if (error instanceof CodingError) return { coder: c.coder, posts: c.posts, coded: 0, error: error.message };
          throw error;
        }
      }),
  );
}
