import { describe, expect, it } from 'vitest';
import { fixturePath, postsOf, rejectionsOf } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

describe('Zeeschuimer NDJSON', async () => {
  const { format, rows } = await readJsonExport(fixturePath('zeeschuimer.ndjson'));
  const posts = postsOf(rows);

  it('is detected; every line is a row, items of unread platforms are rejected with a reason', () => {
    expect(format).toBe('zeeschuimer-ndjson');
    expect(rowKinds(rows)).toEqual([[1, 'post'], [2, 'post'], [3, 'post'], [4, 'post'], [5, 'rejected'], [6, 'post']]);
    expect(rejectionsOf(rows)[0]!.reason).toMatch(/^Zeeschuimer items from "threads.net" are not read/);
  });

  it('reads a TikTok item, with the collection time from timestamp_collected (epoch ms)', () => {
    expect(posts[0]).toMatchObject({
      platform: 'tiktok',
      post_id: '7301234567890123456',
      account_id: '6890123456789012345',
      account_handle: 'climatecrew',
      account_name: 'Climate Crew',
      created_at: '2023-11-13T18:26:40Z',
      collected_at: '2023-11-14T22:13:20.123Z',
      hashtags: ['climatestrike', 'fridaysforfuture'],
      followers: 48200,
      likes: 5120,
      comments: 231,
      shares: 880,
      views: 120400,
    });
    // The later capture of the same video, with `author` as a plain string.
    expect(posts[4]).toMatchObject({ post_id: '7301234567890123456', account_handle: 'climatecrew', account_name: 'Climate Crew', collected_at: '2023-11-15T23:13:20Z', likes: 6001 });
  });

  it('reads Instagram items; hidden likes are null, not -1 or 0', () => {
    expect(posts[1]).toMatchObject({
      platform: 'instagram',
      post_id: 'C0aBcDeFgHi',
      account_id: '1234567',
      account_handle: 'riverbend.tenants',
      text: 'Link in bio to sign the petition ✍️ #rentfreeze @citycouncil',
      url: 'https://www.instagram.com/p/C0aBcDeFgHi/',
      post_type: 'carousel',
      likes: null,
      comments: 12,
      created_at: '2023-11-12T14:40:00Z',
    });
    expect(posts[2]).toMatchObject({ post_id: 'CzZyXwVuTsR', account_handle: 'civic.nl', text: 'Polls open at 7. Go vote! #vote', likes: 433, comments: 9 });
  });

  it('reads an X tweet from the web GraphQL shape', () => {
    expect(posts[3]).toMatchObject({
      platform: 'twitter',
      post_id: '1725000000000000001',
      account_id: '998877665544',
      account_handle: 'fairfood',
      created_at: '2023-11-15T10:20:30Z',
      links: ['https://fairfood.example/megamart', 'https://t.co/zz'],
      likes: 321,
      shares: 150,
      comments: 20,
      views: 45012,
      followers: 10234,
      is_repost: false,
    });
  });
});
