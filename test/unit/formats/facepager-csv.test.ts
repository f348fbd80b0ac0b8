import { describe, expect, it } from 'vitest';
import { facepagerCsv } from '../../../src/formats/facepager-csv.js';
import { fixturePath, postsOf, readExport, rejectionsOf, temporaryFolder } from './export-files.js';

describe('Facepager CSV', async () => {
  const { format, rows } = await readExport(fixturePath('facepager.csv'));
  const posts = postsOf(rows);

  it('is detected from its node columns in a ;-separated, fully quoted file', () => {
    expect(format).toBe('facepager-csv');
    expect(facepagerCsv.matchesHeader(['path', 'id', 'parent_id', 'level', 'object_id', 'object_type', 'query_status'])).toBe(true);
    expect(facepagerCsv.matchesHeader(['id', 'text'])).toBe(false);
  });

  it('accounts for every node: posts for data nodes, rejections naming seed and offcut nodes', () => {
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'rejected'], [3, 'post'], [5, 'post'], [6, 'rejected']]);
    expect(rejectionsOf(rows).map((row) => row.reason)).toEqual(['Facepager "seed" node, not a fetched post', 'Facepager "offcut" node, not a fetched post']);
  });

  it('takes the post id from object_id, the platform from query_type and the rest from the exported columns', () => {
    expect(posts[0]).toMatchObject({
      platform: 'facebook',
      post_id: '98358327274_10152537848242275',
      created_at: '2014-06-02T18:30:00Z',
      text: 'Sign our petition to keep the library open!\nhttps://petition.example/library',
      links: ['https://petition.example/library'],
      shares: 34,
      source: { file: 'facepager.csv', format: 'facepager-csv', row: 3 },
    });
  });
});

describe('Facepager CSV without a text column', () => {
  it('says which columns were exported and how to add the text', async () => {
    const folder = await temporaryFolder();
    try {
      const path = await folder.write('fp.csv', '"path";"id";"parent_id";"level";"object_id";"object_type";"query_status";"query_time";"query_type";"likes.count"\n"1";"1";"";"0";"x";"seed";"fetched (200)";"";"Facebook:<page>";""\n');
      await expect(readExport(path)).rejects.toThrow('fp.csv: this Facepager export has no column with the post text among the exported columns (likes.count)');
    } finally {
      await folder.remove();
    }
  });
});
