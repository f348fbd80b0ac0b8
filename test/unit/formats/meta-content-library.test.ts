import { afterAll, describe, expect, it } from 'vitest';
import { ExportFileError } from '../../../src/formats/export-file.js';
import { metaContentLibrary } from '../../../src/formats/meta-content-library.js';
import { detectCsvFormat } from '../../../src/formats/registry.js';
import { fixturePath, postsOf, readExport, rejectionsOf, temporaryFolder } from './export-files.js';

const defaultHeader = 'id,creation_time,modified_time,multimedia,is_branded_content,content_type,statistics.like_count,statistics.love_count,statistics.wow_count,statistics.haha_count,statistics.sad_count,statistics.angry_count,statistics.care_count,statistics.comment_count,statistics.reaction_count,statistics.views,statistics.views_date_last_refreshed,statistics.share_count,post_owner.type,post_owner.id,post_owner.name,surface.type,surface.id,surface.name'.split(',');
const instagramHeader = 'id,text,creation_time,modified_time,lang,hashtags,match_type,is_verified,is_branded_content,media_type,content_type,post_owner.id,post_owner.username,post_owner.name,post_owner.type,statistics.like_count,statistics.comment_count,statistics.views,multimedia'.split(',');

describe('Meta Content Library detection', () => {
  it('recognises Facebook, Instagram and comment headers', () => {
    expect(metaContentLibrary.matchesHeader(defaultHeader)).toBe(true);
    expect(metaContentLibrary.matchesHeader(instagramHeader)).toBe(true);
    expect(metaContentLibrary.matchesHeader(['id', 'post_id', 'parent_comment_id', 'text', 'creation_time', 'owner.id', 'owner.name'])).toBe(true);
    expect(detectCsvFormat([...defaultHeader, 'text']).id).toBe('meta-content-library');
  });

  it('does not claim files without creation_time and dotted owner or statistics columns', () => {
    expect(metaContentLibrary.matchesHeader(['id', 'text', 'created_at', 'likes'])).toBe(false);
    expect(metaContentLibrary.matchesHeader(['id', 'text', 'creation_time'])).toBe(false);
  });
});

describe('Meta Content Library Facebook export', async () => {
  const { format, rows } = await readExport(fixturePath('meta-content-library-facebook.csv'));
  const posts = postsOf(rows);

  it('accounts for every row', () => {
    expect(format).toBe('meta-content-library');
    expect(rows.map((row) => [row.line, row.kind])).toEqual([[2, 'post'], [4, 'post'], [5, 'rejected'], [6, 'rejected']]);
  });

  it('maps a page post: ids as strings, reactions, views absent → null', () => {
    expect(posts[0]).toEqual({
      platform: 'facebook',
      post_id: '1040582731180622',
      account_id: '1040582731180001',
      account_handle: 'citycouncilparty',
      account_name: 'City Council Party',
      created_at: '2024-09-12T14:03:27Z',
      text: "Our statement on today's vote.\nFull text in the comments.",
      url: null,
      links: [],
      hashtags: [],
      mentions: [],
      post_type: 'status',
      lang: 'en',
      followers: null,
      likes: 1301,
      comments: 211,
      shares: 98,
      views: null,
      reactions: 1532,
      is_repost: false,
      source: { file: 'meta-content-library-facebook.csv', format: 'meta-content-library', row: 2 },
    });
  });

  it('maps a group post by a person, with its link and video views', () => {
    expect(posts[1]).toMatchObject({ account_name: 'Dana Meyer', account_handle: null, account_id: '100009876543210', views: 18204, links: ['https://riverbend.example/townhall'] });
  });

  it('rejects an id in scientific notation, saying its digits are lost', () => {
    const [scientific, empty] = rejectionsOf(rows);
    expect(scientific!.reason).toMatch(/^id: the id "9\.6378e\+14" is in scientific notation, so its last digits are lost/);
    expect(empty!.reason).toBe('empty text (column "text" is empty)');
  });
});

describe('Meta Content Library default projection (no text)', () => {
  it('stops the file with a message saying to request the text field', async () => {
    const error: unknown = await readExport(fixturePath('meta-content-library-facebook-default.csv')).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ExportFileError);
    expect((error as ExportFileError).reason).toMatch(/no text column: the default set of fields leaves the post text out.*"text" requested/);
  });
});

describe('Meta Content Library Instagram export', async () => {
  const { format, rows } = await readExport(fixturePath('meta-content-library-instagram.csv'));
  const posts = postsOf(rows);

  it('is read as Instagram, with hashtags from the list column and 19-digit ids intact', () => {
    expect(format).toBe('meta-content-library');
    expect(rows).toHaveLength(2);
    expect(posts[0]).toMatchObject({ platform: 'instagram', post_id: '3456789012345678901', account_handle: 'rivercoalition', hashtags: ['savetheriver', 'climate'], post_type: 'IMAGE', views: null, shares: null, reactions: null });
    expect(posts[1]).toMatchObject({ post_type: 'VIDEO', views: 90233, likes: 5120 });
  });
});

describe('Meta Content Library comments', async () => {
  const folder = await temporaryFolder();
  afterAll(() => folder.remove());

  it('takes the commenter from owner.*, and marks comments', async () => {
    const path = await folder.write('comments.csv', [
      'id,post_id,parent_comment_id,text,creation_time,owner.id,owner.username,owner.name,owner.type,lang,link_attachment.link,statistics.reaction_count,statistics.like_count,statistics.comment_count',
      '1040582731181111,1040582731180622,,"Count me in, see you there!",2024-09-12T15:00:00+0000,100001234567890,,Sam Lee,user,en,,4,3,1',
      '1040582731181112,1040582731180622,1040582731181111,Link: https://riverbend.example/rsvp,2024-09-12T15:10:00+0000,,,,private,en,https://riverbend.example/rsvp,,,',
    ].join('\n'));
    const { format, rows } = await readExport(path);
    const posts = postsOf(rows);
    expect(format).toBe('meta-content-library');
    expect(posts[0]).toMatchObject({ platform: 'facebook', post_type: 'comment', account_id: '100001234567890', account_name: 'Sam Lee', reactions: 4, likes: 3, comments: 1, shares: null, created_at: '2024-09-12T15:00:00Z' });
    expect(posts[1]).toMatchObject({ account_id: null, account_name: null, links: ['https://riverbend.example/rsvp'], reactions: null });
  });
});
