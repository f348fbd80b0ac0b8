import { describe, expect, it } from 'vitest';
import { detectCsvFormat } from '../../../src/formats/registry.js';
import { fixturePath, postsOf, readExport, rejectionsOf } from './export-files.js';

const header = 'id,tweet_url,created_at,parsed_created_at,user_screen_name,text,tweet_type,coordinates,hashtags,media,urls,favorite_count,in_reply_to_screen_name,in_reply_to_status_id,in_reply_to_user_id,lang,place,possibly_sensitive,retweet_count,retweet_or_quote_id,retweet_or_quote_screen_name,retweet_or_quote_user_id,source,user_id,user_created_at,user_default_profile_image,user_description,user_favourites_count,user_followers_count,user_friends_count,user_listed_count,user_location,user_name,user_statuses_count,user_time_zone,user_urls,user_verified'.split(',');

describe('twarc1 CSV', async () => {
  const { format, rows } = await readExport(fixturePath('twarc1.csv'));
  const posts = postsOf(rows);

  it('is detected from its header', () => {
    expect(detectCsvFormat(header).id).toBe('twarc1-csv');
    expect(format).toBe('twarc1-csv');
  });

  it('accounts for every row, a multi-line text moving the next row one line down', () => {
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [4, 'post'], [5, 'rejected']]);
    expect(rejectionsOf(rows)[0]!.reason).toBe('created_at: cannot read the date "Wed Oct 10 25:99:00 +0000 2018" (expected e.g. Wed Oct 10 20:19:24 +0000 2018)');
  });

  it('reads the v1.1 date, the space-separated lists and the user columns', () => {
    expect(posts[0]).toEqual({
      platform: 'twitter',
      post_id: '1050118621198921728',
      account_id: '4902000000',
      account_handle: 'march4ourlives',
      account_name: 'March For Our Lives',
      created_at: '2018-10-10T20:19:24Z',
      text: 'Registration deadlines are coming up.\nRegister to vote today: https://t.co/AbCdEf1234 #VoteForOurLives',
      url: 'https://twitter.com/march4ourlives/status/1050118621198921728',
      links: ['https://vote.example/register', 'https://t.co/AbCdEf1234'],
      hashtags: ['voteforourlives'],
      mentions: [],
      post_type: 'original',
      lang: 'en',
      followers: 402113,
      likes: 2210,
      comments: null,
      shares: 954,
      views: null,
      reactions: null,
      is_repost: false,
      source: { file: 'twarc1.csv', format: 'twarc1-csv', row: 2 },
    });
  });

  it('marks retweets as reposts', () => {
    expect(posts[1]).toMatchObject({ post_type: 'retweet', is_repost: true, mentions: ['march4ourlives'], created_at: '2018-10-10T20:20:55Z' });
  });
});
