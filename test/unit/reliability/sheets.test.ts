import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkGold } from '../../../src/reliability/check-gold.js';
import { checkSheet, columnLetter, parseCode, type SheetContext } from '../../../src/reliability/check-sheet.js';
import { codeColumns } from '../../../src/reliability/code-columns.js';
import { codingInstructions } from '../../../src/reliability/coding-instructions.js';
import { sheetHeader } from '../../../src/reliability/coding-sheet.js';
import { ValidationInputError } from '../../../src/reliability/input-error.js';
import { postKey } from '../../../src/reliability/post-key.js';
import { readSheet, type RawSheet } from '../../../src/reliability/read-sheet.js';
import { sheetWorkbook } from '../../../src/reliability/sheet-workbook.js';

const codes = codeColumns({
  id: 'mini',
  version: '1.0.0',
  description: 'A request to the audience.',
  categories: [
    { id: 'vote', label: 'Vote', definition: 'Asked to vote.' },
    { id: 'share', label: 'Share', definition: 'Asked to share.' },
  ],
});
const context: SheetContext = {
  runId: 'run-1',
  codebook: 'mini 1.0.0',
  codes,
  knownPosts: new Set([postKey('facebook', '1016000000000000001'), postKey('facebook', '1016000000000000002'), postKey('x', '7')]),
};
const header = ['platform', 'post_id', 'text', 'url', 'links', 'cta_any', 'cta_vote', 'cta_share'];
const sheet = (rows: string[][], head = header): RawSheet => ({ file: 'coder-a.csv', name: 'coder-a', header: head, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });
const row = (id: string, ...values: string[]) => ['facebook', id, 'text', '', '', ...values];

describe('code columns', () => {
  it('are cta_any first, then the categories in codebook order', () => {
    expect(codes.map((c) => c.column)).toEqual(['cta_any', 'cta_vote', 'cta_share']);
    expect(sheetHeader(codes)).toEqual(header);
  });
});

