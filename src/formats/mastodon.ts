/**
 * Mastodon Status entities (API `statuses`, timelines, search; exported with tools such as
 * mastodon.py or minet), FORMATS.md 7b: an array of statuses or one per line. `content` is
 * sanitized HTML and becomes plain text; a boost (`reblog` set) is a repost whose text is the
 * boosted status's.
 */
import { RowError } from './csv-format.js';
import { flatItems, itemHas, type JsonFormat } from './json-format.js';
import { finishPost } from './json-post.js';
import { asArray, asObject, count, idText, isoTime, text } from './json-values.js';
import { htmlLinks, htmlToPlainText } from './plain-text.js';

const FORMAT_ID = 'mastodon';

export const mastodon: JsonFormat = {
  id: FORMAT_ID,
  label: 'Mastodon statuses (JSON or NDJSON)',
  kind: 'json',
  detect: (sample) => (itemHas(sample, 'content', 'account.acct', 'reblogs_count') ? flatItems(sample) : null),
  createItemMapper({ fileName }) {
    return (value, item) => {
      const status = asObject(value);
      if (status === null) throw new RowError('not a Mastodon status: expected a JSON object');
      const boosted = asObject(status.reblog);
      const shown = boosted ?? status;
      const account = asObject(status.account) ?? {};
      const html = typeof shown.content === 'string' ? shown.content : '';
      const warning = typeof shown.spoiler_text === 'string' ? shown.spoiler_text.trim() : '';
      const body = htmlToPlainText(html);
      const card = text(asObject(shown.card)?.url);
      const createdText = text(status.created_at);
      return [finishPost({
        platform: 'mastodon',
        post_id: idText(status.id),
        account_id: idText(account.id),
        account_handle: text(account.acct),
        account_name: text(account.display_name),
        created: createdText === null ? null : isoTime(createdText),
        createdText,
        text: warning === '' ? body : `${warning}\n\n${body}`,
        url: text(status.url) ?? text(boosted?.url) ?? text(status.uri),
        links: [...htmlLinks(html), ...(card === null ? [] : [card])],
        hashtags: asArray(shown.tags).map((tag) => text(asObject(tag)?.name)).filter((tag) => tag !== null),
        mentions: asArray(shown.mentions).map((mention) => text(asObject(mention)?.acct)).filter((name) => name !== null),
        post_type: boosted !== null ? 'boost' : text(status.in_reply_to_id) !== null ? 'reply' : 'status',
        lang: text(shown.language),
        followers: count(account.followers_count),
        likes: count(shown.favourites_count),
        comments: count(shown.replies_count),
        shares: count(shown.reblogs_count),
        is_repost: boosted !== null,
      }, { file: fileName, format: FORMAT_ID, row: item.line }, { text: 'content', created: 'created_at' })];
    };
  },
};
