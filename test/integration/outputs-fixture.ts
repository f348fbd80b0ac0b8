import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { crowdtangleCsv, type CrowdtanglePost } from '../support/crowdtangle-csv.js';

/**
 * Exports for the output tests: a CrowdTangle file (Facebook) and a generic CSV (Twitter and
 * Instagram). Three accounts use the same change.org petition in CTA posts within a week, an
 * alliance written down by hand below; one page has a formula-like name and post.
 */
export const petition = 'https://www.change.org/p/stop-the-mine';

export const facebookPosts: CrowdtanglePost[] = [
  { page: 'Climate Now', handle: 'climatenow', pageId: '7533944086', postId: '1016000000000000001', created: '2023-03-02 18:04:11 EST', message: 'Sign the petition to stop the new coal mine! @cityparty', link: `${petition}?utm_source=facebook`, followers: '20,000' },
  { page: 'Climate Now', handle: 'climatenow', pageId: '7533944086', postId: '1016000000000000002', created: '2023-03-03 09:00:00 EST', message: 'We marched yesterday with 5,000 people. What a day.', likes: '12,345', followers: '20,500' },
  { page: 'City Party', handle: 'cityparty', pageId: '273864989376427', postId: '1016000000000000003', created: '2023-03-05 10:30:00 EST', message: 'Add your name: sign the petition today!', link: petition, followers: '5,000' },
  { page: 'City Party', handle: 'cityparty', pageId: '273864989376427', postId: '1016000000000000004', created: '2023-03-06 11:00:00 EST', message: 'The petition reached 100k signatures this morning.' },
  { page: '+Evil Page', handle: 'evilpage', pageId: '9000000000000000001', postId: '1016000000000000005', created: '2023-03-07 11:00:00 EST', message: '=HYPERLINK("http://evil.example","click") Go vote on Sunday!' },
];

export const genericCsv = [
  'platform,id,author,created_at,text,likes,retweets,followers',
  'twitter,1666000000000000235,harbourcyclists,2023-03-08T08:15:00Z,"Please sign the petition: https://www.change.org/p/stop-the-mine #StopTheMine",112,40,3000',
  'twitter,1666000000000000236,harbourcyclists,2023-03-09T08:15:00Z,"Rode with 400 people last night. Zero cars, all smiles.",340,52,3000',
  'instagram,1666000000000000300,greenmum,2023-03-09T10:00:00Z,"Lovely morning at the market with @harbourcyclists",20,,900',
  'instagram,1666000000000000301,greenmum,2023-04-20T10:00:00Z,"Sign the petition! https://www.change.org/p/stop-the-mine",25,,900',
].join('\n');

/** The alliance the fixture must produce, by hand: greenmum's use is 42 days later, outside the 7-day window. */
export const expectedAlliance = {
  target: petition,
  target_type: 'petition_page',
  category: 'petition',
  accounts: '3',
  account_list: 'facebook:273864989376427;facebook:7533944086;twitter:@harbourcyclists',
  posts: '3',
  first_post_at: '2023-03-02T23:04:11Z',
  last_post_at: '2023-03-08T08:15:00Z',
  days: '7',
  platforms: 'facebook;twitter',
  followers_sum: '28000', // 20,000 + 5,000 + 3,000: each account's largest count once
  window_days: '7',
};

export async function writeFixtureExports(dir: string): Promise<string[]> {
  const facebook = join(dir, 'facebook.csv');
  const generic = join(dir, 'posts.csv');
  await writeFile(facebook, crowdtangleCsv(facebookPosts));
  await writeFile(generic, `${genericCsv}\n`);
  return [facebook, generic];
}

export function csvRows(text: string | Buffer): Record<string, string>[] {
  return parse(text, { columns: true, bom: true }) as Record<string, string>[];
}
