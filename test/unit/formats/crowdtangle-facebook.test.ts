import { afterAll, describe, expect, it } from 'vitest';
import { crowdtangleFacebook } from '../../../src/formats/crowdtangle-facebook.js';
import { detectCsvFormat } from '../../../src/formats/registry.js';
import { fixturePath, postsOf, readExport, rejectionsOf, temporaryFolder } from './export-files.js';

const currentHeader = [
  'Page Name', 'User Name', 'Facebook Id', 'Page Category', 'Page Admin Top Country', 'Page Description', 'Page Created',
  'Likes at Posting', 'Followers at Posting', 'Post Created', 'Post Created Date', 'Post Created Time', 'Type',
  'Total Interactions', 'Likes', 'Comments', 'Shares', 'Love', 'Wow', 'Haha', 'Sad', 'Angry', 'Care',
  'Video Share Status', 'Is Video Owner?', 'Post Views', 'Total Views', 'Total Views For All Crossposts', 'Video Length',
  'URL', 'Message', 'Link', 'Final Link', 'Image Text', 'Link Text', 'Description', 'Sponsor Id', 'Sponsor Name',
  'Sponsor Category', 'Overperforming Score (weighted  —  Likes 1x Shares 3x Comments 2x )',
];

describe('CrowdTangle Facebook detection', () => {
  it('recognises the current page and group headers and the pre-2021 header', () => {
    expect(crowdtangleFacebook.matchesHeader(currentHeader)).toBe(true);
    expect(crowdtangleFacebook.matchesHeader(['Group Name', ...currentHeader.slice(1)])).toBe(true);
    const oldHeader = 'User Name,Facebook Id,Likes at Posting,Followers at Posting,Created,Type,Likes,Comments,Shares,Love,Wow,Haha,Sad,Angry,Care,Video Share Status,Post Views,Total Views,Total Views For All Crossposts,Video Length,URL,Message,Link,Final Link,Image Text,Link Text,Description,Sponsor Id,Sponsor Name,Total Interactions'.split(',');
    expect(crowdtangleFacebook.matchesHeader(oldHeader)).toBe(true);
    expect(detectCsvFormat(oldHeader).id).toBe('crowdtangle-facebook');
  });

  it('does not claim other exports', () => {
    expect(crowdtangleFacebook.matchesHeader(['id', 'author', 'created_at', 'text'])).toBe(false);
    // CrowdTangle Instagram: no Facebook Id.
    expect(crowdtangleFacebook.matchesHeader(['Account', 'User Name', 'Followers at Posting', 'Post Created', 'Type', 'Likes', 'Comments', 'Views', 'URL', 'Link', 'Photo', 'Title', 'Description'])).toBe(false);
  });
});

describe('CrowdTangle Facebook page export', async () => {
  const { format, encoding, rows } = await readExport(fixturePath('crowdtangle-facebook-page.csv'));
  const posts = postsOf(rows);

  it('is detected with its BOM', () => {
    expect(format).toBe('crowdtangle-facebook');
    expect(encoding).toBe('utf-8-bom');
    expect(rows).toHaveLength(5);
    expect(rejectionsOf(rows)).toEqual([]);
  });

  it('maps every field of a link post', () => {
    expect(rows[0]).toEqual({
      kind: 'post',
      line: 2,
      post: {
        platform: 'facebook',
        post_id: '1234567890123456789',
        account_id: '100064123456789',
        account_handle: 'riverbendtenants',
        account_name: 'Riverbend Tenants Union',
        created_at: '2021-07-06T20:45:20Z',
        text: 'Rent went up 14% this year. Sign our petition to the city council before Friday: https://act.riverbend-tenants.example/petition #RentFreeze @CityCouncilRB',
        url: 'https://www.facebook.com/100064123456789/posts/1234567890123456789',
        links: ['https://act.riverbend-tenants.example/petition', 'https://act.riverbend-tenants.example/petition?utm_source=fb'],
        hashtags: ['rentfreeze'],
        mentions: ['citycouncilrb'],
        post_type: 'Link',
        followers: 48210,
        likes: 1020,
        comments: 57,
        shares: 98,
        views: null,
        reactions: 1020 + 41 + 3 + 0 + 6 + 4 + 5,
        is_repost: null,
        source: { file: 'crowdtangle-facebook-page.csv', format: 'crowdtangle-facebook', row: 2 },
      },
    });
  });

  it('keeps the lines of a multi-line Message, without carriage returns', () => {
    expect(posts[1]!.text).toBe('Meeting tonight at the library, 7pm.\nBring a neighbour!\n\nChildcare provided.');
    expect(posts[1]!.post_id).toBe('1234567890123456790');
  });

  it('numbers rows by the line they start on, after a multi-line Message', () => {
    expect(rows.map((row) => row.line)).toEqual([2, 3, 7, 8, 9]);
    expect(posts.map((post) => post.source.row)).toEqual([2, 3, 7, 8, 9]);
  });

  it('reads thousands separators and keeps video views', () => {
    expect(posts[2]).toMatchObject({ post_type: 'Native Video', likes: 1500, views: 5310, post_id: '1234567890123456791' });
  });

  it('takes Description as text where Message is empty', () => {
    expect(posts[3]!.text).toBe('A new report shows rents in Riverbend rose faster than anywhere else in the state.');
    expect(posts[3]!.links).toEqual(['https://news.example/riverbend-rents']);
  });

  it('gives null, not 0, for counts the export lacks', () => {
    expect(posts[4]).toMatchObject({ followers: null, likes: null, comments: null, shares: null, views: null, reactions: null });
  });
});

