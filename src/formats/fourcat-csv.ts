/**
 * CSV files exported from 4CAT datasets: the core columns every 4CAT dataset has
 * (`id, thread_id, body, author, timestamp`) plus `unix_timestamp`, and the datasource's own
 * columns, which also tell the platform (CrowdTangle imports, Twitter, TikTok and Instagram
 * captures, Telegram, 4chan, YouTube Data Tools imports). See FORMATS.md 9.
 */
import type { Post } from '../types/contracts.js';
import { cellAt, idOrNull, parseBoolean, splitList, textOrNull, timestampCell, uniqueNonEmpty } from './cell-values.js';
import { parseCount } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { firstColumnIndex } from './header-columns.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { parseEpochSeconds, parseTimestamp } from './timestamps.js';

const FORMAT_ID = '4cat-csv';

/** Columns only one datasource writes → its platform, first match wins. */
const PLATFORM_SIGNATURES: readonly { platform: string; columns: readonly string[] }[] = [
  { platform: 'facebook', columns: ['page_name', 'page_id', 'likes_love'] },
  { platform: 'tiktok', columns: ['tiktok_url', 'music_name', 'plays'] },
  { platform: 'instagram', columns: ['num_likes', 'usertags', 'likes_hidden', 'coauthors'] },
  { platform: 'twitter', columns: ['is_retweet', 'quoted_user', 'retweet_count'] },
  { platform: 'telegram', columns: ['author_is_bot', 'body_markdown', 'chat'] },
  { platform: 'youtube', columns: ['videoId', 'channelId', 'videoTitle'] },
  { platform: '4chan', columns: ['board', 'image_4chan'] },
];

export const fourcatCsv: CsvFormat = {
  id: FORMAT_ID,
  label: '4CAT dataset, CSV export',
  kind: 'csv',
  matchesHeader: (header) => ['id', 'thread_id', 'body', 'author', 'timestamp', 'unix_timestamp'].every((name) => header.includes(name)),
  createRowMapper,
};

function platformOf(header: readonly string[]): string {
  return PLATFORM_SIGNATURES.find(({ columns }) => columns.some((name) => header.includes(name)))?.platform ?? 'unknown';
}

function createRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const any = (names: readonly string[]): number => firstColumnIndex(header, names);
  const platform = platformOf(header);
  const column = {
    id: at('id'),
    body: at('body'),
    author: at('author'),
    authorName: any(['author_fullname', 'author_full', 'author_name', 'page_name']),
    authorId: any(['author_id', 'page_id']),
    timestamp: at('timestamp'),
    unixTimestamp: at('unix_timestamp'),
    url: any(['url', 'link', 'tiktok_url', 'youtube_url']),
    links: any(['urls', 'body_link']),
    hashtags: at('hashtags'),
    mentions: any(['mentions', 'mentioned']),
    type: any(['type', 'media_type']),
    lang: any(['language_guess', 'lang']),
    followers: any(['author_followers', 'page_followers']),
    likes: any(['likes', 'num_likes', 'like_count']),
    comments: any(['comments', 'num_comments', 'reply_count']),
    shares: any(['shares', 'retweet_count']),
    views: any(['views', 'plays', 'play_count', 'impression_count', 'views_post']),
    reactions: any(['interactions']),
    isRepost: at('is_retweet'),
    collected: any(['collected_at', 'date_collected', 'timestamp_collected']),
  };

  // CrowdTangle imports keep CrowdTangle's 0 views on posts that are not videos: no count, not 0.
  const videoViews = platform === 'facebook' && header.includes('views_post')
    ? (views: number | null, type: string) => (views === 0 && !/video/i.test(type) ? null : views)
    : (views: number | null) => views;

  return (record, line) => {
    const text = plainText(record[column.body]!);
    if (text === '') throw new RowError('empty text (column "body" is empty)');
    const id = idOrNull(record[column.id]!, 'id');
    // unix_timestamp is exact; `timestamp` is the same instant written in UTC.
    const created = cellAt(record, column.unixTimestamp).trim() !== ''
      ? timestampCell(record[column.unixTimestamp]!, 'unix_timestamp', parseEpochSeconds, 'epoch seconds like 1672927331')
      : timestampCell(record[column.timestamp]!, 'timestamp', parseUtc, 'YYYY-MM-DD HH:MM:SS in UTC');
    const collected = timestampCell(cellAt(record, column.collected), header[column.collected] ?? 'collected_at', (value) => parseTimestamp(value), 'a date and time');
    const entities = extractTextEntities(text);
    const post: Post = {
      platform,
      post_id: id ?? `${fileName}#${line}`,
      account_id: idOrNull(cellAt(record, column.authorId), header[column.authorId] ?? 'author_id'),
      account_handle: textOrNull(record[column.author]!)?.replace(/^@/, '') ?? null,
      account_name: textOrNull(cellAt(record, column.authorName)),
      created_at: created?.iso ?? null,
      text,
      url: textOrNull(cellAt(record, column.url)),
      links: uniqueNonEmpty([...splitList(cellAt(record, column.links).trim()), ...entities.urls]),
      hashtags: uniqueNonEmpty([...splitList(cellAt(record, column.hashtags).trim(), '#'), ...entities.hashtags]),
      mentions: uniqueNonEmpty([...splitList(cellAt(record, column.mentions).trim(), '@'), ...entities.mentions]),
      post_type: textOrNull(cellAt(record, column.type)),
      followers: parseCount(cellAt(record, column.followers)),
      likes: parseCount(cellAt(record, column.likes)),
      comments: parseCount(cellAt(record, column.comments)),
      shares: parseCount(cellAt(record, column.shares)),
      views: videoViews(parseCount(cellAt(record, column.views)), cellAt(record, column.type)),
      reactions: parseCount(cellAt(record, column.reactions)),
      is_repost: parseBoolean(cellAt(record, column.isRepost)),
      source: { file: fileName, format: FORMAT_ID, row: line },
    };
    if (collected !== null) post.collected_at = collected.iso;
    if (column.lang !== -1) post.lang = textOrNull(cellAt(record, column.lang))?.toLowerCase() ?? null;
    return post;
  };
}

/** 4CAT writes `timestamp` in UTC: no zone is assumed beyond what the tool guarantees. */
function parseUtc(value: string): { iso: string } | undefined {
  return parseTimestamp(value);
}
