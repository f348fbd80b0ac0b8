import { describe, expect, it } from 'vitest';
import { fixturePath, postsOf } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

describe('Apify TikTok Scraper JSON', async () => {
  const { format, rows } = await readJsonExport(fixturePath('apify-tiktok.json'));
  const posts = postsOf(rows);

  it('is detected, one row per item', () => {
    expect(format).toBe('apify-tiktok');
    expect(rowKinds(rows)).toEqual([[2, 'post'], [3, 'post']]);
  });

  it('maps authorMeta, diggCount, playCount and webVideoUrl', () => {
    expect(posts[0]).toMatchObject({
      platform: 'tiktok',
      post_id: '7100000000000000001',
      account_id: '6800000000000000001',
      account_handle: 'zumamitumbabales',
      account_name: 'ZUMA MITUMBA BALES',
      created_at: '2024-08-08T09:51:55Z',
      url: 'https://www.tiktok.com/@zumamitumbabales/video/7100000000000000001',
      hashtags: ['mitumba'],
      followers: 22000,
      likes: 18,
      comments: 2,
      shares: 1,
      views: 365,
      lang: 'en',
    });
  });

  it('falls back to createTime (epoch seconds) and reads mentions given as strings', () => {
    expect(posts[1]).toMatchObject({ created_at: '2024-08-09T10:40:00Z', mentions: ['electionsboard'], post_type: 'slideshow' });
  });
});
