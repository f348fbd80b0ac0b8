import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerValidationCommands } from '../../src/cli/validation-commands.js';
import { ValidationInputError } from '../../src/reliability/input-error.js';
import { runReliability } from '../../src/reliability/reliability-command.js';
import type { ReliabilityReport } from '../../src/reliability/reliability-report.js';
import { drawValidationSample } from '../../src/reliability/sample-command.js';
import type { SampleDesign } from '../../src/reliability/sample-design.js';
import { suggestImprovements } from '../../src/reliability/suggest-command.js';
import { crowdtangleCsv, type CrowdtanglePost } from '../support/crowdtangle-csv.js';
import { createHarness, type Harness } from '../support/pipeline-harness.js';

// Positive and negative examples of the default codebook: they are checked when it loads, so the
// machine's codes are known: six calls to action and six posts without one.
const messages = [
  'Vote on Tuesday!',
  'I voted today!',
  'Sign the petition: change.org/p/save-the-bees',
  'Vote counts are in.',
  'Join us Saturday at City Hall!',
  'We marched yesterday.',
  'Please register to vote before Friday.',
  'The petition reached 100k signatures.',
  'Add your name to our open letter.',
  'Protests continued in the capital.',
  'March with us on May 1st.',
  'The march was huge.',
];

const posts: CrowdtanglePost[] = messages.map((message, i) => ({
  page: i % 2 === 0 ? 'Climate Now' : 'City Party',
  handle: i % 2 === 0 ? 'climatenow' : 'cityparty',
  pageId: i % 2 === 0 ? '7533944086' : '273864989376427',
  postId: `10160000000000000${String(i + 10)}`,
  created: `2023-03-${String(i + 1).padStart(2, '0')} 10:00:00 EST`,
  message,
}));

type Row = Record<string, string>;
const rows = (csv: string) => parse(csv, { columns: true, bom: true }) as Row[];
const exists = (path: string) => access(path).then(() => true, () => false);

