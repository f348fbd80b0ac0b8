/**
 * Any CSV or TSV with a header line and a text column: the fallback after every specific format.
 * Columns are found by their usual names (compared by column key, so `createdAt`, `Created At`
 * and `created_at` are one name), or named by the user's mapping file.
 */
import type { ColumnMapping, Post } from '../types/contracts.js';
import { cellAt, idOrNull, parseBoolean, splitList, textOrNull, uniqueNonEmpty } from './cell-values.js';
import { parseCount } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { ExportFileError } from './export-file.js';
import { columnKey } from './header-columns.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { isKnownTimeZone, parseTimestamp } from './timestamps.js';

const FORMAT_ID = 'generic-csv';

type PostField = keyof ColumnMapping['columns'];

/** Column keys each Post field is looked for under, in order of preference. */
export const COLUMN_ALIASES: Readonly<Record<PostField, readonly string[]>> = {
  text: ['text', 'full_text', 'message', 'body', 'caption', 'content', 'post_text', 'tweet_text', 'tweet', 'status_text', 'description', 'video_description'],
  post_id: ['post_id', 'id', 'tweet_id', 'status_id', 'message_id', 'video_id', 'item_id', 'status_id_str', 'id_str'],
  platform: ['platform', 'source_platform', 'network', 'social_network'],
  account_id: ['account_id', 'author_id', 'user_id', 'owner_id', 'channel_id', 'page_id'],
  account_handle: ['account_handle', 'username', 'user_name', 'screen_name', 'user_screen_name', 'author_username', 'author_handle', 'handle', 'author', 'user', 'account'],
  account_name: ['account_name', 'author_name', 'display_name', 'user_display_name', 'page_name', 'channel_name', 'channel_title'],
  created_at: ['created_at', 'created', 'date', 'timestamp', 'time', 'published', 'published_at', 'post_created', 'created_time', 'creation_time', 'create_time', 'date_created', 'post_date', 'datetime', 'posted_at', 'unix_timestamp'],
  url: ['url', 'post_url', 'permalink', 'tweet_url', 'web_url', 'web_video_url', 'video_url'],
  links: ['links', 'urls', 'expanded_urls'],
  hashtags: ['hashtags'],
  mentions: ['mentions', 'user_mentions'],
  post_type: ['post_type', 'type', 'media_type', 'content_type'],
  lang: ['lang', 'language'],
  followers: ['followers', 'followers_count', 'follower_count', 'followers_at_posting', 'user_followers_count', 'author_followers', 'subscribers', 'subscriber_count'],
  likes: ['likes', 'like_count', 'likes_count', 'favorite_count', 'favourite_count', 'favorites', 'num_likes', 'digg_count', 'heart_count'],
  comments: ['comments', 'comment_count', 'comments_count', 'reply_count', 'replies', 'num_comments'],
  shares: ['shares', 'share_count', 'shares_count', 'retweets', 'retweet_count', 'reposts', 'repost_count', 'num_shares'],
  views: ['views', 'view_count', 'views_count', 'play_count', 'impressions', 'impression_count'],
  reactions: ['reactions', 'reaction_count', 'reactions_count'],
  is_repost: ['is_repost', 'is_retweet', 'is_reblog'],
};

const POST_FIELDS = Object.keys(COLUMN_ALIASES) as PostField[];

export const genericCsv: CsvFormat = {
  id: FORMAT_ID,
  label: 'Any CSV or TSV with a text column',
  kind: 'csv',
  // The fallback: whether the file has a text column is settled, with a message, in createRowMapper.
  matchesHeader: () => true,
  createRowMapper: createGenericRowMapper,
};

