import { describe, expect, it } from 'vitest';
import { detectCsvFormat } from '../../../src/formats/registry.js';
import { tweetText, twarcCsv } from '../../../src/formats/twarc-csv.js';
import { fixturePath, postsOf, readExport, rejectionsOf } from './export-files.js';

describe('twarc-csv detection', () => {
  it('recognises the default columns and --output-columns subsets by their dotted names', () => {
    expect(detectCsvFormat(['id', 'conversation_id', 'author_id', 'created_at', 'text', 'public_metrics.like_count']).id).toBe('twarc-csv');
    expect(twarcCsv.matchesHeader(['id', 'author.id', 'created_at', 'text', 'author.username'])).toBe(true);
    expect(twarcCsv.matchesHeader(['id', 'author_id', 'created_at', 'text', 'lang'])).toBe(false);
    expect(twarcCsv.matchesHeader(['id', 'text', '__twarc.retrieved_at'])).toBe(true);
  });

  it('does not claim the users file (no text) or 4CAT Twitter exports', () => {
    expect(twarcCsv.matchesHeader(['id', 'created_at', 'username', 'name', 'public_metrics.followers_count', '__twarc.retrieved_at'])).toBe(false);
    expect(twarcCsv.matchesHeader(['id', 'thread_id', 'timestamp', 'unix_timestamp', 'body', 'author', 'author_id', 'retweet_count'])).toBe(false);
  });
});

describe('twarc-csv export', async () => {
  const { format, rows } = await readExport(fixturePath('twarc-csv.csv'));
  const posts = postsOf(rows);

  it('accounts for every row: four tweets (one collected twice) and one rejected id', () => {
    expect(format).toBe('twarc-csv');
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [3, 'post'], [4, 'post'], [5, 'post'], [6, 'rejected']]);
    expect(rejectionsOf(rows)[0]!.reason).toMatch(/^id: the id "1\.6E\+18" is in scientific notation/);
  });

  it('maps a retweet (merged with the original by twarc-csv) with its collection time', () => {
    expect(posts[0]).toEqual({
      platform: 'twitter',
      post_id: '1394735776701816833',
      account_id: '1379899464345923590',
      account_handle: 'LachiVeronica',
      account_name: 'Veronica Lachi',
      created_at: '2021-05-18T19:24:56Z',
      text: '#POIUYTREWQ',
      url: 'https://twitter.com/LachiVeronica/status/1394735776701816833',
      links: [],
      hashtags: ['poiuytrewq'],
      mentions: [],
      post_type: 'retweet',
      lang: 'und',
      followers: 0,
      likes: 0,
      comments: 0,
      shares: 1,
      views: null,
      reactions: null,
      is_repost: true,
      collected_at: '2021-05-19T15:26:17Z',
      source: { file: 'twarc-csv.csv', format: 'twarc-csv', row: 2 },
    });
  });

  it('turns the escaped \\n back into line breaks and reads the JSON entity lists', () => {
    expect(posts[1]).toMatchObject({
      text: 'Polls close at 7pm.\nFind your polling place: https://vote.example/find #GAVote\n\nRT please, @VoteRiders',
      links: ['https://vote.example/find'],
      hashtags: ['gavote'],
      mentions: ['voteriders'],
      views: 120455,
      post_type: 'tweet',
      is_repost: false,
    });
  });

  it('marks replies, and keeps the later collection time on a second copy for deduplication', () => {
    expect(posts[2]).toMatchObject({ post_type: 'reply', mentions: ['votega_coalition'] });
    expect(posts[3]).toMatchObject({ post_id: posts[1]!.post_id, collected_at: '2022-12-08T08:00:00Z', likes: 3900 });
    expect(posts[1]!.collected_at! < posts[3]!.collected_at!).toBe(true);
  });
});

describe('tweetText', () => {
  it('decodes --json-encode-text cells and leaves other quoted text alone', () => {
    expect(tweetText('"line one\\nline \\"two\\""')).toBe('line one\nline "two"');
    expect(tweetText('"not json\\')).toBe('"not json\\');
    expect(tweetText('a\\nb')).toBe('a\nb');
  });
});
