import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportFileError, type RowResult } from '../../../src/formats/export-file.js';
import { cellText, looksLikeZip, openXlsxExport } from '../../../src/formats/xlsx-export.js';
import type { OpenExportOptions } from '../../../src/formats/open-export.js';
import { fixturePath, postsOf, rejectionsOf, temporaryFolder } from './export-files.js';

const folder = await temporaryFolder();
afterAll(() => folder.remove());

async function workbookFile(name: string, rows: unknown[][], build?: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Posts');
  for (const row of rows) sheet.addRow(row);
  build?.(sheet);
  const path = await folder.write(name, '');
  await workbook.xlsx.writeFile(path);
  return path;
}

async function readXlsx(path: string, options?: OpenExportOptions): Promise<{ format: string; encoding: string; rows: RowResult[] }> {
  const opened = await openXlsxExport(path, options);
  const rows: RowResult[] = [];
  for await (const row of opened.rows) rows.push(row);
  return { format: opened.format, encoding: opened.encoding, rows };
}

describe('xlsx workbooks with recognised headers', async () => {
  const path = await workbookFile('posts.xlsx', [
    ['id', 'author', 'created_at', 'text', 'likes'],
    ['1780000000000000001', '@harbour_ledger', '2024-04-16T08:00:00Z', 'Sign up to volunteer: https://harbour.example/help #MutualAid', 42],
    [Number('1234567890123456789'), 'rounded', '2024-04-16T09:00:00Z', 'An id Excel stored as a number', 1],
    [100064123456789, 'fifteen', new Date(Date.UTC(2024, 3, 16, 12, 30, 0)), { richText: [{ text: 'Rich ' }, { font: { bold: true }, text: 'text' }] }, { formula: '2*3', result: 6 }],
    [],
    ['4', 'extra', '2024-04-17T09:00:00Z', 'One cell too many', 3, 'surprise'],
    ['5', 'empty', '2024-04-17T10:00:00Z', '', 3],
  ]);
  const { format, encoding, rows } = await readXlsx(path);
  const posts = postsOf(rows);

  it('reads the first sheet as a generic export, numbering rows as Excel does', () => {
    expect([format, encoding]).toEqual(['generic-xlsx', 'xlsx']);
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [3, 'rejected'], [4, 'post'], [6, 'rejected'], [7, 'rejected']]);
    expect(posts[0]).toMatchObject({
      post_id: '1780000000000000001', account_handle: 'harbour_ledger', created_at: '2024-04-16T08:00:00Z', likes: 42,
      hashtags: ['mutualaid'], links: ['https://harbour.example/help'], source: { file: 'posts.xlsx', format: 'generic-xlsx', row: 2 },
    });
  });

  it('rejects a long id that Excel stored as a number: its digits are lost', () => {
    expect(rejectionsOf(rows)[0]!.reason).toMatch(/^column "id": the id "1\.23456789012345\d*e\+18" is in scientific notation, so its last digits are lost/);
  });

  it('keeps 15-digit numeric ids, reads date cells as wall-clock time, rich text and formula results', () => {
    expect(posts[1]).toMatchObject({ post_id: '100064123456789', created_at: '2024-04-16T12:30:00Z', created_at_original: '2024-04-16 12:30:00', text: 'Rich text', likes: 6 });
  });

  it('rejects rows with cells beyond the header and rows without text', () => {
    expect(rejectionsOf(rows).slice(1).map((row) => row.reason)).toEqual(['expected 5 columns, found 6', 'empty text (column "text" is empty)']);
  });
});

describe('xlsx workbooks of known exports and with a mapping', () => {
  it('recognises a CrowdTangle export saved as xlsx', async () => {
    const header = ['Page Name', 'User Name', 'Facebook Id', 'Likes at Posting', 'Followers at Posting', 'Post Created', 'Type', 'Likes', 'URL', 'Message'];
    const path = await workbookFile('ct.xlsx', [header, ['Harbour', 'harbour', '100064123456789', 10, 12, '2021-07-06 16:45:20 EDT', 'Status', 5, 'https://www.facebook.com/100064123456789/posts/1234567890123456789', 'Call your councillor today']]);
    const { format, rows } = await readXlsx(path);
    expect(format).toBe('crowdtangle-facebook');
    expect(postsOf(rows)[0]).toMatchObject({ post_id: '1234567890123456789', created_at: '2021-07-06T20:45:20Z', account_id: '100064123456789' });
  });

  it('reads unusual headers with a mapping, in its time zone', async () => {
    const path = await workbookFile('de.xlsx', [['Kennung', 'Beitragstext', 'Zeitpunkt'], ['k1', 'Kommt alle zur Demo!', new Date(Date.UTC(2024, 0, 5, 18, 0, 0))]]);
    const { rows } = await readXlsx(path, { mapping: { platform: 'instagram', timezone: 'Europe/Berlin', columns: { text: 'Beitragstext', post_id: 'Kennung', created_at: 'Zeitpunkt' } } });
    expect(postsOf(rows)[0]).toMatchObject({ platform: 'instagram', post_id: 'k1', created_at: '2024-01-05T17:00:00Z' });
  });

  it('says how to write a mapping when no text column is found', async () => {
    const path = await workbookFile('notext.xlsx', [['Kennung', 'Zeitpunkt'], ['k1', 'x']]);
    const error: unknown = await openXlsxExport(path).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ExportFileError);
    expect((error as Error).message).toContain('ctacode mapping init notext.xlsx');
  });
});

describe('xlsx files that cannot be read', () => {
  it('refuses an empty workbook and a file that is not a workbook, with ExportFileError', async () => {
    const empty = await workbookFile('empty.xlsx', []);
    await expect(openXlsxExport(empty)).rejects.toThrow(/first worksheet is empty/);
    const broken = await folder.write('broken.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    await expect(openXlsxExport(broken)).rejects.toThrow(/incomplete or damaged/);
    await expect(openXlsxExport(fixturePath('does-not-exist.xlsx'))).rejects.toThrow(/does not exist/);
  });

  it('tells a zip from a CSV by its first bytes', async () => {
    expect(await looksLikeZip(await workbookFile('zip.xlsx', [['text'], ['hi']]))).toBe(true);
    expect(await looksLikeZip(fixturePath('generic.csv'))).toBe(false);
  });
});

describe('cellText', () => {
  it('writes values as a CSV export would hold them', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('true');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(1040582731180620)).toBe('1.04058273118062e+15');
    expect(cellText(1040582731180622)).toBe('1040582731180622');
    expect(cellText({ text: 'a link', hyperlink: 'https://x.example' })).toBe('a link');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(new Date(Date.UTC(2024, 0, 5, 18, 0, 0, 250)))).toBe('2024-01-05 18:00:00.250');
  });
});
