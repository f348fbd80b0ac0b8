/**
 * Zeeschuimer NDJSON (browser extension captures, as uploaded to 4CAT), FORMATS.md 4b: every line
 * wraps one captured object: `item_id`, `source_platform`, `timestamp_collected` (epoch ms) and
 * `data`, the platform's own object. TikTok videos, Instagram posts (item-list, legacy GraphQL and
 * Polaris shapes) and X tweets (web GraphQL) are read; items of other platforms are rejected rows
 * whose reason names the platform.
 */
import type { Post } from '../types/contracts.js';
import { RowError } from './csv-format.js';
import type { JsonFormat } from './json-format.js';
import { finishPost, type PostDraft } from './json-post.js';
import { asArray, asObject, at, bool, count, epochMilliseconds, epochSeconds, idText, text, type JsonObject } from './json-values.js';
import { parseTwitterDate } from './timestamps.js';

const FORMAT_ID = 'zeeschuimer-ndjson';

type PlatformMapper = (data: JsonObject) => { draft: Omit<PostDraft, 'collected'>; names: { text: string; created: string } };

const PLATFORMS: Readonly<Record<string, PlatformMapper>> = {
  'tiktok.com': tiktokItem,
  'instagram.com': instagramItem,
  'twitter.com': twitterItem,
  'x.com': twitterItem,
};

export const zeeschuimer: JsonFormat = {
  id: FORMAT_ID,
  label: 'Zeeschuimer NDJSON (TikTok, Instagram, X)',
  kind: 'json',
  detect: (sample) => (sample.layout === 'ndjson' && ['item_id', 'source_platform', 'timestamp_collected', 'data'].every((key) => sample.paths.has(key)) ? [''] : null),
  createItemMapper({ fileName }) {
    return (value, item): Post[] => {
      const wrapper = asObject(value);
      if (wrapper === null) throw new RowError('not a Zeeschuimer item: expected a JSON object');
      const platform = text(wrapper.source_platform) ?? '';
      const mapper = PLATFORMS[platform];
      if (mapper === undefined) throw new RowError(`Zeeschuimer items from ${JSON.stringify(platform)} are not read by ctacode (it reads tiktok.com, instagram.com and twitter.com items)`);
      const data = asObject(wrapper.data);
      if (data === null) throw new RowError('the item has no "data" object');
      const { draft, names } = mapper(data);
      const collected = wrapper.timestamp_collected === undefined ? null : epochMilliseconds(wrapper.timestamp_collected) ?? null;
      return [finishPost({ ...draft, post_id: draft.post_id ?? idText(wrapper.item_id), collected }, { file: fileName, format: FORMAT_ID, row: item.line }, names)];
    };
  },
};

/** TikTok web `itemStruct`. */
function tiktokItem(data: JsonObject): ReturnType<PlatformMapper> {
  const author = asObject(data.author);
  const handle = text(author?.uniqueId) ?? text(data.author);
  const id = idText(data.id);
  const stats = asObject(data.stats) ?? asObject(data.statsV2);
  const hashtags = [...asArray(data.challenges).map((challenge) => text(asObject(challenge)?.title)), ...asArray(data.textExtra).map((extra) => text(asObject(extra)?.hashtagName))]
    .filter((tag) => tag !== null);
  const mentions = asArray(data.textExtra).map((extra) => text(asObject(extra)?.userUniqueId)).filter((name) => name !== null);
  return {
    draft: {
      platform: 'tiktok',
      post_id: id,
      account_id: idText(author?.id),
      account_handle: handle,
      account_name: text(author?.nickname) ?? text(data.nickname),
      created: data.createTime === undefined ? null : epochSeconds(data.createTime),
      createdText: String(data.createTime),
      text: typeof data.desc === 'string' ? data.desc : null,
      url: id !== null && handle !== null ? `https://www.tiktok.com/@${handle}/video/${id}` : null,
      hashtags,
      mentions,
      post_type: bool(data.isAd) === true ? 'ad' : 'video',
      followers: count(at(data, 'authorStats.followerCount')),
      likes: count(stats?.diggCount),
      comments: count(stats?.commentCount),
      shares: count(stats?.shareCount),
      views: count(stats?.playCount),
      is_repost: null,
    },
    names: { text: 'data.desc', created: 'data.createTime' },
  };
}