describe('checkSheet', () => {
  it('reads 0, 1 and empty, keyed by platform and post id', () => {
    const { sheet: checked, problems, warnings } = checkSheet(sheet([row('1016000000000000001', '1', '1', '0'), row('1016000000000000002', ' 0 ', '0', '0')]), context);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(checked.coder).toBe('coder-a');
    expect(checked.codes.get(postKey('facebook', '1016000000000000001'))).toEqual([1, 1, 0]);
    expect(checked.codes.get(postKey('facebook', '1016000000000000002'))).toEqual([0, 0, 0]);
  });

  it('names sheet, row and column of every value that is not a code', () => {
    const { problems } = checkSheet(sheet([row('1016000000000000001', '7', 'yes', '0')]), context);
    expect(problems).toEqual([
      'sheet coder-a.csv, row 2, column cta_any: "7" is not a code; enter 1 (present), 0 (absent), or leave the cell empty (not coded)',
      'sheet coder-a.csv, row 2, column cta_vote: "yes" is not a code; enter 1 (present), 0 (absent), or leave the cell empty (not coded)',
    ]);
  });

  it('rejects missing, doubled and foreign code columns but ignores a notes column', () => {
    const head = ['platform', 'post_id', 'cta_any', 'cta_votes', 'cta_share', 'cta_share', 'notes'];
    const { problems } = checkSheet(sheet([], head), context);
    expect(problems).toEqual([
      'sheet coder-a.csv, row 1, column D: "cta_votes" is not a code of codebook mini 1.0.0 (its codes are cta_any, cta_vote, cta_share); rename the column to the code it holds, or delete it',
      'sheet coder-a.csv, row 1: column cta_share appears twice (columns E and F); delete one',
      'sheet coder-a.csv, row 1: column cta_vote is missing; a sheet needs the columns ctacode wrote (platform, post_id and cta_any, cta_vote, cta_share): copy the header back from the blank sheet',
    ]);
    const notes = checkSheet(sheet([['facebook', '7', '1', '1', '0', 'looks like a call']], ['platform', 'post_id', 'cta_any', 'cta_vote', 'cta_share', 'notes']), context);
    expect(notes.problems).toEqual(['sheet coder-a.csv, row 2, column post_id: post 7 (facebook) is not in run run-1; copy the id back from the blank sheet (ids must not be changed), or delete the row']);
  });

  it('rejects unknown and repeated posts, and explains ids a spreadsheet turned into numbers', () => {
    const { problems } = checkSheet(sheet([row('1.016E+18', '1', '1', '0'), row('1016000000000000001', '1', '1', '0'), row('1016000000000000001', '0', '0', '0')]), context);
    expect(problems).toEqual([
      'sheet coder-a.csv, row 2, column post_id: post 1.016E+18 (facebook) is not in run run-1; a spreadsheet turned the id into a number and lost digits: code in the .xlsx sheet, or import the CSV with post_id as a text column',
      'sheet coder-a.csv, row 4, column post_id: post 1016000000000000001 (facebook) is already on row 3; keep one row per post',
    ]);
  });

  it('rejects codes without a post and values beyond the header', () => {
    const { problems } = checkSheet(sheet([['facebook', '', 'text', '', '', '1', '1', '0'], [...row('1016000000000000002', '0', '0', '0'), 'x']]), context);
    expect(problems).toEqual([
      'sheet coder-a.csv, row 2, column post_id: empty, so the codes of this row belong to no post; restore it from the blank sheet',
      'sheet coder-a.csv, row 3: column I has a value but no header; move it into a named column or delete it',
    ]);
  });

  it('warns about partly coded rows and cta_any that contradicts the categories', () => {
    const { problems, warnings } = checkSheet(sheet([row('1016000000000000001', '1', '', ''), row('1016000000000000002', '0', '1', '0')]), context);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      'sheet coder-a.csv: 1 coded row(s) have empty code cells (rows 2); empty counts as "not coded", not as 0: enter 0 where the post has no such call',
      'sheet coder-a.csv: cta_any does not match the categories on 1 row(s) (rows 3); cta_any should be 1 exactly when a category is 1',
    ]);
  });

  it('parses codes strictly and names columns as a spreadsheet does', () => {
    expect(['1', '0', '', ' ', '1.0', 'x'].map(parseCode)).toEqual([1, 0, null, null, undefined, undefined]);
    expect([0, 25, 26, 27, 701].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ']);
  });
});

describe('checkGold', () => {
  const table = ['platform', 'post_id', 'code', 'disagreement', 'coder-a', 'coder-b', 'majority', 'machine', 'gold', 'evidence', 'text', 'url'];
  const line = (id: string, code: string, gold: string) => ['facebook', id, code, 'coders', '1', '0', '', '1', gold, '', 'text', ''];

  it('reads the gold column of a disagreement table, leaving unadjudicated codes to the majority', () => {
    const { gold, problems } = checkGold(sheet([line('1016000000000000001', 'cta_any', '1'), line('1016000000000000001', 'cta_share', ''), line('1016000000000000002', 'cta_vote', '0')], table), context);
    expect(problems).toEqual([]);
    expect(gold.get(postKey('facebook', '1016000000000000001'))).toEqual([1, null, null]);
    expect(gold.get(postKey('facebook', '1016000000000000002'))).toEqual([null, 0, null]);
  });

  it('names the row and column of a bad gold value, an unknown code and contradictory rows', () => {
    const { problems } = checkGold(sheet([line('1016000000000000001', 'cta_any', '2'), line('1016000000000000001', 'cta_votes', '1'), line('1016000000000000002', 'cta_any', '1'), line('1016000000000000002', 'cta_any', '0')], table), context);
    expect(problems).toEqual([
      'gold file coder-a.csv, row 2, column gold: "2" is not a code; enter the adjudicated 1 or 0, or leave it empty to keep the coders\' majority',
      'gold file coder-a.csv, row 3, column code: "cta_votes" is not a code of codebook mini 1.0.0; restore it from the disagreement table ctacode wrote',
      'gold file coder-a.csv, row 5, column gold: post 1016000000000000002 (facebook) has gold 1 for cta_any on row 4 and 0 here; keep one',
    ]);
  });

  it('takes a coding sheet as a full gold standard', () => {
    const { gold, problems } = checkGold(sheet([row('1016000000000000001', '1', '0', '1')]), context);
    expect(problems).toEqual([]);
    expect(gold.get(postKey('facebook', '1016000000000000001'))).toEqual([1, 0, 1]);
  });
});

