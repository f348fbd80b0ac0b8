/**
 * TikTok Research API video query results, FORMATS.md 4a: the response `{"data":{"videos":[…],
 * "cursor", "has_more", "search_id"}, "error":{…}}` as one document, one response per line
 * (NDJSON of pages, as collection scripts append them), or the videos alone (an array or NDJSON).
 */
import { RowError } from './csv-format.js';
import { itemPrefix, type JsonFormat, type JsonItemMapper, type JsonSample } from './json-format.js';
import { finishPost } from './json-post.js';
import { asObject, at, count, epochSeconds, idText, strings, text, type JsonObject } from './json-values.js';

const FORMAT_ID = 'tiktok-research-api';
const VIDEO_KEYS = ['video_description', 'create_time'];

export const tiktokResearch: JsonFormat = {
  id: FORMAT_ID,
  label: 'TikTok Research API video query (JSON or NDJSON)',
  kind: 'json',
  detect(sample: JsonSample) {
    const pages = VIDEO_KEYS.some((key) => sample.paths.has(`${itemPrefix(sample)}data.videos[].${key}`));
    const videos = VIDEO_KEYS.every((key) => sample.paths.has(`${itemPrefix(sample)}${key}`));
    if (!pages && !videos) return null;
    if (sample.layout === 'object') return ['data.videos[]'];
    return sample.layout === 'array' ? ['[]'] : [''];
  },
  createItemMapper({ fileName }): JsonItemMapper {
    return (value, item) => {
      const object = asObject(value);
      if (object === null) throw new RowError('not a TikTok video: expected a JSON object');
      const source = { file: fileName, format: FORMAT_ID, row: item.line };
      if (!Object.hasOwn(object, 'data')) return [mapVideo(object, source)];
      // A whole response on one line: one row per video; an error response is one rejected row.
      const videos = at(object, 'data.videos');
      if (!Array.isArray(videos)) {
        const code = text(at(object, 'error.code'));
        throw new RowError(code !== null && code !== 'ok' ? `the API answered with an error: ${code}: ${text(at(object, 'error.message')) ?? ''}` : 'a response without "data.videos"');
      }
      return videos.map((video, index) => {
        const videoObject = asObject(video);
        if (videoObject === null) return { rejected: 'not a TikTok video: expected a JSON object', raw: video };
        try {
          return mapVideo(videoObject, source, videos.length > 1 ? index + 1 : undefined);
        } catch (error) {
          if (error instanceof RowError) return { rejected: error.reason, raw: video };
          throw error;
        }
      });
    };
  },
};

function mapVideo(video: JsonObject, source: { file: string; format: string; row: number }, part?: number) {
  const id = idText(video.id);
  const username = text(video.username);
  return finishPost({
    platform: 'tiktok',
    post_id: id,
    account_handle: username,
    created: video.create_time === undefined || video.create_time === null ? null : epochSeconds(video.create_time),
    createdText: String(video.create_time),
    text: typeof video.video_description === 'string' ? video.video_description : null,
    url: id !== null && username !== null ? `https://www.tiktok.com/@${username}/video/${id}` : null,
    hashtags: strings(video.hashtag_names),
    mentions: strings(video.video_mention_list),
    post_type: 'video',
    likes: count(video.like_count),
    comments: count(video.comment_count),
    shares: count(video.share_count),
    views: count(video.view_count),
    is_repost: null,
  }, source, { text: 'video_description', created: 'create_time' }, part);
}

