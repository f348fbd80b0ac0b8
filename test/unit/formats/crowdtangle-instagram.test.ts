import { describe, expect, it } from 'vitest';
import { crowdtangleFacebook } from '../../../src/formats/crowdtangle-facebook.js';
import { crowdtangleInstagram } from '../../../src/formats/crowdtangle-instagram.js';
import { detectCsvFormat } from '../../../src/formats/registry.js';
import { fixturePath, postsOf, readExport, rejectionsOf } from './export-files.js';

const currentHeader = 'Account,User Name,Followers at Posting,Post Created,Post Created Date,Post Created Time,Type,Total Interactions,Likes,Comments,Views,URL,Link,Photo,Title,Description,Image Text,Sponsor Id,Sponsor Name,Overperforming Score (weighted  —  Likes 1x Comments 1x )'.split(',');
const oldHeader = '\ufeffAccount, User Name, Followers at Posting, Created, Type, Likes, Comments, Views, URL, Link, Photo, Title, Description'.split(', ');

describe('CrowdTangle Instagram detection', () => {
  it('recognises the current header and the pre-2021 one, with its BOM still on the first column', () => {
    expect(crowdtangleInstagram.matchesHeader(currentHeader)).toBe(true);
    expect(crowdtangleInstagram.matchesHeader(oldHeader)).toBe(true);
    expect(crowdtangleInstagram.matchesHeader(['Account', ...oldHeader.slice(1)])).toBe(true);
    expect(detectCsvFormat(currentHeader).id).toBe('crowdtangle-instagram');
  });

  it('is not confused with CrowdTangle Facebook', () => {
    expect(crowdtangleFacebook.matchesHeader(currentHeader)).toBe(false);
    expect(crowdtangleInstagram.matchesHeader(['Page Name', 'User Name', 'Facebook Id', 'Likes at Posting', 'Post Created', 'URL', 'Message'])).toBe(false);
  });
});

describe('CrowdTangle Instagram export (2021 layout)', async () => {
  const { format, encoding, rows } = await readExport(fixturePath('crowdtangle-instagram.csv'));
  const posts = postsOf(rows);

  it('is detected, and every row is a post or a rejection on the line it starts on', () => {
    expect(format).toBe('crowdtangle-instagram');
    expect(encoding).toBe('utf-8-bom');
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [4, 'post'], [5, 'post'], [6, 'rejected']]);
    expect(rejectionsOf(rows)[0]!.reason).toBe('empty text (Description and Title are empty)');
  });

  it('maps a photo post with a multi-line caption', () => {
    expect(posts[0]).toEqual({
      platform: 'instagram',
      post_id: 'CL9xYzAbCdE',
      account_id: null,
      account_handle: 'examplebrand',
      account_name: 'Example Brand',
      created_at: '2021-03-02T17:04:11Z',
      text: 'Spring is here 🌷\n#newcollection @partner',
      url: 'https://www.instagram.com/p/CL9xYzAbCdE/',
      links: [],
      hashtags: ['newcollection'],
      mentions: ['partner'],
      post_type: 'Photo',
      followers: 1204331,
      likes: 12650,
      comments: 253,
      shares: null,
      views: null,
      reactions: null,
      is_repost: null,
      source: { file: 'crowdtangle-instagram.csv', format: 'crowdtangle-instagram', row: 2 },
    });
  });

  it('keeps video views and a link that is not the post itself', () => {
    expect(posts[1]).toMatchObject({ post_type: 'Video', views: 41877, links: ['https://linktr.example/climateyouth'], hashtags: ['allefürsklima'], created_at: '2021-09-20T07:30:00Z' });
  });

  it('falls back to Title, gives null for an empty count, and keeps an ambiguous zone\'s original', () => {
    expect(posts[2]).toMatchObject({ text: 'Banner workshop', likes: null, views: null, created_at: '2021-09-19T14:30:00Z', created_at_original: '2021-09-19 20:00:00 IST' });
  });
});

describe('CrowdTangle Instagram export before 2021', async () => {
  const { format, encoding, rows } = await readExport(fixturePath('crowdtangle-instagram-2020.csv'));
  const posts = postsOf(rows);

  it('is detected with its BOM and Created column', () => {
    expect([format, encoding]).toEqual(['crowdtangle-instagram', 'utf-8-bom']);
    expect(rows).toHaveLength(2);
    expect(posts.map((post) => post.created_at)).toEqual(['2020-11-03T12:15:00Z', '2020-10-28T22:40:00Z']);
  });

  it('takes the account name from the first column and the id from an IGTV URL', () => {
    expect(posts[0]).toMatchObject({ account_name: 'Riverbend Tenants Union', followers: 5310, post_id: 'CHGhIjKlMnO' });
    expect(posts[1]).toMatchObject({ post_id: 'CG3aBcDeFgH', post_type: 'IGTV', views: 2304, text: 'Know your rights as a tenant' });
  });
});