/** Instagram: the item-list shape, the legacy GraphQL shape, or Polaris (no timestamps). */
function instagramItem(data: JsonObject): ReturnType<PlatformMapper> {
  if (text(data.product_type) === 'ad') throw new RowError('an advertisement in the feed (product_type "ad"), not a post of the account');
  const legacy = typeof data.shortcode === 'string';
  const code = text(data.code) ?? text(data.shortcode);
  const owner = asObject(data.user) ?? asObject(data.owner);
  const caption = legacy ? at(data, 'edge_media_to_caption.edges.0.node.text') : at(data, 'caption.text');
  const hidden = bool(data.like_and_view_counts_disabled) === true;
  const taken = data.taken_at ?? data.taken_at_timestamp;
  const mediaType = typeof data.media_type === 'number' ? ({ 1: 'photo', 2: 'video', 8: 'carousel' } as Record<number, string>)[data.media_type] ?? null : text(data.__typename);
  return {
    draft: {
      platform: 'instagram',
      post_id: code ?? idText(data.id),
      account_id: idText(owner?.pk) ?? idText(owner?.id),
      account_handle: text(owner?.username),
      account_name: text(owner?.full_name),
      created: taken === undefined || taken === null ? null : epochSeconds(taken),
      createdText: String(taken),
      text: typeof caption === 'string' ? caption : null,
      url: code === null ? null : `https://www.instagram.com/p/${code}/`,
      post_type: mediaType,
      likes: hidden ? null : count(data.like_count) ?? count(at(data, 'edge_media_preview_like.count')),
      comments: count(data.comment_count) ?? count(at(data, 'edge_media_preview_comment.count')),
      views: hidden ? null : count(data.play_count) ?? count(data.view_count),
      is_repost: null,
    },
    names: { text: legacy ? 'data.edge_media_to_caption' : 'data.caption.text', created: 'data.taken_at' },
  };
}

/** X web GraphQL tweet (`rest_id`, `legacy`, `core.user_results.result`). */
function twitterItem(input: JsonObject): ReturnType<PlatformMapper> {
  const data = asObject(input.tweet) ?? input; // TweetWithVisibilityResults wraps the tweet
  const legacy = asObject(data.legacy) ?? {};
  const user = asObject(at(data, 'core.user_results.result'));
  const handle = text(at(user, 'core.screen_name')) ?? text(at(user, 'legacy.screen_name'));
  const id = idText(data.rest_id) ?? idText(legacy.id_str);
  const retweet = asObject(at(legacy, 'retweeted_status_result.result'));
  const retweetLegacy = asObject(asObject(retweet?.tweet)?.legacy ?? retweet?.legacy);
  const noteText = at(data, 'note_tweet.note_tweet_results.result.text');
  const body = typeof noteText === 'string' ? noteText : typeof retweetLegacy?.full_text === 'string' ? retweetLegacy.full_text : legacy.full_text;
  const entities = (key: string, field: string) => asArray(at(legacy, `entities.${key}`)).map((entity) => text(asObject(entity)?.[field])).filter((value) => value !== null);
  const createdText = text(legacy.created_at);
  return {
    draft: {
      platform: 'twitter',
      post_id: id,
      account_id: idText(user?.rest_id) ?? idText(legacy.user_id_str),
      account_handle: handle,
      account_name: text(at(user, 'core.name')) ?? text(at(user, 'legacy.name')),
      created: createdText === null ? null : parseTwitterDate(createdText),
      createdText,
      text: typeof body === 'string' ? body : null,
      url: id === null ? null : `https://twitter.com/${handle ?? 'i/web'}/status/${id}`,
      links: entities('urls', 'expanded_url'),
      hashtags: entities('hashtags', 'text'),
      mentions: entities('user_mentions', 'screen_name'),
      post_type: retweetLegacy !== null ? 'retweet' : bool(legacy.is_quote_status) === true ? 'quote' : text(legacy.in_reply_to_status_id_str) !== null ? 'reply' : 'tweet',
      lang: legacy.lang === 'und' ? null : text(legacy.lang),
      followers: count(at(user, 'legacy.followers_count')),
      likes: count(legacy.favorite_count),
      comments: count(legacy.reply_count),
      shares: count(legacy.retweet_count),
      views: count(at(data, 'views.count')),
      is_repost: retweetLegacy !== null,
    },
    names: { text: 'data.legacy.full_text', created: 'data.legacy.created_at' },
  };
}
