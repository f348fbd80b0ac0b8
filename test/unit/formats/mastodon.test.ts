import { describe, expect, it } from 'vitest';
import { htmlLinks, htmlToPlainText } from '../../../src/formats/plain-text.js';
import { fixturePath, postsOf } from './export-files.js';
import { readJsonExport, rowKinds } from './json-formats.js';

describe('Mastodon statuses', async () => {
  const { format, rows } = await readJsonExport(fixturePath('mastodon-statuses.json'));
  const posts = postsOf(rows);

  it('is detected, one row per status', () => {
    expect(format).toBe('mastodon');
    expect(rowKinds(rows)).toEqual([[2, 'post'], [3, 'post'], [4, 'post']]);
  });

  it('turns the HTML content into plain text, with the links the author wrote', () => {
    expect(posts[0]).toMatchObject({
      platform: 'mastodon',
      post_id: '113501234567890123',
      account_id: '109000000000000001',
      account_handle: 'alice',
      account_name: 'Alice',
      created_at: '2024-11-20T09:15:03Z',
      text: 'New paper on #polarization\nlink below & please boost\n\nhttps://doi.org/10.1/xyz',
      url: 'https://mastodon.social/@alice/113501234567890123',
      links: ['https://doi.org/10.1/xyz'],
      hashtags: ['polarization'],
      followers: 812,
      likes: 17,
      comments: 2,
      shares: 5,
      is_repost: false,
      lang: 'en',
    });
  });

  it('reads a boost as a repost with the boosted text', () => {
    expect(posts[1]).toMatchObject({
      post_id: '113501234567899999',
      account_handle: 'bob',
      text: 'Kommt alle zur Demo am Samstag! @alice',
      url: 'https://chaos.social/@carol/113500000000000777',
      mentions: ['alice'],
      post_type: 'boost',
      is_repost: true,
      lang: 'de',
    });
  });

  it('puts the content warning before the text, decodes numeric entities, and takes the card link', () => {
    expect(posts[2]).toMatchObject({ text: 'election talk\n\nDon\'t forget to register to vote 🗳', post_type: 'reply', links: ['https://vote.example.org/register'] });
  });
});

describe('HTML to plain text', () => {
  it('breaks lines at <br> and paragraphs, drops tags, decodes entities', () => {
    expect(htmlToPlainText('<p>a<br>b<br/>c</p><p>d &amp; e &lt;3 &#x1F44D; &#39;q&#39; &bogus;</p>')).toBe("a\nb\nc\n\nd & e <3 👍 'q' &bogus;");
  });

  it('lists links but not mention and hashtag links', () => {
    expect(htmlLinks('<a href="https://x.example/?a=1&amp;b=2">x</a> <a href="https://m.example/tags/t" class="mention hashtag">#t</a>')).toEqual(['https://x.example/?a=1&b=2']);
  });
});