describe('readSheet', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ctacode-sheets-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a CSV that Excel saved with semicolons and a BOM, numbering rows as a spreadsheet does', async () => {
    const file = join(dir, 'coder-b.csv');
    await writeFile(file, '\ufeffplatform;post_id;text;cta_any\nfacebook;1016000000000000001;"two\nlines";1\n;;;\nfacebook;1016000000000000002;x;0\n');
    const raw = await readSheet(file);
    expect(raw).toMatchObject({ file, name: 'coder-b', header: ['platform', 'post_id', 'text', 'cta_any'] });
    expect(raw.rows).toEqual([
      { row: 2, cells: ['facebook', '1016000000000000001', 'two\nlines', '1'] },
      { row: 4, cells: ['facebook', '1016000000000000002', 'x', '0'] },
    ]);
  });

  it('reads back the .xlsx sheet ctacode writes, ids as text and numbers typed by a coder as codes', async () => {
    const file = join(dir, 'coder-c.xlsx');
    const posts = [{ platform: 'facebook', post_id: '1016000000000000001', text: '=HYPERLINK("x")', url: 'https://facebook.com/1', links: '' }];
    await writeFile(file, await sheetWorkbook(posts, codes, ['Code every post.']));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const coding = workbook.getWorksheet('coding')!;
    coding.getCell('F2').value = { richText: [{ text: '1' }] };
    coding.getCell('G2').value = 0;
    coding.getCell('H2').value = { formula: '0+1', result: 1 };
    await workbook.xlsx.writeFile(file);

    const raw = await readSheet(file);
    expect(raw.header).toEqual(header);
    expect(raw.rows).toEqual([{ row: 2, cells: ['facebook', '1016000000000000001', '=HYPERLINK("x")', 'https://facebook.com/1', '', '1', '0', '1'] }]);
    expect(checkSheet(raw, context).sheet.codes.get(postKey('facebook', '1016000000000000001'))).toEqual([1, 0, 1]);
  });

  it('says how to save a sheet it cannot read', async () => {
    await expect(readSheet(join(dir, 'coder.xls'))).rejects.toThrow(/save it as \.xlsx \(Excel workbook\) or CSV UTF-8/);
    await expect(readSheet(join(dir, 'missing.csv'))).rejects.toThrow(/sheet .*missing\.csv cannot be read \(ENOENT\); check the path/);
    const broken = join(dir, 'broken.xlsx');
    await writeFile(broken, 'not a zip');
    await expect(readSheet(broken)).rejects.toBeInstanceOf(ValidationInputError);
  });
});

describe('codingInstructions', () => {
  it('gives every code its definition and says that a nested category implies its parent', () => {
    const nested = codeColumns({
      id: 'nested',
      version: '1.0.0',
      description: 'A request.',
      categories: [
        { id: 'mobilise', label: 'Mobilise', definition: 'Asked to act.', parent: null },
        { id: 'vote', label: 'Vote', definition: 'Asked to vote.', parent: 'mobilise' },
      ],
    });
    const lines = codingInstructions({ id: 'nested', version: '1.0.0', title: 'Nested' }, nested, 'coder-1');
    expect(lines[0]).toBe('Coding sheet of coder-1: codebook nested 1.0.0 (Nested)');
    expect(lines).toContain('  cta_mobilise (Mobilise): Asked to act.');
    expect(lines).toContain('  cta_vote (Vote): Asked to vote. A kind of cta_mobilise: where this is 1, cta_mobilise is 1 too.');
  });
});
