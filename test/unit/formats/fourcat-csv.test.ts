import { describe, expect, it } from 'vitest';
import { fourcatCsv } from '../../../src/formats/fourcat-csv.js';
import { detectCsvFormat } from '../../../src/formats/registry.js';
import { fixturePath, postsOf, readExport, rejectionsOf } from './export-files.js';

describe('4CAT CSV detection', () => {
  it('needs the core columns and unix_timestamp', () => {
    expect(fourcatCsv.matchesHeader(['id', 'thread_id', 'body', 'author', 'timestamp', 'unix_timestamp'])).toBe(true);
    expect(fourcatCsv.matchesHeader(['id', 'thread_id', 'body', 'author', 'timestamp'])).toBe(false);
  });

  it('wins over the tool whose import it is (YouTube Data Tools columns kept by 4CAT)', () => {
    const ytdtImport = ['id', 'thread_id', 'author', 'body', 'timestamp', 'unix_timestamp', 'position', 'channelId', 'channelTitle', 'videoId', 'publishedAt', 'publishedAtSQL', 'videoTitle', 'videoDescription', 'source_filename', 'date_collected'];
    expect(detectCsvFormat(ytdtImport).id).toBe('4cat-csv');
  });
});

describe('4CAT 4chan dataset', async () => {
  const { format, rows } = await readExport(fixturePath('4cat-4chan.csv'));
  const posts = postsOf(rows);

  it('accounts for every row, multi-line body included', () => {
    expect(format).toBe('4cat-csv');
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [4, 'post'], [5, 'rejected']]);
    expect(rejectionsOf(rows)[0]!.reason).toBe('empty text (column "body" is empty)');
  });

  it('takes the time from unix_timestamp, else from the UTC timestamp', () => {
    expect(posts[0]).toEqual({
      platform: '4chan',
      post_id: '412349999',
      account_id: null,
      account_handle: 'Anonymous',
      account_name: null,
      created_at: '2023-01-05T14:02:11Z',
      text: '>>412345901\nSource on that?',
      url: null,
      links: [],
      hashtags: [],
      mentions: [],
      post_type: null,
      followers: null,
      likes: null,
      comments: null,
      shares: null,
      views: null,
      reactions: null,
      is_repost: null,
      source: { file: '4cat-4chan.csv', format: '4cat-csv', row: 2 },
    });
    expect(posts[1]).toMatchObject({ created_at: '2023-01-05T14:05:00Z' });
    expect(posts[1]!.created_at_original).toBeUndefined();
  });
});

describe('4CAT CrowdTangle Facebook import', async () => {
  const { rows } = await readExport(fixturePath('4cat-crowdtangle-facebook.csv'));
  const posts = postsOf(rows);

  it('is Facebook, with page columns as the account, and pseudonymised authors kept as they are', () => {
    expect(rows).toHaveLength(2);
    expect(posts[0]).toMatchObject({
      platform: 'facebook', post_id: '10160123456789012', account_id: '7533944086', account_handle: 'TheHill', account_name: 'The Hill',
      created_at: '2021-07-06T20:45:20Z', followers: 1562141, likes: 1803, comments: 402, shares: 212, reactions: 2417, post_type: 'link',
      url: 'https://www.facebook.com/7533944086/posts/10160123456789012',
    });
    expect(posts[1]!.account_handle).toBe('4f1c9a7e0b2d3c4e5f60718293a4b5c6d7e8f9012a3b4c5d');
  });

  it('keeps video views and makes CrowdTangle\'s 0 views of a link post null', () => {
    expect(posts[0]!.views).toBeNull();
    expect(posts[1]).toMatchObject({ views: 15000, hashtags: ['askthehill'] });
  });
});

describe('4CAT Twitter dataset', async () => {
  it('is Twitter, with metrics, language and repost flag', async () => {
    const { rows } = await readExport(fixturePath('4cat-twitter.csv'));
    expect(postsOf(rows)[0]).toMatchObject({
      platform: 'twitter', post_id: '1600000000000000001', account_handle: 'VoteGA_Coalition', account_name: 'Georgia Voter Coalition', account_id: '2244994945',
      url: 'https://twitter.com/VoteGA_Coalition/status/1600000000000000001', likes: 3310, comments: 41, shares: 1203, views: 120455,
      followers: 88201, is_repost: false, lang: 'en', hashtags: ['gavote'], links: ['https://vote.example/find'],
    });
  });
});

describe('4CAT CrowdTangle Instagram import', () => {
  it('is Instagram, with num_likes, num_comments and the mentioned column', async () => {
    const { format, rows } = await readExport(fixturePath('4cat-crowdtangle-instagram.csv'));
    expect(format).toBe('4cat-csv');
    expect(postsOf(rows)).toEqual([expect.objectContaining({
      platform: 'instagram', post_id: 'CL9xYzAbCdE', account_handle: 'examplebrand', created_at: '2021-03-02T17:04:11Z',
      likes: 12650, comments: 253, hashtags: ['newcollection'], mentions: ['partner'], post_type: 'picture', url: 'https://www.instagram.com/p/CL9xYzAbCdE/',
    })]);
  });
});

describe('4CAT YouTube Data Tools import', () => {
  it('is YouTube, and carries the collection date, so that the later copy of a video is kept', async () => {
    const { format, rows } = await readExport(fixturePath('4cat-youtube-data-tools.csv'));
    const posts = postsOf(rows);
    expect(format).toBe('4cat-csv');
    expect(posts.map((post) => [post.platform, post.post_id, post.collected_at, post.url])).toEqual([
      ['youtube', 'Xy12AbCdEf0', '2022-11-12T10:00:00Z', 'https://www.youtube.com/watch?v=Xy12AbCdEf0'],
      ['youtube', 'Xy12AbCdEf0', '2022-11-19T10:00:00Z', 'https://www.youtube.com/watch?v=Xy12AbCdEf0'],
    ]);
  });
});