describe('validation workflow on a real run', () => {
  let harness: Harness;
  let runDir: string;
  let coded: Row[];
  let design: SampleDesign;
  let sheets: { csv: string; xlsx: string };

  beforeAll(async () => {
    harness = await createHarness();
    const file = join(harness.dataDir, 'export.csv');
    await writeFile(file, crowdtangleCsv(posts));
    harness.startWorkers();
    const result = await harness.run([file]);
    expect(result.status).toBe('completed');
    runDir = result.runDir;
    coded = rows(await readFile(join(runDir, 'coded_posts.csv'), 'utf8'));
    expect(coded.filter((r) => r.cta_any === '1').map((r) => r.text)).toEqual(messages.filter((_m, i) => i % 2 === 0));
  });
  afterAll(async () => {
    await harness?.dispose();
  });

  it('draws a reproducible stratified sample with blind sheets for two coders and an overlap', async () => {
    const sample = await drawValidationSample(runDir, { n: 12, stratify: 'cta_any', allocation: 'equal', coders: 2, overlap: 0.5, seed: 'validation-test' });
    design = sample.design;
    expect(sample.dir).toBe(join(runDir, 'validation'));
    expect(design).toMatchObject({ seed: 'validation-test', n: 12, population: 12, stratify: 'cta_any', overlap: { share: 0.5, posts: 6 } });
    expect(design.strata.map((s) => [s.stratum, s.population, s.sample, s.overlap])).toEqual([['cta_any=0', 6, 6, 3], ['cta_any=1', 6, 6, 3]]);
    const [one, two] = design.coders;
    expect(one!.posts + two!.posts).toBe(6 + 6 + 6);
    expect(Math.abs(one!.posts - two!.posts)).toBeLessThanOrEqual(2);

    const csv = await readFile(join(sample.dir, 'coder-1.csv'), 'utf8');
    const header = csv.slice(0, csv.indexOf('\n')).split(',');
    expect(header.slice(0, 6)).toEqual(['platform', 'post_id', 'text', 'url', 'links', 'cta_any']);
    expect(header).toContain('cta_petition');
    expect(header.some((h) => h.startsWith('cta_fn_') || h === 'cta_evidence' || h === 'cta_categories')).toBe(false);
    const sheet = rows(csv);
    expect(sheet).toHaveLength(one!.posts);
    expect(sheet.every((r) => r.cta_any === '' && r.cta_vote === '')).toBe(true);
    expect(sheet.map((r) => r.post_id).sort()).toEqual(design.posts.filter((p) => p.coders.includes('coder-1')).map((p) => p.post_id).sort());

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(sample.dir, 'coder-2.xlsx'));
    const coding = workbook.getWorksheet('coding')!;
    expect(typeof coding.getCell('B2').value).toBe('string');
    expect(coding.getColumn(2).numFmt).toBe('@');
    expect(coding.getCell(2, 6).dataValidation).toMatchObject({ type: 'whole', formulae: [0, 1], allowBlank: true });
    expect(workbook.getWorksheet('instructions')).toBeDefined();
    expect(await readFile(join(sample.dir, 'sample-design.txt'), 'utf8')).toContain('Seed: validation-test');

    const again = await drawValidationSample(runDir, { n: 12, stratify: 'cta_any', allocation: 'equal', coders: 2, overlap: 0.5, seed: 'validation-test', out: join(harness.dataDir, 'again') });
    expect(again.design.posts).toEqual(design.posts);
    await expect(drawValidationSample(runDir, { n: 12, stratify: 'none', allocation: 'equal', coders: 2, overlap: 0.5 })).rejects.toThrow(/coder-1\.csv already exists/);
    await expect(drawValidationSample(runDir, { n: 12, stratify: 'none', allocation: 'equal', coders: 2, overlap: 0.5, out: join(harness.dataDir, 'none-left'), exclude: [join(sample.dir, 'sample-design.json')] }))
      .rejects.toThrow(/every post of run .* is in an earlier sample given with --exclude/);
  });

  it('computes the figures worked out by hand from sheets with known disagreements', async () => {
    const machine = new Map(coded.map((r) => [r.post_id!, r]));
    const overlap = design.posts.filter((p) => p.coders.length === 2).map((p) => p.post_id);
    const single = design.posts.filter((p) => p.coders.length === 1);
    const positive = (id: string) => machine.get(id)!.cta_any === '1';
    // cta_any only; every other code as the machine coded it.
    const flips: Record<string, Record<string, '0' | '1'>> = {
      // Coders split on two overlap posts: a tie, no reference for the machine.
      'coder-2': {
        [overlap.find(positive)!]: '0',
        [overlap.find((id) => !positive(id))!]: '1',
      },
      'coder-1': {},
    };
    // On one single-coded post of each kind the coder overrules the machine: one FP, one FN.
    const fp = single.find((p) => positive(p.post_id))!;
    const fn = single.find((p) => !positive(p.post_id))!;
    flips[fp.coders[0]!]![fp.post_id] = '0';
    flips[fn.coders[0]!]![fn.post_id] = '1';

    const dir = join(runDir, 'validation');
    const codeColumns = Object.keys(coded[0]!).filter((c) => c === 'cta_any' || (/^cta_[a-z]/.test(c) && !/^cta_(fn_|n$|categories|evidence|targets)/.test(c)));
    const fill = (id: string, coder: string, column: string) => (column === 'cta_any' ? flips[coder]![id] : undefined) ?? machine.get(id)![column]!;

    const sheetOne = rows(await readFile(join(dir, 'coder-1.csv'), 'utf8')).map((r) => ({ ...r, ...Object.fromEntries(codeColumns.map((c) => [c, fill(r.post_id!, 'coder-1', c)])) }));
    sheets = { csv: join(dir, 'coder-1.csv'), xlsx: join(dir, 'coder-2.xlsx') };
    await writeFile(sheets.csv, stringify(sheetOne, { header: true }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(sheets.xlsx);
    const coding = workbook.getWorksheet('coding')!;
    const header = (coding.getRow(1).values as unknown[]).map(String);
    coding.eachRow((row, n) => {
      if (n === 1) return;
      const id = String(row.getCell(2).value);
      for (const column of codeColumns) row.getCell(header.indexOf(column)).value = Number(fill(id, 'coder-2', column));
    });
    await workbook.xlsx.writeFile(sheets.xlsx);

    const { report, files } = await runReliability(runDir, { coded: [sheets.csv, sheets.xlsx], bootstrap: 500, seed: '1' });
    const any = report.codes.find((c) => c.code === 'cta_any')!;
    // Coders on the 6 overlap posts: 2 both 1, 2 both 0, 2 split → agreement 4/6; p_e = .5 → kappa 1/3;
    // alpha = 1 - (12 - 1) * 2 / (6 * 6) = 0.389.
    expect(any.human.units).toBe(6);
    expect(any.human.percent_agreement.value).toBeCloseTo(0.667, 3);
    expect(any.human.cohen_kappa!.value).toBeCloseTo(0.333, 3);
    expect(any.human.krippendorff_alpha.value).toBeCloseTo(0.389, 3);
    // Machine against the majority: 10 posts with a reference (2 ties out), TP 4, FP 1, FN 1, TN 4 →
    // precision = recall = F1 = 0.8, kappa = (0.8 - 0.5) / 0.5 = 0.6, alpha = 1 - 19 * 2 / (10 * 10) = 0.62.
    expect(any.machine).toMatchObject({ units: 10, no_reference: 2, tp: 4, fp: 1, fn: 1, tn: 4 });
    expect(any.machine.precision.value).toBeCloseTo(0.8, 3);
    expect(any.machine.recall.value).toBeCloseTo(0.8, 3);
    expect(any.machine.f1.value).toBeCloseTo(0.8, 3);
    expect(any.machine.cohen_kappa.value).toBeCloseTo(0.6, 3);
    expect(any.machine.krippendorff_alpha.value).toBeCloseTo(0.62, 3);
    for (const e of [any.human.krippendorff_alpha, any.machine.f1, any.machine.cohen_kappa]) {
      expect(e.ci_low!).toBeLessThanOrEqual(e.value!);
      expect(e.ci_high!).toBeGreaterThanOrEqual(e.value!);
    }
    const petition = report.codes.find((c) => c.code === 'cta_petition')!;
    expect(petition.human.percent_agreement.value).toBe(1);
    expect(petition.machine).toMatchObject({ units: 12, fp: 0, fn: 0 });
    expect(petition.machine.precision.value).toBe(1);
    expect(report.codes.find((c) => c.code === 'cta_purchase')!.machine.precision.value).toBeNull();
    expect(report.warnings.join('\n')).toMatch(/cta_any does not match the categories/);

    const json = JSON.parse(await readFile(join(dir, 'reliability.json'), 'utf8')) as ReliabilityReport;
    expect(json.codes[0]!.machine.tp).toBe(4);
    expect(json.sample).toMatchObject({ seed: 'validation-test', n: 12 });
    const table = rows(await readFile(join(dir, 'reliability.csv'), 'utf8'));
    expect(table.find((r) => r.code === 'cta_any' && r.comparison === 'machine-human' && r.statistic === 'cohen_kappa')).toMatchObject({ value: '0.6', units: '10' });
    const html = await readFile(join(dir, 'reliability.html'), 'utf8');
    expect(html).toContain('<h1>Reliability of the automatic coding</h1>');
    expect(html).not.toMatch(/<script|<link /);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['reliability.csv', 'reliability.json', 'reliability.html', 'disagreements.csv']);

    const disagreements = rows(await readFile(join(dir, 'disagreements.csv'), 'utf8')).filter((r) => r.code === 'cta_any');
    expect(disagreements).toHaveLength(4);
    expect(disagreements.filter((r) => r.disagreement === 'coders')).toHaveLength(2);
    const missedCall = disagreements.find((r) => r.post_id === fp.post_id)!;
    expect(missedCall).toMatchObject({ disagreement: 'machine', majority: '0', machine: '1', gold: '' });
    expect(missedCall.evidence).not.toBe('');
    expect(missedCall[fp.coders[0]!]).toBe('0');
  });

  it('uses adjudicated gold codes from disagreements.csv and keeps them when it rewrites the table', async () => {
    const dir = join(runDir, 'validation');
    const file = join(dir, 'disagreements.csv');
    const table = rows(await readFile(file, 'utf8')).map((r) => (r.disagreement === 'coders' ? { ...r, gold: r.machine! } : r));
    await writeFile(file, stringify(table, { header: true }));

    await expect(runReliability(runDir, { coded: [sheets.csv, sheets.xlsx], bootstrap: 200, seed: '1' })).rejects.toThrow(/holds adjudicated codes.*--gold/);

    const { report } = await runReliability(runDir, { coded: [sheets.csv, sheets.xlsx], gold: file, bootstrap: 200, seed: '1' });
    const any = report.codes.find((c) => c.code === 'cta_any')!;
    // The two ties now count for the machine: TP 5, FP 1, FN 1, TN 5 → precision = recall = 5/6,
    // kappa = (10/12 - 0.5) / 0.5 = 0.667, alpha = 1 - 23 * 2 / (12 * 12) = 0.681.
    expect(any.machine).toMatchObject({ units: 12, no_reference: 0, tp: 5, fp: 1, fn: 1, tn: 5 });
    expect(any.machine.precision.value).toBeCloseTo(0.833, 3);
    expect(any.machine.recall.value).toBeCloseTo(0.833, 3);
    expect(any.machine.cohen_kappa.value).toBeCloseTo(0.667, 3);
    expect(any.machine.krippendorff_alpha.value).toBeCloseTo(0.681, 3);
    expect(any.human.krippendorff_alpha.value).toBeCloseTo(0.389, 3);
    expect(report.reference).toContain('adjudicated');
    const rewritten = rows(await readFile(file, 'utf8')).filter((r) => r.gold !== '');
    expect(rewritten).toHaveLength(2);
  });

  it('suggests from the missed posts and names the evidence behind the false positive', async () => {
    const suggestions = await suggestImprovements(runDir, { coded: [sheets.csv, sheets.xlsx], reference: 'sample', minPosts: 1, minG2: 0, top: 10 });
    const any = suggestions.codes.find((c) => c.code === 'cta_any')!;
    expect(any).toMatchObject({ missed: 1, false_positives: 1 });
    expect(any.terms.length).toBeGreaterThan(0);
    expect(any.cues[0]).toMatchObject({ false_positives: 1, true_positives: 0 });
    const negatives = await suggestImprovements(runDir, { coded: [sheets.csv, sheets.xlsx], reference: 'negatives', minPosts: 1, minG2: 0, top: 10 });
    expect(negatives.codes.find((c) => c.code === 'cta_any')!.missed).toBe(1);
  });

  it('leaves out the posts of earlier samples, samples a --no-text run with a warning, and refuses to suggest from posts without words', async () => {
    const practice = await drawValidationSample(runDir, { n: 4, stratify: 'none', allocation: 'equal', coders: 2, overlap: 1, seed: 'practice', out: join(harness.dataDir, 'practice') });
    const practised = new Set(practice.design.posts.map((p) => p.post_id));
    const file = join(harness.dataDir, 'export.csv');
    const result = await harness.run([file], { noText: true });
    const sample = await drawValidationSample(result.runDir, { n: 10, stratify: 'none', allocation: 'equal', coders: 1, overlap: 0, seed: '1', exclude: [join(practice.dir, 'sample-design.json')] });
    expect(sample.design).toMatchObject({ n: 8, population: 8, excluded: { posts: 4 } });
    expect(sample.design.posts.some((p) => practised.has(p.post_id))).toBe(false);
    expect(sample.warnings).toEqual([expect.stringMatching(/--no-text: the sheets have no post text, so coders must open every post at its url/)]);
    const sheet = rows(await readFile(join(sample.dir, 'coder-1.csv'), 'utf8'));
    expect(sheet.map((r) => r.text)).toEqual(Array.from({ length: 8 }, () => ''));
    expect(sheet.every((r) => r.url!.startsWith('https://www.facebook.com/'))).toBe(true);
    const filled = sheet.map((r) => ({ ...r, ...Object.fromEntries(Object.keys(r).filter((c) => c.startsWith('cta_')).map((c) => [c, '0'])) }));
    await writeFile(join(sample.dir, 'coder-1.csv'), stringify(filled, { header: true }));
    await expect(suggestImprovements(result.runDir, { coded: [join(sample.dir, 'coder-1.csv')], reference: 'sample', minPosts: 1, minG2: 0, top: 5 })).rejects.toThrow(/made with --no-text.*without --no-text to use ctacode suggest/);
    const { report } = await runReliability(result.runDir, { coded: [join(sample.dir, 'coder-1.csv')], bootstrap: 100, seed: '1' });
    expect(report.codes[0]!.human.units).toBe(0);
    expect(report.codes[0]!.human.krippendorff_alpha.value).toBeNull();
  });

  describe('bad sheets', () => {
    const badSheet = async (name: string, change: (rows: Row[]) => Row[]) => {
      const sheet = rows(await readFile(join(runDir, 'validation', 'coder-1.csv'), 'utf8'));
      const path = join(harness.dataDir, name);
      await writeFile(path, stringify(change(sheet), { header: true }));
      return path;
    };
    const problemsOf = async (files: string[]) => {
      const out = join(harness.dataDir, `out-${files.length}-${Math.random().toString(16).slice(2)}`);
      const error = await runReliability(runDir, { coded: files, bootstrap: 100, seed: '1', out }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationInputError);
      for (const name of ['reliability.csv', 'reliability.json', 'reliability.html', 'disagreements.csv']) expect(await exists(join(out, name))).toBe(false);
      return (error as ValidationInputError).problems;
    };

    it('names sheet, row and column of a wrong column, an unknown id and a value 7, and writes nothing', async () => {
      const renamed = await badSheet('renamed.csv', (r) => r.map(({ cta_vote, ...rest }) => ({ ...rest, cta_votes: cta_vote! })));
      const unknown = await badSheet('unknown.csv', (r) => r.map((row, i) => (i === 1 ? { ...row, post_id: '999' } : row)));
      const seven = await badSheet('seven.csv', (r) => r.map((row, i) => (i === 2 ? { ...row, cta_protest: '7' } : row)));
      const problems = await problemsOf([renamed, unknown, seven]);
      expect(problems).toEqual([
        expect.stringMatching(/^sheet .*renamed\.csv, row 1, column [A-Z]+: "cta_votes" is not a code of codebook cta-v1 2\.0\.0/),
        expect.stringMatching(/^sheet .*renamed\.csv, row 1: column cta_vote is missing; .*copy the header back/),
        expect.stringMatching(/^sheet .*unknown\.csv, row 3, column post_id: post 999 \(facebook\) is not in run .*; copy the id back/),
        expect.stringMatching(/^sheet .*seven\.csv, row 4, column cta_protest: "7" is not a code; enter 1 \(present\), 0 \(absent\), or leave the cell empty/),
      ]);
    });

    it('says when a spreadsheet has mangled a long id, and when a post is on a sheet twice', async () => {
      const mangled = await badSheet('mangled.csv', (r) => r.map((row, i) => (i === 0 ? { ...row, post_id: '1.016E+18' } : row)));
      const twice = await badSheet('twice.csv', (r) => [...r, r[0]!]);
      const problems = await problemsOf([mangled, twice]);
      expect(problems[0]).toMatch(/row 2, column post_id: .*turned the id into a number and lost digits/);
      expect(problems[1]).toMatch(/twice\.csv, row \d+, column post_id: post \d+ \(facebook\) is already on row 2; keep one row per post/);
    });

    it('writes the problems one per line as ctacode: … and sets a failing exit code', async () => {
      const seven = await badSheet('cli-seven.csv', (r) => r.map((row, i) => (i === 0 ? { ...row, cta_any: '7' } : row)));
      const program = new Command().exitOverride();
      registerValidationCommands(program);
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        await program.parseAsync(['reliability', runDir, '--coded', seven, '--out', join(harness.dataDir, 'cli-out')], { from: 'user' });
        const lines = stderr.mock.calls.map(([text]) => String(text));
        expect(lines[0]).toMatch(/^ctacode: sheet .*cli-seven\.csv, row 2, column cta_any: "7" is not a code/);
        expect(lines[1]).toBe('ctacode: nothing was imported: fix the problem above and run the command again\n');
        expect(process.exitCode).toBe(1);
      } finally {
        stderr.mockRestore();
        process.exitCode = 0;
      }
      expect(await exists(join(harness.dataDir, 'cli-out', 'reliability.json'))).toBe(false);
    });
  });
});
