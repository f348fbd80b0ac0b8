import { describe, expect, it } from 'vitest';
import { fixturePath, postsOf, rejectionsOf, temporaryFolder } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

describe('YouTube Data API, videos.list response', async () => {
  const { format, rows } = await readJsonExport(fixturePath('youtube-videos.json'));
  const posts = postsOf(rows);

  it('is detected, one row per item', () => {
    expect(format).toBe('youtube-data-api');
    expect(rowKinds(rows)).toEqual([[5, 'post'], [27, 'post'], [41, 'post']]);
  });

  it('maps the fields; statistics strings become numbers', () => {
    expect(posts[0]).toMatchObject({
      platform: 'youtube',
      post_id: 'dQw4w9WgXcQ',
      account_id: 'UCuAXFkgsw1L7xaCfnd5JJOw',
      account_name: 'Rick Astley',
      created_at: '2009-10-25T06:57:33Z',
      text: 'Never Gonna Give You Up\n\nThe official video.\nSubscribe to the channel: https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw #music',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      hashtags: ['music'],
      views: 1500000000,
      likes: 17000000,
      comments: 2300000,
      lang: 'en',
    });
  });

  it('leaves absent counts null, never 0', () => {
    expect(posts[1]).toMatchObject({ views: 48211, likes: null, comments: null, lang: 'de' });
    expect(posts[2]).toMatchObject({ views: null, likes: null, comments: null, text: 'Members only stream' });
  });
});

describe('YouTube Data API, search.list response', async () => {
  const { rows } = await readJsonExport(fixturePath('youtube-search.json'));

  it('reads video results and rejects channel results', () => {
    expect(rowKinds(rows)).toEqual([[8, 'post'], [22, 'rejected'], [34, 'post']]);
    expect(postsOf(rows).map((post) => post.post_id)).toEqual(['AbCdEfGhIj0', 'ZyXwVuTsRq9']);
    expect(postsOf(rows)[0]!.views).toBeNull();
    expect(rejectionsOf(rows)[0]!.reason).toBe('a YouTube channel, not a video or comment');
  });
});

describe('YouTube Data API, responses one per line and comment threads', () => {
  it('reads NDJSON of responses, with comments as posts', async () => {
    const folder = await temporaryFolder();
    try {
      const thread = { kind: 'youtube#commentThread', id: 'Ugz1', snippet: { videoId: 'dQw4w9WgXcQ', totalReplyCount: 2, topLevelComment: { kind: 'youtube#comment', id: 'Ugz1', snippet: { textDisplay: 'Please &amp; thank you<br>share it', textOriginal: 'Please & thank you\nshare it', authorDisplayName: '@fan', authorChannelId: { value: 'UCfan' }, likeCount: 4, publishedAt: '2024-01-01T00:00:00Z' } } } };
      const lines = [
        JSON.stringify({ kind: 'youtube#commentThreadListResponse', items: [thread] }),
        JSON.stringify({ kind: 'youtube#videoListResponse', items: [{ kind: 'youtube#video', id: 'abc', snippet: { title: 'T', publishedAt: '2024-01-02T00:00:00Z' }, statistics: { viewCount: '7' } }] }),
      ];
      const { format, rows } = await readJsonExport(await folder.write('pages.jsonl', `${lines.join('\n')}\n`));
      expect(format).toBe('youtube-data-api');
      expect(rowKinds(rows)).toEqual([[1, 'post'], [2, 'post']]);
      expect(postsOf(rows)[0]).toMatchObject({ post_id: 'Ugz1', post_type: 'comment', text: 'Please & thank you\nshare it', account_id: 'UCfan', account_handle: 'fan', likes: 4, comments: 2, url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=Ugz1' });
      expect(postsOf(rows)[1]).toMatchObject({ post_id: 'abc', views: 7 });
    } finally {
      await folder.remove();
    }
  });
});
