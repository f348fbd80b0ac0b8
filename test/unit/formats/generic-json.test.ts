import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ExportFileError } from '../../../src/formats/export-file.js';
import { jsonMappingSample } from '../../../src/formats/generic-json.js';
import { loadMapping } from '../../../src/formats/load-mapping.js';
import { fixturePath, postsOf, readExport, rejectionsOf, temporaryFolder } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

const failure = async (path: string, options?: Parameters<typeof readExport>[1]): Promise<ExportFileError> => {
  const error: unknown = await readExport(path, options).then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ExportFileError);
  return error as ExportFileError;
};

describe('generic NDJSON', async () => {
  const { format, rows } = await readJsonExport(fixturePath('generic.ndjson'));
  const posts = postsOf(rows);

  it('finds fields by their usual names, nested ones by dotted name, and accounts for every line', () => {
    expect(format).toBe('generic-json');
    // line 3 is blank: no row; lines 4–7 are rejected for a bad date, empty text, bad JSON and a non-object.
    expect(rowKinds(rows)).toEqual([[1, 'post'], [2, 'post'], [4, 'rejected'], [5, 'rejected'], [6, 'rejected'], [7, 'rejected']]);
    expect(posts[0]).toMatchObject({ post_id: '1234567890123456789012', account_handle: 'harbour_ledger', created_at: '2023-01-05T14:02:11Z', likes: 14, hashtags: ['cleanup'], platform: 'unknown' });
    expect(posts[1]).toMatchObject({ post_id: '2', account_handle: 'tidewatch', created_at: '2023-01-05T14:02:11Z', likes: null });
  });

  it('says why each line was rejected', () => {
    expect(rejectionsOf(rows).map((row) => row.reason)).toEqual([
      '"created_at": cannot read the date "yesterday"',
      'empty text ("text" is empty or missing)',
      expect.stringMatching(/^not valid JSON: /),
      'not a post: expected a JSON object',
    ]);
    expect(rejectionsOf(rows)[2]!.raw).toBe('not json at all');
  });
});

describe('generic JSON with a mapping of dotted paths', () => {
  it('reads nested keys named by the mapping, from the array in the document', async () => {
    const mapping = await loadMapping(fixturePath('generic-nested.mapping.json'));
    const { format, rows } = await readJsonExport(fixturePath('generic-nested.json'), { mapping });
    expect(format).toBe('generic-json');
    expect(rowKinds(rows)).toEqual([[4, 'post'], [11, 'post']]);
    expect(postsOf(rows)[0]).toMatchObject({
      platform: 'instagram',
      post_id: 'a1',
      account_handle: 'klimabuendnis',
      created_at: '2024-04-30T16:00:00Z',
      created_at_original: '2024-04-30 18:00:00',
      text: 'Kommt alle zur Demo am Samstag!',
      lang: 'de',
      likes: 120,
      comments: 14,
    });
    expect(postsOf(rows)[1]).toMatchObject({ comments: null, links: ['https://fonds.example.de'], lang: null });
  });

  it('stops a file whose mapping names a text key the items do not have', async () => {
    const error = await failure(fixturePath('generic-nested.json'), { mapping: { columns: { text: 'Inhalt.Text' } } });
    expect(error.message).toMatch(/the mapping names "Inhalt.Text" for text, but the items have no such key; keys found: Kennung, Inhalt, Inhalt.Beitragstext/);
  });
});

describe('a JSON file of no known format', () => {
  it('lists the formats tried and the keys found, and says how to write a mapping', async () => {
    const error = await failure(fixturePath('generic-nested.json'));
    expect(error.message).toMatch(/^generic-nested.json: not a JSON export ctacode recognises, and no text field found/);
    expect(error.message).toContain('formats tried: Zeeschuimer NDJSON');
    expect(error.message).toContain('Telegram Desktop chat export (result.json)');
    expect(error.message).toContain('keys found: Kennung, Inhalt, Inhalt.Beitragstext, Inhalt.Sprache, Konto, Konto.Name, Zeitpunkt, Werte');
    expect(error.message).toContain('`ctacode mapping init <file>`');
    expect(error.message).toContain('--mapping');
  });

  it('says so for JSON that holds no objects', async () => {
    const folder = await temporaryFolder();
    try {
      expect((await failure(await folder.write('numbers.json', '[1, 2, 3]'))).message).toMatch(/keys found: none/);
    } finally {
      await folder.remove();
    }
  });
});

describe('a sample for ctacode mapping init', () => {
  it('gives the item keys, nested ones dotted, and the first items\' values as text', async () => {
    const document = jsonMappingSample(await readFile(fixturePath('generic-nested.json'), 'utf8'), true);
    expect(document.keys).toEqual(['Kennung', 'Inhalt', 'Inhalt.Beitragstext', 'Inhalt.Sprache', 'Konto', 'Konto.Name', 'Zeitpunkt', 'Werte', 'Werte.Gefaellt', 'Werte.Kommentare']);
    expect(document.rows[1]).toEqual(['a2', '{"Beitragstext":"Spendet jetzt für den Streikfonds: https://fonds.example.de"}', 'Spendet jetzt für den Streikfonds: https://fonds.example.de', '', '{"Name":"klimabuendnis"}', 'klimabuendnis', '2024-04-30 20:00:00', '{"Gefaellt":33}', '33', '']);
    const lines = jsonMappingSample(await readFile(fixturePath('generic.ndjson'), 'utf8'), true);
    expect(lines.keys).toContain('user.name');
    expect(lines.rows[0]![lines.keys.indexOf('id')]).toBe('1234567890123456789012');
  });
});
