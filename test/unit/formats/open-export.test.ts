import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_RAW_CHARS } from '../../../src/formats/csv-rows.js';
import { ExportFileError } from '../../../src/formats/export-file.js';
import { openExport, SAMPLE_BYTES } from '../../../src/formats/open-export.js';
import { fixturePath, postsOf, readExport, temporaryFolder } from './export-files.js';

const folder = await temporaryFolder();
afterAll(() => folder.remove());

const failure = async (path: string): Promise<ExportFileError> => {
  const error: unknown = await readExport(path).then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ExportFileError);
  return error as ExportFileError;
};

describe('openExport: encodings', () => {
  const csv = 'id,text\n1,Grüße aus Köln — “quoted” ✊\n';

  it('reads UTF-8 with and without BOM', async () => {
    const plain = await readExport(await folder.write('plain.csv', csv));
    const bom = await readExport(await folder.write('bom.csv', `\ufeff${csv}`));
    expect([plain.encoding, bom.encoding]).toEqual(['utf-8', 'utf-8-bom']);
    expect(postsOf(bom.rows)[0]!.text).toBe('Grüße aus Köln — “quoted” ✊');
    expect(postsOf(bom.rows)[0]!.post_id).toBe('1');
  });

  it('reads UTF-16 with a BOM, little and big endian', async () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const path = await folder.write(`${encoding}.csv`, iconv.encode(`\ufeff${csv}`, encoding));
      const opened = await readExport(path);
      expect(opened.encoding).toBe(encoding);
      expect(postsOf(opened.rows)[0]!.text).toBe('Grüße aus Köln — “quoted” ✊');
    }
  });

  it('reads a file that is not UTF-8 as Windows-1252, as Excel writes it', async () => {
    const path = await folder.write('excel.csv', iconv.encode('id;text\n1;Café – 5€\n', 'windows-1252'));
    const opened = await readExport(path);
    expect(opened.encoding).toBe('windows-1252');
    expect(postsOf(opened.rows)[0]!.text).toBe('Café – 5€');
  });

  it('does not split a character that straddles the sample or a read chunk', async () => {
    const header = 'id,text\n';
    const filler = (n: number) => 'a'.repeat(n);
    // Row 1 ends so that the two bytes of "ä" in row 2 sit on both sides of byte SAMPLE_BYTES.
    const row1 = `1,${filler(SAMPLE_BYTES - header.length - 6)}\n`;
    const content = `${header}${row1}2,ä${filler(70_000)}\n3,Straße\n`;
    expect(Buffer.byteLength(header + row1) + 2).toBe(SAMPLE_BYTES - 1);
    const opened = await readExport(await folder.write('boundary.csv', content));
    expect(opened.encoding).toBe('utf-8');
    expect(postsOf(opened.rows).map((post) => post.text.slice(0, 3))).toEqual(['aaa', 'äaa', 'Str']);
  });
});

describe('openExport: delimiters', () => {
  it('sniffs comma, semicolon and tab from the header, outside quotes', async () => {
    const cases: [string, string][] = [
      ['text,"a;b;c"\nhi,x\n', 'hi'],
      ['id;text;"likes,count"\n1;hallo;3\n', 'hallo'],
      ['id\ttext\n1\thej, med dig\n', 'hej, med dig'],
    ];
    for (const [content, text] of cases) {
      expect(postsOf((await readExport(await folder.write('delimited.csv', content))).rows)[0]!.text).toBe(text);
    }
  });

  it('takes the delimiter from the mapping when it names one', async () => {
    const path = await folder.write('pipes.csv', 'id|text\n1|piped\n');
    const { rows } = await readExport(path, { mapping: { delimiter: '|', columns: { text: 'text' } } });
    expect(postsOf(rows)[0]).toMatchObject({ post_id: '1', text: 'piped' });
  });
});

