import { describe, expect, it } from 'vitest';
import { fixturePath, postsOf, rejectionsOf } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

describe('Apify Instagram Scraper JSON', async () => {
  const { format, rows } = await readJsonExport(fixturePath('apify-instagram.json'));
  const posts = postsOf(rows);

  it('is detected; each item is a row on the line its object starts', () => {
    expect(format).toBe('apify-instagram');
    expect(rowKinds(rows)).toEqual([[2, 'post'], [35, 'post'], [54, 'rejected']]);
    expect(rejectionsOf(rows)[0]!.reason).toBe('empty text (caption is empty or missing)');
  });

  it('maps the fields', () => {
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
      source: { file: 'apify-instagram.json', format: 'apify-instagram', row: 2 },
    });
  });

  it('reads likesCount -1 (likes hidden) as null, and video views', () => {
    expect(posts[1]).toMatchObject({ likes: null, comments: 25, views: 8120, mentions: ['citycouncil'], hashtags: ['rentfreeze'] });
  });
});
