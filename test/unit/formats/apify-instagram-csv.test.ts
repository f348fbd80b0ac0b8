import { describe, expect, it } from 'vitest';
import { apifyInstagramCsv } from '../../../src/formats/apify-instagram-csv.js';
import { detectCsvFormat } from '../../../src/formats/registry.js';
import { fixturePath, postsOf, readExport, rejectionsOf } from './export-files.js';

describe('Apify Instagram CSV', async () => {
  const { format, rows } = await readExport(fixturePath('apify-instagram.csv'));
  const posts = postsOf(rows);

  it('is detected from shortCode, ownerUsername and likesCount, not from JSON-style dotted keys', () => {
    expect(format).toBe('apify-instagram-csv');
    expect(detectCsvFormat(['caption', 'id', 'likesCount', 'ownerUsername', 'shortCode', 'timestamp']).id).toBe('apify-instagram-csv');
    expect(apifyInstagramCsv.matchesHeader(['id', 'text', 'likes'])).toBe(false);
  });

  it('accounts for every row', () => {
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [5, 'post'], [6, 'rejected']]);
    expect(rejectionsOf(rows)[0]!.reason).toBe('empty text (column "caption" is empty)');
  });

  it('maps a post, with hashtags from the hashtags/N columns', () => {
    expect(posts[0]).toEqual({
      platform: 'instagram',
      post_id: 'C3TTthZLoQK',
      account_id: '5566937141',
      account_handle: 'blend603',
      account_name: 'Brian R.',
      created_at: '2024-02-13T20:49:57Z',
      text: 'Biology gives you a brain. Life turns it into a mind.\n\n#congolese #bwphotography',
      url: 'https://www.instagram.com/p/C3TTthZLoQK/',
      links: [],
      hashtags: ['congolese', 'bwphotography'],
      mentions: [],
      post_type: 'Image',
      followers: null,
      likes: 40,
      comments: 1,
      shares: null,
      views: null,
      reactions: null,
      is_repost: null,
      source: { file: 'apify-instagram.csv', format: 'apify-instagram-csv', row: 2 },
    });
  });

  it('turns hidden likes (-1) into null, not a count, and reads a reel\'s views', () => {
    expect(posts[1]).toMatchObject({ likes: null, comments: 12, views: 9120, post_type: 'Reel', mentions: ['shelter.aid'] });
  });
});
