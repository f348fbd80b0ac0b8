import { describe, expect, it } from 'vitest';
import { fixturePath, postsOf, rejectionsOf, temporaryFolder } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

describe('TikTok Research API, a response document', async () => {
  const { format, rows } = await readJsonExport(fixturePath('tiktok-research.json'));
  const posts = postsOf(rows);

  it('is detected, and each video is a row on the line its object starts', () => {
    expect(format).toBe('tiktok-research-api');
    expect(rowKinds(rows)).toEqual([[4, 'post'], [16, 'post'], [28, 'rejected']]);
    expect(rejectionsOf(rows)[0]!.reason).toBe('empty text (video_description is empty or missing)');
  });

  it('keeps 19-digit ids written as JSON numbers exactly', () => {
    expect(posts.map((post) => post.post_id)).toEqual(['7213456789012345678', '7678907398077074696']);
  });

  it('maps the fields', () => {
    expect(posts[0]).toMatchObject({
      platform: 'tiktok',
      account_handle: 'devbuilds',
      created_at: '2025-05-03T00:00:00Z',
      text: 'Building an app with the TikTok OpenAPI #openapi #developer',
      url: 'https://www.tiktok.com/@devbuilds/video/7213456789012345678',
      hashtags: ['openapi', 'developer', 'coding'],
      post_type: 'video',
      likes: 1245,
      comments: 87,
      shares: 312,
      views: 54320,
      followers: null,
      is_repost: null,
    });
  });
});

describe('TikTok Research API, one response per line', async () => {
  const { format, rows } = await readJsonExport(fixturePath('tiktok-research-pages.jsonl'));

  it('gives a row per video of each page, and a rejected row for an error response', () => {
    expect(format).toBe('tiktok-research-api');
    expect(rowKinds(rows)).toEqual([[1, 'post'], [1, 'post'], [2, 'rejected']]);
    expect(postsOf(rows).map((post) => post.post_id)).toEqual(['7213456789012345678', '7213456789012345999']);
    expect(rejectionsOf(rows)[0]!.reason).toBe('the API answered with an error: rate_limit_exceeded: API rate limit was exceeded. Please try again later.');
  });
});

describe('TikTok Research API, the videos alone', () => {
  it('reads an array of videos', async () => {
    const folder = await temporaryFolder();
    try {
      const path = await folder.write('videos.json', '[{"id":7678907398077074696,"video_description":"Follow for more","create_time":1710000000,"username":"a"},{"id":1,"video_description":"x","create_time":"soon"}]');
      const { format, rows } = await readJsonExport(path);
      expect(format).toBe('tiktok-research-api');
      expect(postsOf(rows)[0]!.post_id).toBe('7678907398077074696');
      expect(rejectionsOf(rows)[0]!.reason).toBe('create_time: cannot read the date "soon"');
      // Videos without id in a response on one line: told apart by their place in it.
      const page = await folder.write('page.jsonl', '{"data":{"videos":[{"video_description":"a","create_time":1710000000},{"video_description":"b","create_time":1710000000}]}}\n');
      expect(postsOf((await readJsonExport(page)).rows).map((post) => post.post_id)).toEqual(['page.jsonl#1.1', 'page.jsonl#1.2']);
    } finally {
      await folder.remove();
    }
  });
});
