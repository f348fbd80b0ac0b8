import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCsv } from '../aggregate/write-csv.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { softwareVersion } from '../runtime/version.js';
import type { Allocation } from './allocate.js';
import { codingInstructions } from './coding-instructions.js';
import { sheetCsvColumns, type SheetPost } from './coding-sheet.js';
import { drawSample } from './draw-sample.js';
import { ValidationInputError } from './input-error.js';
import { postKey } from './post-key.js';
import { newSeed, seededRandom } from './random.js';
import { openRun, readCodedPosts, type ValidationRun } from './run-directory.js';
import { describeDesign, type SampleDesign } from './sample-design.js';
import { sheetWorkbook } from './sheet-workbook.js';
import { formStrata, stratumKey, type Stratification, type StratumFields } from './strata.js';

export interface SampleCommandOptions {
  n: number;
  stratify: Stratification;
  allocation: Allocation;
  coders: number;
  overlap: number;
  /** Drawn at random (and recorded) when not given. */
  seed?: string;
  /** Default: <run_dir>/validation. */
  out?: string;
  /** sample-design.json files of earlier samples whose posts must not be drawn again. */
  exclude?: string[];
}

export interface SampleResult {
  dir: string;
  design: SampleDesign;
  /** Every file written, in the order written. */
  files: string[];
  warnings: string[];
}

const coderName = (index: number) => `coder-${index + 1}`;

/**
 * `ctacode sample`: draws the sample and writes blind sheets (CSV and .xlsx) per coder, the coders'
 * instructions and the design. Refuses to write over an earlier sample, whose sheets may already
 * hold hours of coding.
 */
export async function drawValidationSample(runDir: string, options: SampleCommandOptions): Promise<SampleResult> {
  const run = await openRun(runDir);
  if (!run.hasText && !run.hasUrls) {
    throw new ValidationInputError([
      `run ${run.runId} was made with --no-text and --pseudonymise, so its posts have neither text nor links and coders cannot see what they code; code the export again without --no-text for the validation`,
    ]);
  }
  const warnings = run.hasText ? [] : [`run ${run.runId} was made with --no-text: the sheets have no post text, so coders must open every post at its url`];
  const dir = options.out ?? join(run.dir, 'validation');
  const coders = Array.from({ length: options.coders }, (_value, i) => coderName(i));
  const names = [...coders.flatMap((c) => [`${c}.csv`, `${c}.xlsx`]), 'instructions.txt', 'sample-design.json', 'sample-design.txt'];
  await refuseToOverwrite(dir, names);

  const excluded = await postsOfEarlierSamples(options.exclude ?? []);

  const groups = new Map<string, number[]>();
  let ordinal = 0;
  let excludedPosts = 0;
  for await (const record of readCodedPosts(run)) {
    if (excluded.has(postKey(record.platform!, record.post_id!))) excludedPosts++;
    else {
      // readCodedPosts has checked that every stratum field is a column.
      const key = stratumKey(record as unknown as StratumFields, options.stratify);
      const members = groups.get(key);
      if (members) members.push(ordinal);
      else groups.set(key, [ordinal]);
    }
    ordinal++;
  }
  const population = ordinal - excludedPosts;
  if (population === 0) {
    throw new ValidationInputError([
      excludedPosts === 0
        ? `run ${run.runId} has no coded posts, so there is nothing to validate; code some posts first`
        : `every post of run ${run.runId} is in an earlier sample given with --exclude, so there is nothing left to draw`,
    ]);
  }

  const seed = options.seed ?? newSeed();
  const strata = formStrata(groups, options.stratify, run.codebook.compiled.categories.map((c) => c.id));
  const drawn = drawSample(strata, options, seededRandom(seed));
  const posts = await sheetPosts(run, new Set(drawn.posts.map((p) => p.ordinal)));
  const overlapPosts = drawn.strata.reduce((sum, s) => sum + s.overlap, 0);

  const { compiled } = run.codebook;
  const design: SampleDesign = {
    created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    software: `ctacode ${softwareVersion}`,
    run_id: run.runId,
    codebook: { id: compiled.id, version: compiled.version, sha256: run.codebook.sha256 },
    seed,
    n_requested: options.n,
    n: drawn.posts.length,
    population,
    excluded: { samples: options.exclude ?? [], posts: excludedPosts },
    stratify: options.stratify,
    allocation: options.allocation,
    overlap: { share: options.coders > 1 ? options.overlap : 0, posts: overlapPosts },
    strata: drawn.strata.map((s) => ({
      ...s,
      inclusion_probability: s.population === 0 ? 0 : s.sample / s.population,
      weight: s.sample === 0 ? 0 : s.population / s.sample,
    })),
    coders: coders.map((coder, i) => ({ coder, sheets: [`${coder}.csv`, `${coder}.xlsx`], posts: drawn.sheets[i]!.length })),
    posts: drawn.posts.map((p) => {
      const post = posts.get(p.ordinal)!;
      return { platform: post.platform, post_id: post.post_id, stratum: p.stratum, coders: p.coders.map(coderName) };
    }),
  };

  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const columns = sheetCsvColumns(run.codes);
  for (const [i, coder] of coders.entries()) {
    const sheet = drawn.sheets[i]!.map((ordinal) => posts.get(ordinal)!);
    await writeCsv(join(dir, `${coder}.csv`), columns, sheet);
    await writeFileAtomic(join(dir, `${coder}.xlsx`), await sheetWorkbook(sheet, run.codes, codingInstructions(compiled, run.codes, coder)));
    files.push(join(dir, `${coder}.csv`), join(dir, `${coder}.xlsx`));
  }
  await writeFileAtomic(join(dir, 'instructions.txt'), `${codingInstructions(compiled, run.codes, 'each coder').join('\n')}\n`);
  await writeFileAtomic(join(dir, 'sample-design.json'), `${JSON.stringify(design, null, 2)}\n`);
  await writeFileAtomic(join(dir, 'sample-design.txt'), describeDesign(design));
  files.push(join(dir, 'instructions.txt'), join(dir, 'sample-design.json'), join(dir, 'sample-design.txt'));
  return { dir, design, files, warnings };
}

