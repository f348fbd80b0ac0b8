/**
 * YouTube Data Tools (Bernhard Rieder) CSV or TAB files: the Video List module and the comments
 * of the Video Info module, from the PHP tool (v1) and the Python one (v2). See FORMATS.md 6b.
 *
 * v1 collapses whitespace in titles and descriptions and writes `publishedAt` of comments as
 * `YYYY-MM-DD HH:MM:SS` (UTC); PHP's fputcsv escapes with a backslash (`\"`), which the reader
 * undoes for this format (`backslashEscapes`). v2 writes RFC 4180 CSV and ISO times.
 */
import type { Post } from '../types/contracts.js';
import { cellAt, parseBoolean, textOrNull, timestampCell } from './cell-values.js';
import { parseCount } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { firstColumnIndex } from './header-columns.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { parseTimestamp } from './timestamps.js';

const VIDEOS_ID = 'youtube-data-tools-videos';
const COMMENTS_ID = 'youtube-data-tools-comments';
const TIMESTAMP_FORMS = 'ISO 8601 like 2022-11-11T05:30:01Z, or 2022-11-11 05:30:01';
const parseUtc = (value: string) => parseTimestamp(value);

export const youtubeDataToolsVideos: CsvFormat = {
  id: VIDEOS_ID,
  label: 'YouTube Data Tools, video list (v1 or v2)',
  kind: 'csv',
  backslashEscapes: true,
  matchesHeader: (header) => ['videoId', 'publishedAtSQL', 'videoTitle', 'videoDescription'].every((name) => header.includes(name)),
  createRowMapper: createVideoRowMapper,
};

export const youtubeDataToolsComments: CsvFormat = {
  id: COMMENTS_ID,
  label: 'YouTube Data Tools, video comments (v1 or v2)',
  kind: 'csv',
  backslashEscapes: true,
  matchesHeader: (header) => ['id', 'authorName', 'text', 'publishedAt', 'isReply'].every((name) => header.includes(name)) &&
    firstColumnIndex(header, ['isReplyTo', 'isReplyToId']) !== -1 &&
    firstColumnIndex(header, ['replyCount', 'totalReplyCount']) !== -1,
  createRowMapper: createCommentRowMapper,
};

function createVideoRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const column = {
    channelId: at('channelId'),
    channelTitle: at('channelTitle'),
    videoId: at('videoId'),
    videoUrl: at('videoUrl'),
    publishedAt: at('publishedAt'),
    publishedAtSql: at('publishedAtSQL'),
    title: at('videoTitle'),
    description: at('videoDescription'),
    isShort: at('isShort'),
    lang: at('defaultLanguage'),
    views: at('viewCount'),
    likes: at('likeCount'),
    comments: at('commentCount'),
  };

  return (record, line) => {
    const title = plainText(record[column.title]!);
    const description = plainText(record[column.description]!);
    // The title is where many calls to action stand ("Vote today!"), so it leads the text.
    const text = [title, description].filter((part) => part !== '').join('\n\n');
    if (text === '') throw new RowError('empty text (videoTitle and videoDescription are empty)');
    const publishedCell = cellAt(record, column.publishedAt).trim() === '' ? record[column.publishedAtSql]! : cellAt(record, column.publishedAt);
    const created = timestampCell(publishedCell, header[column.publishedAt] ?? 'publishedAtSQL', parseUtc, TIMESTAMP_FORMS);
    const videoId = textOrNull(record[column.videoId]!);
    const entities = extractTextEntities(text);
    const post: Post = {
      platform: 'youtube',
      post_id: videoId ?? `${fileName}#${line}`,
      account_id: textOrNull(cellAt(record, column.channelId)),
      account_handle: null,
      account_name: textOrNull(cellAt(record, column.channelTitle)),
      created_at: created?.iso ?? null,
      text,
      url: textOrNull(cellAt(record, column.videoUrl)) ?? (videoId === null ? null : `https://www.youtube.com/watch?v=${videoId}`),
      links: entities.urls,
      hashtags: entities.hashtags,
      mentions: entities.mentions,
      post_type: parseBoolean(cellAt(record, column.isShort)) === true ? 'short' : 'video',
      followers: null,
      likes: parseCount(cellAt(record, column.likes)),
      comments: parseCount(cellAt(record, column.comments)),
      shares: null,
      views: parseCount(cellAt(record, column.views)),
      reactions: null,
      is_repost: null,
      source: { file: fileName, format: VIDEOS_ID, row: line },
    };
    if (column.lang !== -1) post.lang = textOrNull(cellAt(record, column.lang))?.toLowerCase() ?? null;
    if (created?.assumed === true) post.created_at_original = publishedCell.trim();
    return post;
  };
}

function createCommentRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const column = {
    id: at('id'),
    videoId: at('videoId'),
    publishedAt: at('publishedAt'),
    authorName: at('authorName'),
    authorChannelId: at('authorChannelId'),
    text: at('text'),
    isReply: at('isReply'),
    likes: at('likeCount'),
    replies: firstColumnIndex(header, ['totalReplyCount', 'replyCount']),
  };

  return (record, line) => {
    const text = plainText(record[column.text]!);
    if (text === '') throw new RowError('empty text (column "text" is empty)');
    const publishedCell = record[column.publishedAt]!;
    const created = timestampCell(publishedCell, 'publishedAt', parseUtc, TIMESTAMP_FORMS);
    const id = textOrNull(record[column.id]!);
    const videoId = textOrNull(cellAt(record, column.videoId));
    const authorName = textOrNull(record[column.authorName]!);
    const entities = extractTextEntities(text);
    const post: Post = {
      platform: 'youtube',
      post_id: id ?? `${fileName}#${line}`,
      account_id: textOrNull(cellAt(record, column.authorChannelId)),
      // Since 2024 YouTube shows commenters by handle (`@name`); older names are display names.
      account_handle: authorName?.startsWith('@') === true ? authorName.slice(1) : null,
      account_name: authorName,
      created_at: created?.iso ?? null,
      text,
      url: videoId === null || id === null ? null : `https://www.youtube.com/watch?v=${videoId}&lc=${id}`,
      links: entities.urls,
      hashtags: entities.hashtags,
      mentions: entities.mentions,
      post_type: parseBoolean(record[column.isReply]!) === true ? 'reply' : 'comment',
      followers: null,
      likes: parseCount(cellAt(record, column.likes)),
      comments: parseCount(cellAt(record, column.replies)),
      shares: null,
      views: null,
      reactions: null,
      is_repost: null,
      source: { file: fileName, format: COMMENTS_ID, row: line },
    };
    // v1 writes comment times as `YYYY-MM-DD HH:MM:SS` in UTC: the zone is the tool's, so the original is kept.
    if (created?.assumed === true) post.created_at_original = publishedCell.trim();
    return post;
  };
}
