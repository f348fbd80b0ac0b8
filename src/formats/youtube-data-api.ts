/**
 * YouTube Data API v3 JSON, FORMATS.md 6a: `videos.list` and `search.list` responses
 * (`{"kind":"youtube#videoListResponse","items":[…]}`) as one document, one response per line,
 * or the resources alone (an array or NDJSON). Videos and search results are posts (title and
 * description are the text); comment threads and comments are posts too. Other resources
 * (channels, playlists) are rejected rows. Statistics are strings (`"1500000000"`); a count the
 * API leaves out (hidden likes, disabled comments, search results without statistics) is null.
 */
import type { Post } from '../types/contracts.js';
import { RowError } from './csv-format.js';
import { itemPrefix, type JsonFormat, type JsonSample } from './json-format.js';
import { finishPost } from './json-post.js';
import { asArray, asObject, at, count, isoTime, text, type JsonObject } from './json-values.js';
import { htmlToPlainText } from './plain-text.js';

const FORMAT_ID = 'youtube-data-api';

export const youtubeDataApi: JsonFormat = {
  id: FORMAT_ID,
  label: 'YouTube Data API v3 (videos, search results, comments; JSON or NDJSON)',
  kind: 'json',
  detect(sample: JsonSample) {
    const kind = sample.values.get(`${itemPrefix(sample)}kind`);
    if (typeof kind !== 'string' || !kind.startsWith('youtube#')) return null;
    if (sample.layout === 'object') return kind.endsWith('ListResponse') ? ['items[]'] : [''];
    return sample.layout === 'array' ? ['[]'] : [''];
  },
  createItemMapper({ fileName }) {
    return (value, item) => {
      const resource = asObject(value);
      if (resource === null) throw new RowError('not a YouTube resource: expected a JSON object');
      const source = { file: fileName, format: FORMAT_ID, row: item.line };
      const kind = text(resource.kind) ?? '';
      if (!kind.endsWith('ListResponse')) return [mapResource(resource, source)];
      const items = asArray(resource.items);
      return items.map((entry, index) => {
        try {
          const object = asObject(entry);
          if (object === null) throw new RowError('not a YouTube resource: expected a JSON object');
          return mapResource(object, source, items.length > 1 ? index + 1 : undefined);
        } catch (error) {
          if (error instanceof RowError) return { rejected: error.reason, raw: entry };
          throw error;
        }
      });
    };
  },
};

function mapResource(resource: JsonObject, source: Post['source'], part?: number): Post {
  const kind = text(resource.kind) ?? '';
  if (kind === 'youtube#commentThread') return mapComment(asObject(at(resource, 'snippet.topLevelComment')) ?? {}, resource, source, part);
  if (kind === 'youtube#comment') return mapComment(resource, resource, source, part);
  const searchKind = text(at(resource, 'id.kind'));
  if (kind !== 'youtube#video' && !(kind === 'youtube#searchResult' && searchKind === 'youtube#video')) {
    throw new RowError(`a YouTube ${(searchKind ?? kind).replace('youtube#', '') || 'resource without kind'}, not a video or comment`);
  }
  const id = typeof resource.id === 'string' ? resource.id : text(at(resource, 'id.videoId'));
  const snippet = asObject(resource.snippet) ?? {};
  const title = text(snippet.title);
  const description = typeof snippet.description === 'string' ? snippet.description.trim() : '';
  const createdText = text(snippet.publishedAt);
  return finishPost({
    platform: 'youtube',
    post_id: id,
    account_id: text(snippet.channelId),
    account_handle: null,
    account_name: text(snippet.channelTitle),
    created: createdText === null ? null : isoTime(createdText),
    createdText,
    text: [title ?? '', description].filter((part) => part !== '').join('\n\n'),
    url: id === null ? null : `https://www.youtube.com/watch?v=${id}`,
    post_type: 'video',
    lang: text(snippet.defaultLanguage) ?? text(snippet.defaultAudioLanguage),
    likes: count(at(resource, 'statistics.likeCount')),
    comments: count(at(resource, 'statistics.commentCount')),
    views: count(at(resource, 'statistics.viewCount')),
    is_repost: null,
  }, source, { text: 'snippet.title and snippet.description', created: 'snippet.publishedAt' }, part);
}

function mapComment(comment: JsonObject, resource: JsonObject, source: Post['source'], part?: number): Post {
  const snippet = asObject(comment.snippet) ?? {};
  const createdText = text(snippet.publishedAt);
  const videoId = text(snippet.videoId) ?? text(at(resource, 'snippet.videoId'));
  const id = text(comment.id);
  // textOriginal is what the author wrote; textDisplay is HTML, and all that some responses carry.
  const body = typeof snippet.textOriginal === 'string' ? snippet.textOriginal : typeof snippet.textDisplay === 'string' ? htmlToPlainText(snippet.textDisplay) : null;
  return finishPost({
    platform: 'youtube',
    post_id: id,
    account_id: text(at(snippet, 'authorChannelId.value')),
    account_handle: text(snippet.authorDisplayName)?.replace(/^@/, '') ?? null,
    account_name: text(snippet.authorDisplayName),
    created: createdText === null ? null : isoTime(createdText),
    createdText,
    text: body,
    url: videoId === null || id === null ? null : `https://www.youtube.com/watch?v=${videoId}&lc=${id}`,
    post_type: 'comment',
    likes: count(snippet.likeCount),
    comments: count(at(resource, 'snippet.totalReplyCount')),
    is_repost: null,
  }, source, { text: 'snippet.textOriginal', created: 'snippet.publishedAt' }, part);
}
