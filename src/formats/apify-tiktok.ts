/**
 * Apify TikTok Scraper (`clockworks/tiktok-scraper`, `free-tiktok-scraper`) results as JSON,
 * FORMATS.md 8b: an array of items, or one per line. Likes are `diggCount`, views `playCount`.
 */
import { RowError } from './csv-format.js';
import { flatItems, itemHas, type JsonFormat } from './json-format.js';
import { finishPost } from './json-post.js';
import { asArray, asObject, at, bool, count, epochSeconds, idText, isoTime, text } from './json-values.js';

const FORMAT_ID = 'apify-tiktok';

export const apifyTiktok: JsonFormat = {
  id: FORMAT_ID,
  label: 'Apify TikTok Scraper (JSON or JSONL)',
  kind: 'json',
  detect: (sample) => (itemHas(sample, 'authorMeta', 'diggCount') || itemHas(sample, 'authorMeta', 'webVideoUrl') ? flatItems(sample) : null),
  createItemMapper({ fileName }) {
    return (value, item) => {
      const video = asObject(value);
      if (video === null) throw new RowError('not a TikTok video: expected a JSON object');
      const isoText = text(video.createTimeISO);
      const created = isoText !== null ? isoTime(isoText) : video.createTime === undefined || video.createTime === null ? null : epochSeconds(video.createTime);
      const tagNames = asArray(video.hashtags).map((tag) => text(asObject(tag)?.name) ?? text(tag)).filter((tag) => tag !== null);
      const mentions = asArray(video.mentions).map((mention) => text(asObject(mention)?.name) ?? text(mention)).filter((name) => name !== null);
      return [finishPost({
        platform: 'tiktok',
        post_id: idText(video.id),
        account_id: idText(at(video, 'authorMeta.id')),
        account_handle: text(at(video, 'authorMeta.name')),
        account_name: text(at(video, 'authorMeta.nickName')),
        created,
        createdText: isoText ?? String(video.createTime),
        text: typeof video.text === 'string' ? video.text : null,
        url: text(video.webVideoUrl),
        hashtags: tagNames,
        mentions,
        post_type: bool(video.isSlideshow) === true ? 'slideshow' : 'video',
        lang: text(video.textLanguage),
        followers: count(at(video, 'authorMeta.fans')),
        likes: count(video.diggCount),
        comments: count(video.commentCount),
        shares: count(video.shareCount),
        views: count(video.playCount),
        is_repost: null,
      }, { file: fileName, format: FORMAT_ID, row: item.line }, { text: 'text', created: 'createTimeISO' })];
    };
  },
};