function createGenericRowMapper(header: readonly string[], { fileName, mapping, triedFormats = [] }: RowMapperContext): RowMapper {
  const column = resolveColumns(header, mapping, fileName);
  if (column.text === -1) {
    throw new ExportFileError(fileName, looksLikeData(header)
      ? `no recognisable header: the first line looks like data, not column names (${listColumns(header)}); add a header line that names the columns, e.g. id,author,created_at,text`
      : `${triedFormats.length > 0 ? `not a recognised export (formats tried: ${triedFormats.join('; ')}) and ` : ''}no text column: looked for ${COLUMN_ALIASES.text.join(', ')}; columns found: ${listColumns(header)}; write a mapping file that names the columns (ctacode mapping init ${shellWord(fileName)} writes one to edit; see docs/formats.md) and pass it with --mapping`);
  }
  const zone = mapping?.timezone ?? 'UTC';
  if (!isKnownTimeZone(zone)) {
    throw new ExportFileError(fileName, `the mapping's timezone ${JSON.stringify(zone)} is not an IANA time zone name; use one like Europe/Berlin or America/New_York`);
  }
  const textName = JSON.stringify(header[column.text]);
  const createdName = `column ${JSON.stringify(header[column.created_at] ?? '')}`;
  const fixedPlatform = mapping?.platform;
  const idName = `column ${JSON.stringify(header[column.post_id] ?? '')}`;
  const accountIdName = `column ${JSON.stringify(header[column.account_id] ?? '')}`;

  return (record, line) => {
    const text = plainText(cellAt(record, column.text));
    if (text === '') throw new RowError(`empty text (column ${textName} is empty)`);

    const createdCell = cellAt(record, column.created_at).trim();
    const created = createdCell === '' ? null : parseTimestamp(createdCell, zone);
    if (created === undefined) {
      throw new RowError(`${createdName}: cannot read the date ${JSON.stringify(createdCell)} (expected ISO 8601 like 2023-01-05T14:02:11Z, YYYY-MM-DD HH:MM:SS, or epoch seconds or milliseconds)`);
    }
    const entities = extractTextEntities(text);
    const post: Post = {
      platform: fixedPlatform ?? textOrNull(cellAt(record, column.platform))?.toLowerCase() ?? 'unknown',
      // An id in scientific notation (Excel, a float column) has lost digits: the row is rejected.
      post_id: idOrNull(cellAt(record, column.post_id), idName) ?? `${fileName}#${line}`,
      account_id: idOrNull(cellAt(record, column.account_id), accountIdName),
      account_handle: textOrNull(cellAt(record, column.account_handle))?.replace(/^@/, '') ?? null,
      account_name: textOrNull(cellAt(record, column.account_name)),
      created_at: created?.iso ?? null,
      text,
      url: textOrNull(cellAt(record, column.url)),
      links: uniqueNonEmpty([...splitList(cellAt(record, column.links)), ...entities.urls]),
      hashtags: uniqueNonEmpty([...splitList(cellAt(record, column.hashtags), '#'), ...entities.hashtags]),
      mentions: uniqueNonEmpty([...splitList(cellAt(record, column.mentions), '@'), ...entities.mentions]),
      post_type: textOrNull(cellAt(record, column.post_type)),
      followers: parseCount(cellAt(record, column.followers)),
      likes: parseCount(cellAt(record, column.likes)),
      comments: parseCount(cellAt(record, column.comments)),
      shares: parseCount(cellAt(record, column.shares)),
      views: parseCount(cellAt(record, column.views)),
      reactions: parseCount(cellAt(record, column.reactions)),
      is_repost: parseBoolean(cellAt(record, column.is_repost)),
      source: { file: fileName, format: FORMAT_ID, row: line },
    };
    if (column.lang !== -1) post.lang = textOrNull(cellAt(record, column.lang))?.toLowerCase() ?? null;
    if (created?.assumed === true) post.created_at_original = createdCell;
    return post;
  };
}

/**
 * Column index for every Post field (-1: none). The mapping's columns come first; the usual
 * names fill in the rest, never reusing a column the mapping or an earlier field took.
 */
function resolveColumns(header: readonly string[], mapping: ColumnMapping | undefined, fileName: string): Record<PostField, number> {
  const keys = header.map(columnKey);
  const column = {} as Record<PostField, number>;
  const taken = new Set<number>();
  for (const [field, name] of Object.entries(mapping?.columns ?? {}) as [PostField, string][]) {
    let index = header.indexOf(name.trim());
    if (index === -1) index = keys.indexOf(columnKey(name));
    if (index === -1) {
      throw new ExportFileError(fileName, `the mapping names column ${JSON.stringify(name)} for ${field}, but the file has no such column; columns found: ${listColumns(header)}`);
    }
    column[field] = index;
    taken.add(index);
  }
  for (const field of POST_FIELDS) {
    if (column[field] !== undefined) continue;
    column[field] = -1;
    for (const alias of COLUMN_ALIASES[field]) {
      const index = keys.indexOf(alias);
      if (index !== -1 && !taken.has(index)) {
        column[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  return column;
}

/** A header line whose cells are numbers, dates, links or sentences is a data row: the file has no header. */
function looksLikeData(header: readonly string[]): boolean {
  return header.some((cell) => /^[\d.,:\s+-]+$|^\d{4}-\d{2}-\d{2}|^https?:\/\/|\S+\s+\S+\s+\S+\s+\S+\s+\S+/.test(cell));
}

function listColumns(header: readonly string[]): string {
  const shown = header.slice(0, 60).map((name) => (name.length > 60 ? `${name.slice(0, 60)}…` : name));
  return header.length > shown.length ? `${shown.join(', ')} … (${header.length} columns)` : shown.join(', ');
}

/** A file name as a shell word, quoted only where it needs to be. */
function shellWord(name: string): string {
  return /^[\w./@+-]+$/.test(name) ? name : `'${name.replaceAll("'", "'\\''")}'`;
}
