/**
 * Apify Instagram Scraper (`apify/instagram-scraper`) post results as JSON, FORMATS.md 8a: an
 * array of items (the dataset's JSON export) or one item per line (its JSONL export).
 * `likesCount` is -1 when the account hides likes: that is null here, not 0.
 */
import { RowError } from './csv-format.js';
import { flatItems, itemHas, type JsonFormat } from './json-format.js';
import { finishPost } from './json-post.js';
import { asObject, count, idText, isoTime, strings, text } from './json-values.js';

const FORMAT_ID = 'apify-instagram';

export const apifyInstagram: JsonFormat = {
  id: FORMAT_ID,
  label: 'Apify Instagram Scraper (JSON or JSONL)',
  kind: 'json',
  detect: (sample) => (itemHas(sample, 'shortCode', 'ownerUsername') ? flatItems(sample) : null),
  createItemMapper({ fileName }) {
    return (value, item) => {
      const post = asObject(value);
      if (post === null) throw new RowError('not an Instagram post: expected a JSON object');
      if (post.error !== undefined && post.shortCode === undefined) throw new RowError(`the scraper reported an error instead of a post: ${text(post.error) ?? JSON.stringify(post.error)}`);
      const shortCode = text(post.shortCode);
      const createdText = text(post.timestamp);
      const views = count(post.videoViewCount) ?? count(post.videoPlayCount);
      return [finishPost({
        platform: 'instagram',
        post_id: shortCode ?? idText(post.id),
        account_id: idText(post.ownerId),
        account_handle: text(post.ownerUsername),
        account_name: text(post.ownerFullName),
        created: createdText === null ? null : isoTime(createdText),
        createdText,
        text: typeof post.caption === 'string' ? post.caption : null,
        url: text(post.url) ?? (shortCode === null ? null : `https://www.instagram.com/p/${shortCode}/`),
        hashtags: strings(post.hashtags),
        mentions: strings(post.mentions),
        post_type: text(post.type),
        likes: count(post.likesCount),
        comments: count(post.commentsCount),
        views,
        is_repost: null,
      }, { file: fileName, format: FORMAT_ID, row: item.line }, { text: 'caption', created: 'timestamp' })];
    };
  },
};
