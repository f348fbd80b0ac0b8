import { describe, expect, it } from 'vitest';
import { fixturePath, postsOf, rejectionsOf } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

describe('Bluesky post views', async () => {
  const { format, rows } = await readJsonExport(fixturePath('bluesky-posts.json'));
  const posts = postsOf(rows);

  it('is detected; a notFoundPost reference is a rejected row', () => {
    expect(format).toBe('bluesky');
    expect(rowKinds(rows)).toEqual([[2, 'post'], [3, 'post'], [4, 'rejected']]);
    expect(rejectionsOf(rows)[0]!.reason).toBe('a notFoundPost reference, not a post');
  });

  it('maps the fields, with links and tags from the facets', () => {
    expect(posts[0]).toMatchObject({
      platform: 'bluesky',
      post_id: 'at://did:plc:abc123/app.bsky.feed.post/3kxyzrkey22',
      account_id: 'did:plc:abc123',
      account_handle: 'alice.bsky.social',
      account_name: 'Alice',
      created_at: '2024-11-20T09:15:03.512Z',
      url: 'https://bsky.app/profile/alice.bsky.social/post/3kxyzrkey22',
      links: ['https://doi.org/10.1/xyz'],
      hashtags: ['polarization'],
      likes: 40,
      comments: 3,
      shares: 12,
      views: null,
      lang: 'en',
      is_repost: false,
    });
    expect(posts[1]).toMatchObject({ post_type: 'reply', account_name: null, mentions: ['alice.bsky.social'] });
  });
});

describe('Bluesky, the atproto SDK dump (snake_case, py_type)', async () => {
  const { format, rows } = await readJsonExport(fixturePath('bluesky-sdk.ndjson'));

  it('reads the same post the same way', () => {
    expect(format).toBe('bluesky');
    expect(rowKinds(rows)).toEqual([[1, 'post'], [2, 'post']]);
    expect(postsOf(rows)[0]).toMatchObject({ post_id: 'at://did:plc:abc123/app.bsky.feed.post/3kxyzrkey22', account_name: 'Alice', created_at: '2024-11-20T09:15:03.512Z', likes: 40, comments: 3, shares: 12, hashtags: ['polarization'] });
    expect(postsOf(rows)[1]).toMatchObject({ links: ['https://house.example.gov'] });
  });
});

describe('Bluesky, an author feed', async () => {
  const { format, rows } = await readJsonExport(fixturePath('bluesky-feed.json'));
  const posts = postsOf(rows);

  it('reads feed[].post, a repost as the reposting account\'s row', () => {
    expect(format).toBe('bluesky');
    expect(rowKinds(rows)).toEqual([[3, 'post'], [6, 'post']]);
    expect(posts[0]).toMatchObject({ account_handle: 'alice.bsky.social', is_repost: false });
    expect(posts[1]).toMatchObject({
      post_id: 'at://did:plc:def456/app.bsky.feed.post/3kfeed2#repost:did:plc:abc123',
      account_handle: 'alice.bsky.social',
      url: 'https://bsky.app/profile/bob.example.com/post/3kfeed2',
      text: 'Our statement on the vote.',
      is_repost: true,
    });
  });
});