async function refuseToOverwrite(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const path = join(dir, name);
    const exists = await access(path).then(() => true, () => false);
    if (exists) {
      throw new ValidationInputError([
        `${path} already exists: a new sample would overwrite coders' work there; choose another folder with --out, or move the earlier sample away first`,
      ]);
    }
  }
}

/**
 * Posts already shown to coders: a practice sample discussed in training, or the sample a codebook
 * was tuned on, would make agreement on them look better than it is.
 */
async function postsOfEarlierSamples(files: readonly string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const file of files) {
    let design: Partial<SampleDesign>;
    try {
      design = JSON.parse(await readFile(file, 'utf8')) as Partial<SampleDesign>;
    } catch (error) {
      throw new ValidationInputError([`--exclude ${file} cannot be read as JSON (${(error as Error).message}); give the sample-design.json of an earlier sample`]);
    }
    if (!Array.isArray(design.posts)) throw new ValidationInputError([`--exclude ${file} has no list of posts; give the sample-design.json that ctacode sample wrote`]);
    for (const post of design.posts) keys.add(postKey(post.platform, post.post_id));
  }
  return keys;
}

async function sheetPosts(run: ValidationRun, ordinals: ReadonlySet<number>): Promise<Map<number, SheetPost>> {
  const posts = new Map<number, SheetPost>();
  let ordinal = 0;
  for await (const r of readCodedPosts(run)) {
    if (ordinals.has(ordinal)) posts.set(ordinal, { platform: r.platform!, post_id: r.post_id!, text: r.text ?? '', url: r.url!, links: r.links! });
    ordinal++;
    if (posts.size === ordinals.size) break;
  }
  return posts;
}
