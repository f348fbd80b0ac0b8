/**
 * Legacy twarc (`twarc --format csv`, Twitter API v1.1) files. See FORMATS.md 3d.
 * `created_at` is the v1.1 form `Wed Oct 10 20:19:24 +0000 2018`; lists are space-separated;
 * text keeps its newlines.
 */
import type { Post } from '../types/contracts.js';
import { cellAt, idOrNull, splitList, textOrNull, timestampCell, uniqueNonEmpty } from './cell-values.js';
import { parseCount } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { parseTimestamp } from './timestamps.js';

const FORMAT_ID = 'twarc1-csv';

export const twarc1Csv: CsvFormat = {
  id: FORMAT_ID,
  label: 'twarc 1 csv (Twitter API v1.1)',
  kind: 'csv',
  matchesHeader: (header) => ['id', 'tweet_url', 'created_at', 'parsed_created_at', 'user_screen_name', 'text'].every((name) => header.includes(name)),
  createRowMapper,
};

function createRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const column = {
    id: at('id'),
    url: at('tweet_url'),
    created: at('created_at'),
    parsedCreated: at('parsed_created_at'),
    handle: at('user_screen_name'),
    name: at('user_name'),
    userId: at('user_id'),
    text: at('text'),
    type: at('tweet_type'),
    hashtags: at('hashtags'),
    urls: at('urls'),
    lang: at('lang'),
    likes: at('favorite_count'),
    retweets: at('retweet_count'),
    followers: at('user_followers_count'),
  };

  return (record, line) => {
    const text = plainText(record[column.text]!);
    if (text === '') throw new RowError('empty text (column "text" is empty)');
    const id = idOrNull(record[column.id]!, 'id');
    const userId = idOrNull(cellAt(record, column.userId), 'user_id');
    const createdCell = record[column.created]!.trim() === '' ? cellAt(record, column.parsedCreated) : record[column.created]!;
    const created = timestampCell(createdCell, 'created_at', (value) => parseTimestamp(value), 'e.g. Wed Oct 10 20:19:24 +0000 2018');
    const tweetType = textOrNull(cellAt(record, column.type))?.toLowerCase() ?? null;
    const entities = extractTextEntities(text);
    const post: Post = {
      platform: 'twitter',
      post_id: id ?? `${fileName}#${line}`,
      account_id: userId,
      account_handle: textOrNull(cellAt(record, column.handle))?.replace(/^@/, '') ?? null,
      account_name: textOrNull(cellAt(record, column.name)),
      created_at: created?.iso ?? null,
      text,
      url: textOrNull(cellAt(record, column.url)),
      links: uniqueNonEmpty([...splitList(cellAt(record, column.urls).trim()), ...entities.urls]),
      hashtags: uniqueNonEmpty([...splitList(cellAt(record, column.hashtags).trim(), '#'), ...entities.hashtags]),
      mentions: entities.mentions,
      post_type: tweetType,
      followers: parseCount(cellAt(record, column.followers)),
      likes: parseCount(cellAt(record, column.likes)),
      // API v1.1 has no reply count.
      comments: null,
      shares: parseCount(cellAt(record, column.retweets)),
      views: null,
      reactions: null,
      is_repost: tweetType === null ? null : tweetType === 'retweet',
      source: { file: fileName, format: FORMAT_ID, row: line },
    };
    if (column.lang !== -1) post.lang = textOrNull(cellAt(record, column.lang))?.toLowerCase() ?? null;
    return post;
  };
}

