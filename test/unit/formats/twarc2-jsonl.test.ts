import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fixturePath, postsOf, rejectionsOf, temporaryFolder } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

describe('twarc2 JSONL, raw API pages', async () => {
  const { format, rows } = await readJsonExport(fixturePath('twarc2-raw.jsonl'));
  const posts = postsOf(rows);

  it('is detected, and accounts for every tweet of every page, on the page\'s line', () => {
    expect(format).toBe('twarc2-jsonl');
    // line 1: one retweet; line 2: three tweets, one without text; line 3: an error line;
    // line 4: a page without tweets (no rows); line 5: blank; line 6: a later copy of a tweet of line 2.
    expect(rowKinds(rows)).toEqual([[1, 'post'], [2, 'post'], [2, 'post'], [2, 'rejected'], [3, 'rejected'], [6, 'post']]);
  });

  it('reads a retweet: the original\'s full text from includes.tweets, the retweeter as account', () => {
    expect(posts[0]).toMatchObject({
      platform: 'twitter',
      post_id: '1394735776701816833',
      account_id: '1379899464345923590',
      account_handle: 'LachiVeronica',
      account_name: 'Veronica Lachi',
      created_at: '2021-05-18T19:24:56Z',
      collected_at: '2021-05-19T15:26:17Z',
      text: '#POIUYTREWQ',
      url: 'https://twitter.com/LachiVeronica/status/1394735776701816833',
      hashtags: ['poiuytrewq'],
      mentions: ['bibaigna96'],
      post_type: 'retweet',
      is_repost: true,
      followers: 0,
      likes: 0,
      shares: 1,
      views: null,
      lang: null,
    });
  });

  it('reads a tweet with expanded links, metrics and its author from includes.users', () => {
    expect(posts[1]).toMatchObject({
      post_id: '1394801234567890123',
      links: ['https://act.example.org/petition', 'https://t.co/AbCdEf123'],
      hashtags: ['rentfreeze'],
      mentions: ['citycouncil'],
      post_type: 'tweet',
      followers: 210,
      likes: 40,
      comments: 3,
      shares: 12,
      views: 5210,
      is_repost: false,
      lang: 'en',
      collected_at: '2021-05-20T09:00:00Z',
    });
    expect(posts[2]).toMatchObject({ post_type: 'reply', account_handle: 'bibaigna96', followers: 88, views: null });
  });

  it('rejects a tweet without text, and an error line with the API\'s message', () => {
    const [empty, error] = rejectionsOf(rows);
    expect(empty!.reason).toMatch(/^empty text/);
    expect(JSON.parse(empty!.raw)).toMatchObject({ id: '1394801234567891000' });
    expect(error!.reason).toBe('the API answered with an error instead of tweets: Operational Disconnect: This stream has been disconnected for operational reasons.');
  });

  it('keeps the collection time of each copy, so that the later copy wins deduplication', () => {
    expect(posts[3]).toMatchObject({ post_id: '1394801234567890123', collected_at: '2021-05-22T09:00:00Z', likes: 95 });
  });
});

describe('twarc2 JSONL, flattened', async () => {
  const { format, rows } = await readJsonExport(fixturePath('twarc2-flat.jsonl'));
  const posts = postsOf(rows);

  it('is detected and reads one tweet per line with its expanded author', () => {
    expect(format).toBe('twarc2-jsonl');
    expect(rowKinds(rows)).toEqual([[1, 'post'], [2, 'post']]);
    expect(posts[1]).toMatchObject({ post_id: '1394735776701816999', account_handle: 'bibaigna96', text: 'Kommt alle Samstag! #Demo', hashtags: ['demo'], lang: 'de', followers: 88 });
  });

  it('takes a retweet\'s text from the expanded referenced tweet, not the truncated RT', () => {
    expect(posts[0]).toMatchObject({
      text: 'Everyone: register to vote by Friday, it takes two minutes https://vote.example.org #RegisterToVote',
      links: ['https://vote.example.org'],
      hashtags: ['registertovote'],
      mentions: ['bibaigna96'],
      is_repost: true,
      collected_at: '2021-05-19T15:26:17Z',
    });
  });
});

describe('twarc2 JSONL pretty-printed by jq', () => {
  it('reads objects one after another, each row on the line its page starts', async () => {
    const folder = await temporaryFolder();
    try {
      const lines = (await readFile(fixturePath('twarc2-raw.jsonl'), 'utf8')).split('\n').filter((line) => line.trim() !== '');
      const pretty = lines.map((line) => JSON.stringify(JSON.parse(line), null, 2)).join('\n');
      const { format, rows } = await readJsonExport(await folder.write('pretty.json', `${pretty}\n`));
      expect(format).toBe('twarc2-jsonl');
      const starts = pretty.split('\n').flatMap((line, index) => (line === '{' ? [index + 1] : []));
      expect(rowKinds(rows)).toEqual([[starts[0], 'post'], [starts[1], 'post'], [starts[1], 'post'], [starts[1], 'rejected'], [starts[2], 'rejected'], [starts[4], 'post']]);
      expect(postsOf(rows)[1]!.post_id).toBe('1394801234567890123');
    } finally {
      await folder.remove();
    }
  });
});
