import { describe, expect, it } from 'vitest';
import { apifyTiktokCsv } from '../../../src/formats/apify-tiktok-csv.js';
import { fixturePath, postsOf, readExport, rejectionsOf } from './export-files.js';

describe('Apify TikTok CSV', async () => {
  const { format, rows } = await readExport(fixturePath('apify-tiktok.csv'));
  const posts = postsOf(rows);

  it('is detected from the /-flattened authorMeta/name with diggCount and webVideoUrl', () => {
    expect(format).toBe('apify-tiktok-csv');
    expect(apifyTiktokCsv.matchesHeader(['authorMeta.name', 'diggCount', 'webVideoUrl', 'text'])).toBe(false);
  });

  it('accounts for every row, rejecting an id Excel rounded', () => {
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [3, 'post'], [4, 'rejected']]);
    expect(rejectionsOf(rows)[0]!.reason).toMatch(/^id: the id "7\.4E\+18" is in scientific notation, so its last digits are lost/);
  });

  it('maps a video with its 19-digit id intact', () => {
    expect(posts[0]).toEqual({
      platform: 'tiktok',
      post_id: '7400000000000000001',
      account_id: '6912345678901234567',
      account_handle: 'zumamitumbabales',
      account_name: 'ZUMA MITUMBA BALES',
      created_at: '2024-08-08T09:51:55Z',
      text: '#mitumba bales available, DM to order',
      url: 'https://www.tiktok.com/@zumamitumbabales/video/7400000000000000001',
      links: [],
      hashtags: ['mitumba'],
      mentions: [],
      post_type: 'video',
      lang: 'en',
      followers: 22000,
      likes: 18,
      comments: 2,
      shares: 1,
      views: 365,
      reactions: null,
      is_repost: null,
      source: { file: 'apify-tiktok.csv', format: 'apify-tiktok-csv', row: 2 },
    });
  });

  it('falls back to createTime in epoch seconds, reads hashtags/N/name, mentions and abbreviated counts', () => {
    expect(posts[1]).toMatchObject({
      created_at: '2024-08-09T10:40:00Z',
      hashtags: ['climatestrike', 'fridaysforfuture'],
      mentions: ['gretathunberg'],
      followers: 1_200_000,
      post_type: 'slideshow',
    });
  });
});