describe('CrowdTangle Facebook group export', async () => {
  const { format, rows } = await readExport(fixturePath('crowdtangle-facebook-group.csv'));
  const posts = postsOf(rows);

  it('is detected by its Group Name column and differently weighted score column', () => {
    expect(format).toBe('crowdtangle-facebook');
    expect(posts).toHaveLength(3);
  });

  it('names the group, has no handle, and takes the post id from a permalink with a trailing slash', () => {
    expect(posts[0]).toMatchObject({
      account_name: 'Riverbend Community Gardeners',
      account_handle: null,
      account_id: '348810293847561',
      post_id: '4829301928374650',
      created_at: '2022-05-14T08:22:03Z',
      followers: 2304,
      hashtags: ['seedswap'],
    });
    expect(posts[0]!.created_at_original).toBeUndefined();
  });

  it('keeps the original timestamp where the zone abbreviation is ambiguous', () => {
    expect(posts[2]).toMatchObject({ created_at: '2022-05-12T08:35:00Z', created_at_original: '2022-05-12 14:05:00 IST' });
  });
});

describe('CrowdTangle Facebook export before 2021', async () => {
  const { format, rows } = await readExport(fixturePath('crowdtangle-facebook-2020.csv'));
  const posts = postsOf(rows);

  it('is detected and read from its Created column', () => {
    expect(format).toBe('crowdtangle-facebook');
    expect(posts.map((post) => post.created_at)).toEqual(['2020-03-14T14:12:44Z', '2020-03-10T23:45:00Z', '2020-02-28T19:00:00Z']);
    expect(posts[1]!.created_at_original).toBe('2020-03-10 17:45:00 CST');
  });

  it('has no page name column, so account_name is null', () => {
    expect(posts[0]).toMatchObject({ account_name: null, account_handle: 'greenvalleyclimate', account_id: '203948576102938' });
  });

  it('reads counts with separators and video views', () => {
    expect(posts[2]).toMatchObject({ likes: 1210, views: 14882, reactions: 1210 + 120 });
  });
});

describe('CrowdTangle Facebook rows that cannot be posts', async () => {
  const folder = await temporaryFolder();
  afterAll(() => folder.remove());
  const row = (values: Record<string, string>) => currentHeader.map((name) => values[name] ?? '').map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',');
  const base = { 'Page Name': 'Harbour Mutual Aid', 'Facebook Id': '101', URL: 'https://www.facebook.com/101/posts/202', 'Post Created': '2022-01-01 10:00:00 EST', Message: 'Hello' };

  it('rejects an empty Message and Description, and an unreadable date, naming the column', async () => {
    const path = await folder.write('ct.csv', [
      currentHeader.map((name) => (name.includes(',') ? `"${name}"` : name)).join(','),
      row({ ...base, Message: '', Description: '' }),
      row({ ...base, 'Post Created': '06/07/2021 4:45 PM' }),
      row({ ...base, URL: '', Message: 'No URL' }),
      row({ ...base, 'Post Created': '' }),
    ].join('\n'));
    const { rows } = await readExport(path);
    expect(rows[0]).toMatchObject({ kind: 'rejected', line: 2, reason: 'empty text (Message and Description are empty)' });
    expect(rows[1]).toMatchObject({ kind: 'rejected', line: 3, reason: 'Post Created: cannot read the date "06/07/2021 4:45 PM" (expected e.g. 2021-07-06 16:45:20 EDT)' });
    expect(rows[1]!.kind === 'rejected' && rows[1]!.raw).toContain('06/07/2021 4:45 PM');
    // A post without URL keeps a unique id made of file and line.
    expect(rows[2]).toMatchObject({ kind: 'post', post: { post_id: 'ct.csv#4', url: null } });
    expect(rows[3]).toMatchObject({ kind: 'post', post: { created_at: null } });
  });
});