describe('openExport: files that cannot be read as a whole', () => {
  it('says a file is empty', async () => {
    expect((await failure(await folder.write('empty.csv', ''))).message).toBe('empty.csv: the file is empty (0 bytes): export the posts again, or leave this file out');
    expect((await failure(await folder.write('bom-only.csv', '\ufeff'))).message).toMatch(/only blank lines/);
    expect((await failure(await folder.write('blank.csv', '\n\r\n  \n'))).message).toMatch(/only blank lines/);
  });

  it('yields no rows, and no error, for a file with a header and no rows', async () => {
    const opened = await readExport(await folder.write('header-only.csv', 'id,text\n'));
    expect(opened.rows).toEqual([]);
    expect((await readExport(await folder.write('header-only-no-eol.csv', 'id,text'))).rows).toEqual([]);
  });

  it('recognises binary files and says what to do with them', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    // A ZIP archive is read as a workbook (xlsx-export.ts); this one is cut off after its first bytes.
    expect((await failure(await folder.write('posts.xlsx', zip))).message).toMatch(/workbook is incomplete or damaged.*"CSV UTF-8"/);
    expect((await failure(await folder.write('posts.csv.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0])))).message).toMatch(/gzip-compressed/);
    expect((await failure(await folder.write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).message).toMatch(/not a text file \(it contains NUL bytes\)/);
  });

  it('reads a file that starts with { or [ as JSON, and says when no JSON format fits it', async () => {
    expect((await readExport(await folder.write('posts.json', '[{"id": 1, "text": "hi"}]'))).format).toBe('generic-json');
    expect((await failure(await folder.write('ids.json', '[{"id": 1}]'))).message).toMatch(/not a JSON export ctacode recognises.*keys found: id;/);
  });

  it('says when lines end in a carriage return only', async () => {
    expect((await failure(await folder.write('mac.csv', 'id,text\r1,hi\r'))).message).toMatch(/carriage return only/);
  });

  it('says when there is no header to read', async () => {
    expect((await failure(await folder.write('commas.csv', ',,\n1,2,3\n'))).message).toBe(
      'commas.csv: no recognisable header: line 1 has no column names; add a header line that names the columns, e.g. id,author,created_at,text',
    );
    expect((await failure(await folder.write('broken-header.csv', 'id,"text\n1,hi\n'))).message).toMatch(/cannot read the header line \(line 1\): quote not closed/);
    expect((await failure(await folder.write('one-line.txt', 'x'.repeat(SAMPLE_BYTES + 10)))).message).toMatch(/no recognisable header: the first 64 KiB hold no complete line/);
  });

  it('says when the file is missing or a folder', async () => {
    expect((await failure(fixturePath('no-such-file.csv'))).message).toBe('no-such-file.csv: the file does not exist: check the path');
    expect((await failure(fixturePath(''))).message).toMatch(/this is a folder, not a file/);
  });
});

describe('openExport: row accounting in a file with broken rows', async () => {
  const { format, rows } = await readExport(fixturePath('broken-rows.csv'));

  it('yields one result per record after the header, in file order', () => {
    expect(format).toBe('generic-csv');
    expect(rows.map((row) => [row.line, row.kind])).toEqual([
      [2, 'post'],
      [3, 'rejected'],
      [4, 'post'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'post'],
      [8, 'rejected'],
      [9, 'post'],
      [10, 'post'],
    ]);
  });

  it('says why each row was rejected and keeps its text', () => {
    expect(rows[1]).toEqual({ kind: 'rejected', line: 3, reason: 'expected 5 columns, found 6', raw: '2,ben,2023-03-02T10:00:00Z,Too many columns,5,extra' });
    expect(rows[3]).toMatchObject({ line: 5, reason: expect.stringContaining('column "created_at": cannot read the date "yesterday at noon"'), raw: '4,dan,yesterday at noon,A date nobody can read,1' });
    expect(rows[4]).toMatchObject({ line: 6, reason: 'empty text (column "text" is empty)' });
    expect(rows[6]).toEqual({
      kind: 'rejected',
      line: 8,
      reason: 'CSV syntax error in column 4 (text): quote not closed: the quoted cell runs on to line 10, where a quote is followed by "F"; the next line is read as a new row',
      raw: '7,gus,2023-03-07T10:00:00Z,"This quote is never closed,4',
    });
  });

  it('reads the good rows after an unclosed quote', () => {
    expect(postsOf(rows).map((post) => post.text)).toEqual(['First good row', 'Second good row', 'Third good row, with a comma', 'Fourth good row', 'Fifth good row, quoted']);
  });
});

describe('openExport: streaming', () => {
  it('truncates the raw text of a huge rejected row', async () => {
    const path = await folder.write('huge.csv', `id,text\n1,${'w'.repeat(MAX_RAW_CHARS + 500)},extra\n`);
    const [row] = (await readExport(path)).rows;
    expect(row).toMatchObject({ kind: 'rejected', reason: 'expected 2 columns, found 3' });
    expect(row!.kind === 'rejected' && row!.raw.length).toBe(MAX_RAW_CHARS + 1);
  });

  it('streams the file again for each iteration, and stops reading when the consumer stops', async () => {
    const path = await folder.write('many.csv', `id,text\n${Array.from({ length: 20_000 }, (_, i) => `${i},post ${i}`).join('\n')}\n`);
    const opened = await openExport(path);
    let seen = 0;
    for await (const row of opened.rows) {
      if (++seen === 3) {
        expect(row.line).toBe(4);
        break;
      }
    }
    let all = 0;
    for await (const _row of opened.rows) all++;
    expect(all).toBe(20_000);
  });
});
