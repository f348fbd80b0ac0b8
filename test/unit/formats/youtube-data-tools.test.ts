import { describe, expect, it } from 'vitest';
import { detectCsvFormat } from '../../../src/formats/registry.js';
import { youtubeDataToolsComments, youtubeDataToolsVideos } from '../../../src/formats/youtube-data-tools.js';
import { fixturePath, postsOf, readExport } from './export-files.js';

describe('YouTube Data Tools detection', () => {
  it('tells video lists from comment files, v1 and v2', () => {
    const v1Videos = 'position,channelId,channelTitle,videoId,publishedAt,publishedAtSQL,videoTitle,videoDescription,tags,videoCategoryId,videoCategoryLabel,topicCategories,duration,durationSec,dimension,definition,caption,defaultLanguage,defaultLAudioLanguage,thumbnail_maxres,licensedContent,locationDescription,latitude,longitude,viewCount,likeCount,dislikeCount,favoriteCount,commentCount'.split(',');
    const v1Comments = 'id,replyCount,likeCount,publishedAt,authorName,text,authorChannelId,authorChannelUrl,isReply,isReplyTo,isReplyToName'.split(',');
    const v2Comments = 'position,videoId,id,totalReplyCount,inferredReplyCount,inferredLevel,likeCount,publishedAt,authorName,authorChannelId,isChannelOwner,text,isReply,threadId,isReplyToId,isReplyToName'.split(',');
    expect(detectCsvFormat(v1Videos).id).toBe('youtube-data-tools-videos');
    expect(detectCsvFormat(v1Comments).id).toBe('youtube-data-tools-comments');
    expect(detectCsvFormat(v2Comments).id).toBe('youtube-data-tools-comments');
    expect(youtubeDataToolsComments.matchesHeader(v1Videos)).toBe(false);
    expect(youtubeDataToolsVideos.matchesHeader(v2Comments)).toBe(false);
  });

  it('reads backslash escapes as PHP wrote them', () => {
    expect(youtubeDataToolsVideos.backslashEscapes).toBe(true);
    expect(youtubeDataToolsComments.backslashEscapes).toBe(true);
  });
});

describe('YouTube Data Tools v1 video list', async () => {
  const rows = (await readExport(fixturePath('youtube-data-tools-v1-videos.csv'))).rows;
  const posts = postsOf(rows);

  it('accounts for every row', () => {
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [3, 'post'], [4, 'rejected']]);
    expect(rows[2]).toMatchObject({ reason: 'empty text (videoTitle and videoDescription are empty)' });
  });

  it('maps a video: title and description as text, channel as account', () => {
    expect(posts[0]).toEqual({
      platform: 'youtube',
      post_id: 'Xy12AbCdEf0',
      account_id: 'UCabc123def456ghi789jkl0',
      account_handle: null,
      account_name: 'Some News Channel',
      created_at: '2022-11-11T05:30:01Z',
      text: "Evening bulletin 11 Nov\n\nToday's main stories: budget vote; storm warning. Subscribe for more.",
      url: 'https://www.youtube.com/watch?v=Xy12AbCdEf0',
      links: [],
      hashtags: [],
      mentions: [],
      post_type: 'video',
      lang: 'en',
      followers: null,
      likes: 1203,
      comments: 317,
      shares: null,
      views: 48211,
      reactions: null,
      is_repost: null,
      source: { file: 'youtube-data-tools-v1-videos.csv', format: 'youtube-data-tools-videos', row: 2 },
    });
  });

  it('keeps a backslash-escaped quote (\\") in the text, and reads doubled quotes too', () => {
    expect(posts[1]!.text).toBe('The "budget" explained\n\nOur reporter asks: what does \\"balanced\\" mean? Sign up for the newsletter: https://news.example/signup');
    expect(posts[1]).toMatchObject({ likes: 311, views: 9120, links: ['https://news.example/signup'] });
  });

  it('accounts for every row through openExport too', async () => {
    const { format, rows: opened } = await readExport(fixturePath('youtube-data-tools-v1-videos.csv'));
    expect(format).toBe('youtube-data-tools-videos');
    expect(opened.map((row) => row.line)).toEqual([2, 3, 4]);
  });
});

describe('YouTube Data Tools v1 .tab video list', async () => {
  it('is read with tabs as delimiter', async () => {
    const { format, rows } = await readExport(fixturePath('youtube-data-tools-v1-videos.tab'));
    expect(format).toBe('youtube-data-tools-videos');
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
    const withDialect = postsOf((await readExport(fixturePath('youtube-data-tools-v1-videos.tab'))).rows);
    expect(withDialect.map((post) => post.post_id)).toEqual(['Xy12AbCdEf0', 'Ab34CdEfGh1']);
    expect(withDialect[1]!.text).toContain('what does \\"balanced\\" mean?');
  });
});

describe('YouTube Data Tools v1 comments', async () => {
  const rows = (await readExport(fixturePath('youtube-data-tools-v1-comments.csv'))).rows;
  const posts = postsOf(rows);

  it('maps comments and replies; the v1 time without zone is UTC, its original kept', () => {
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [3, 'post']]);
    expect(posts[0]).toMatchObject({
      platform: 'youtube', post_id: 'UgxQ1w2E3r4T5y6U7i8O4AaABAg', account_id: 'UCjane0000000000000000001', account_name: 'Jane Doe', account_handle: null,
      created_at: '2022-11-11T07:02:13Z', created_at_original: '2022-11-11 07:02:13', post_type: 'comment', likes: 25, comments: 1, url: null,
    });
    expect(posts[1]).toMatchObject({ post_type: 'reply', text: 'Signed. He said \\"it won\'t matter\\" but it will.' });
  });
});

describe('YouTube Data Tools v2', async () => {
  it('reads the video list with multi-line descriptions, shorts and the video URL', async () => {
    const { format, rows } = await readExport(fixturePath('youtube-data-tools-v2-videos.csv'));
    const posts = postsOf(rows);
    expect(format).toBe('youtube-data-tools-videos');
    expect(rows.map((row) => row.line)).toEqual([2, 5]);
    expect(posts[0]).toMatchObject({ created_at: '2026-03-11T05:30:01Z', links: ['https://youtube.com/@somenews'], post_type: 'video' });
    expect(posts[0]!.created_at_original).toBeUndefined();
    expect(posts[1]).toMatchObject({ post_type: 'short', url: 'https://www.youtube.com/shorts/Sh0rtVid001', likes: null, comments: null, views: 9001, hashtags: ['shorts'] });
  });

  it('reads comments with handles and links to the comment', async () => {
    const { format, rows } = await readExport(fixturePath('youtube-data-tools-v2-comments.csv'));
    const posts = postsOf(rows);
    expect(format).toBe('youtube-data-tools-comments');
    expect(rows.map((row) => row.line)).toEqual([2, 4]);
    expect(posts[0]).toMatchObject({
      account_handle: 'concerned_viewer', account_name: '@concerned_viewer', comments: 2,
      url: 'https://www.youtube.com/watch?v=Xy12AbCdEf0&lc=UgzAbCdEfGhIjKlMnOp4AaABAg', created_at: '2026-03-11T07:12:00Z',
    });
    expect(posts[1]).toMatchObject({ post_type: 'reply', comments: null, account_handle: 'somenews' });
  });
});
