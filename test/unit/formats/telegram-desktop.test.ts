import { describe, expect, it } from 'vitest';
import { FILE_NOT_INCLUDED } from '../../../src/formats/telegram-desktop.js';
import { fixturePath, postsOf, rejectionsOf } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

describe('Telegram Desktop, single chat export', async () => {
  const { format, rows } = await readJsonExport(fixturePath('telegram-channel.json'));
  const posts = postsOf(rows);

  it('is detected; every message is a row on the line its object starts', () => {
    expect(format).toBe('telegram-desktop');
    expect(rowKinds(rows)).toEqual([[6, 'rejected'], [18, 'post'], [33, 'post'], [118, 'rejected'], [131, 'post']]);
  });

  it('rejects service messages and media without caption, saying which', () => {
    expect(rejectionsOf(rows).map((row) => row.reason)).toEqual(['service message (migrate_from_group), not a post', 'empty text (a photo without caption)']);
    expect(rejectionsOf(rows)[1]!.raw).toContain(FILE_NOT_INCLUDED);
  });

  it('joins a text entity array to plain text, with links, text links and hashtags from the entities', () => {
    expect(posts[1]).toEqual({
      platform: 'telegram',
      post_id: '1387877165/3',
      account_id: 'channel1387877165',
      account_handle: null,
      account_name: 'Riverbend Tenants',
      created_at: '2022-05-25T21:44:15Z',
      text: 'Read this: https://example.org\nand share the petition #RentFreeze',
      url: null,
      links: ['https://example.org', 'https://act.example.org/petition'],
      hashtags: ['rentfreeze'],
      mentions: [],
      post_type: 'photo',
      followers: null,
      likes: null,
      comments: null,
      shares: null,
      views: null,
      reactions: 17,
      is_repost: true,
      source: { file: 'telegram-channel.json', format: 'telegram-desktop', row: 33 },
    });
  });

  it('prefers date_unixtime to the local date, and reads plain string text and media types', () => {
    expect(posts[0]).toMatchObject({ created_at: '2022-05-25T21:44:00Z', text: 'Meeting tonight at 7, everyone welcome.', post_type: 'text', is_repost: false });
    expect(posts[0]!.created_at_original).toBeUndefined();
    expect(posts[2]).toMatchObject({ post_type: 'video_file', mentions: ['riverbend_news'] });
  });
});

describe('Telegram Desktop, full-account export', async () => {
  const { format, rows } = await readJsonExport(fixturePath('telegram-account.json'));
  const posts = postsOf(rows);

  it('reads the messages of chats.list and left_chats.list, not contacts', () => {
    expect(format).toBe('telegram-desktop');
    expect(rowKinds(rows)).toEqual([[31, 'post'], [57, 'post'], [71, 'rejected'], [95, 'post']]);
  });

  it('qualifies message ids with the chat id, since ids are per chat', () => {
    expect(posts.map((post) => post.post_id)).toEqual(['5000000002/101', '1500000003/101', '1600000004/7']);
  });

  it('reads a local date without date_unixtime as UTC and keeps the original', () => {
    expect(posts[1]).toMatchObject({ created_at: '2022-06-02T18:30:00Z', created_at_original: '2022-06-02T18:30:00', account_name: 'Ana' });
  });
});
