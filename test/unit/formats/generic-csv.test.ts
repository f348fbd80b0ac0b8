import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportFileError } from '../../../src/formats/export-file.js';
import { genericCsv } from '../../../src/formats/generic-csv.js';
import { detectCsvFormat } from '../../../src/formats/registry.js';
import type { ColumnMapping } from '../../../src/types/contracts.js';
import { fixturePath, postsOf, readExport, rejectionsOf, temporaryFolder } from './export-files.js';

const folder = await temporaryFolder();
afterAll(() => folder.remove());

describe('generic CSV', () => {
  it('is the fallback for headers no specific format claims', () => {
    expect(detectCsvFormat(['id', 'author', 'created_at', 'text']).id).toBe('generic-csv');
    expect(genericCsv.matchesHeader(['anything'])).toBe(true);
  });

  it('maps the usual column names of a comma-separated export', async () => {
    const { format, encoding, rows } = await readExport(fixturePath('generic.csv'));
    expect(format).toBe('generic-csv');
    expect(encoding).toBe('utf-8');
    expect(rows[0]).toEqual({
      kind: 'post',
      line: 2,
      post: {
        platform: 'unknown',
        post_id: '1780000000000000001',
        account_id: null,
        account_handle: 'harbourmutualaid',
        account_name: null,
        created_at: '2024-04-16T08:00:00Z',
        text: 'Food bank shifts are open for next week. Sign up here: https://harbour-aid.example/volunteer #MutualAid',
        url: 'https://social.example/harbourmutualaid/status/1780000000000000001',
        links: ['https://harbour-aid.example/volunteer'],
        hashtags: ['mutualaid'],
        mentions: [],
        post_type: null,
        followers: null,
        likes: 42,
        comments: null,
        shares: 17,
        views: null,
        reactions: null,
        is_repost: null,
        source: { file: 'generic.csv', format: 'generic-csv', row: 2 },
      },
    });
  });

  it('numbers rows after a multi-line cell and a blank line, and reads every timestamp form', async () => {
    const { rows } = await readExport(fixturePath('generic.csv'));
    const posts = postsOf(rows);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 6, 7]);
    expect(posts[1]).toMatchObject({ text: 'Thank you to everyone who came out on Saturday.\nWe packed 600 boxes!', created_at: '2024-04-16T10:30:00Z' });
    expect(posts[1]!.created_at_original).toBeUndefined();
    expect(posts[2]).toMatchObject({ created_at: '2024-04-17T06:45:10Z', created_at_original: '2024-04-17 06:45:10', likes: 1204, mentions: ['local9dockers'] });
    expect(posts[3]).toMatchObject({ created_at: '2024-04-18T00:26:40Z', likes: null, shares: null, url: null, text: 'The port authority "welcomes dialogue". We\'ll see.' });
  });

  it('reads a semicolon-separated export with dotted thousands', async () => {
    const { format, rows } = await readExport(fixturePath('generic-semicolon.csv'));
    expect(format).toBe('generic-csv');
    expect(postsOf(rows).map((post) => [post.post_id, post.account_handle, post.likes, post.comments])).toEqual([
      ['9001', 'gruene_jugend_nord', 1234, 56],
      ['9002', 'gruene_jugend_nord', 845, 12],
      ['9003', 'radlobby_nord', 2019, 130],
    ]);
    expect(postsOf(rows)[0]!.text).toBe('Wählen gehen am Sonntag! Jede Stimme zählt; wirklich.');
  });

  it('reads a tab-separated export with camelCase column names', async () => {
    const { rows } = await readExport(fixturePath('generic.tsv'));
    expect(postsOf(rows)[0]).toMatchObject({
      post_id: 'q7Xk2vB9aZc',
      account_name: 'Coastal Science Explained',
      created_at: '2023-02-11T15:00:07Z',
      text: 'Why are the dunes shrinking? Subscribe for part two.',
      views: 120394,
      likes: 5021,
      comments: 312,
    });
    expect(postsOf(rows)[1]).toMatchObject({ likes: null, comments: null, views: 98340 });
  });

  it('makes a post id of file name and line where there is no id column', async () => {
    const path = await folder.write('no-ids.csv', 'message,platform\nJoin us,Telegram\n\nShare this,\n');
    const { rows } = await readExport(path, { fileName: 'channel-export.csv' });
    expect(postsOf(rows).map((post) => [post.post_id, post.platform, post.source.file])).toEqual([
      ['channel-export.csv#2', 'telegram', 'channel-export.csv'],
      ['channel-export.csv#4', 'unknown', 'channel-export.csv'],
    ]);
  });

  it('reads lang, reposts, and list columns of hashtags, mentions and links', async () => {
    const path = await folder.write('lists.csv', 'text,lang,is_retweet,hashtags,mentions,links\nVote! #Wahl,DE,true,"#Wahl, #btw25",@Amt,https://a.example https://b.example\nHi,,no,,,\n');
    const posts = postsOf((await readExport(path)).rows);
    expect(posts[0]).toMatchObject({ lang: 'de', is_repost: true, hashtags: ['wahl', 'btw25'], mentions: ['amt'], links: ['https://a.example', 'https://b.example'] });
    expect(posts[1]).toMatchObject({ lang: null, is_repost: false, hashtags: [], mentions: [], links: [] });
  });

  it('rejects rows with empty text or an unreadable date, naming the column', async () => {
    const path = await folder.write('bad.csv', 'id,date,content\n1,2023-01-01,   \n2,05/01/2023,Hello\n');
    const rows = rejectionsOf((await readExport(path)).rows);
    expect(rows).toEqual([
      { kind: 'rejected', line: 2, reason: 'empty text (column "content" is empty)', raw: '1,2023-01-01,   ' },
      { kind: 'rejected', line: 3, reason: expect.stringMatching(/^column "date": cannot read the date "05\/01\/2023" \(expected ISO 8601/), raw: '2,05/01/2023,Hello' },
    ]);
  });

  it('says which formats it tried and which columns it looked for when there is no text column', async () => {
    const path = await folder.write('no-text.csv', 'id,author,likes\n1,ana,3\n');
    await expect(readExport(path)).rejects.toThrow(ExportFileError);
    await expect(readExport(path)).rejects.toThrow(/^no-text\.csv: not a recognised export \(formats tried: CrowdTangle Facebook .*; YouTube Data Tools, video comments \(v1 or v2\)\) and no text column/);
    await expect(readExport(path)).rejects.toThrow(
      ') and no text column: looked for text, full_text, message, body, caption, content, post_text, tweet_text, tweet, status_text, description, video_description; columns found: id, author, likes; write a mapping file that names the columns (ctacode mapping init no-text.csv writes one to edit; see docs/formats.md) and pass it with --mapping',
    );
  });

  it('says the header is missing when the first line is data', async () => {
    const path = await folder.write('headless.csv', '1780000000000000001,ana,2024-04-16T08:00:00Z,Sign the petition now please friends\n');
    await expect(readExport(path)).rejects.toThrow(/no recognisable header: the first line looks like data/);
  });
});

describe('generic CSV with a mapping file', () => {
  const mappingFixture = async (): Promise<ColumnMapping> => JSON.parse(await readFile(fixturePath('unusual-headers.mapping.json'), 'utf8')) as ColumnMapping;

  it('reads the columns the mapping names, its platform, delimiter and time zone', async () => {
    const { format, rows } = await readExport(fixturePath('unusual-headers.csv'), { mapping: await mappingFixture() });
    expect(format).toBe('generic-csv');
    expect(postsOf(rows)).toEqual([
      expect.objectContaining({
        platform: 'instagram',
        post_id: 'IG-3021',
        account_handle: 'klimabuendnis_hh',
        created_at: '2023-01-05T17:30:00Z',
        created_at_original: '2023-01-05 18:30:00',
        text: 'Kommt alle zur Demo am Samstag, 12 Uhr am Jungfernstieg! #Klimastreik',
        hashtags: ['klimastreik'],
        likes: 1502,
        comments: 88,
      }),
      expect.objectContaining({ post_id: 'IG-3022', created_at: '2023-07-05T07:00:00Z', likes: 731 }),
    ]);
  });

  it('overrides the usual names for the columns it names, and still finds the others', async () => {
    const path = await folder.write('override.csv', 'id,text,summary,likes\n7,long text,short text,5\n');
    const { rows } = await readExport(path, { mapping: { columns: { text: 'summary' } } });
    expect(postsOf(rows)[0]).toMatchObject({ text: 'short text', post_id: '7', likes: 5, platform: 'unknown' });
  });

  it('applies to a file whose header a specific format would claim', async () => {
    const path = await folder.write('ct-like.csv', 'Facebook Id,Likes at Posting,URL,Message,Post Created,Notes\n1,2,https://www.facebook.com/1/posts/2,Message text,2021-07-06 16:45:20 EDT,Note text\n');
    const { format, rows } = await readExport(path, { mapping: { columns: { text: 'Notes' } } });
    expect(format).toBe('generic-csv');
    expect(postsOf(rows)[0]!.text).toBe('Note text');
  });

  it('matches mapped names case-insensitively', async () => {
    const path = await folder.write('case.csv', 'Post Text\nhello\n');
    expect(postsOf((await readExport(path, { mapping: { columns: { text: 'post text' } } })).rows)[0]!.text).toBe('hello');
  });

  it('names a mapped column the file lacks, and lists the columns it has', async () => {
    const path = await folder.write('missing.csv', 'id,body\n1,hi\n');
    await expect(readExport(path, { mapping: { columns: { text: 'body', created_at: 'Zeitpunkt' } } })).rejects.toThrow(
      'missing.csv: the mapping names column "Zeitpunkt" for created_at, but the file has no such column; columns found: id, body',
    );
  });

  it('refuses a time zone that does not exist', async () => {
    const path = await folder.write('zone.csv', 'text\nhi\n');
    await expect(readExport(path, { mapping: { timezone: 'Europe/Berln', columns: { text: 'text' } } })).rejects.toThrow(/timezone "Europe\/Berln" is not an IANA time zone name/);
  });
});
