/**
 * `twarc2 csv` (the twarc-csv plugin) files of Twitter/X API v2 tweets, with the default columns
 * or a `--output-columns` subset. See FORMATS.md 3c.
 *
 * twarc-csv writes newlines in text as the two characters `\n` and drops `\r` (unless
 * `--json-encode-text`, which JSON-encodes the text); lists are JSON arrays; retweets are merged
 * with the tweet they retweet, so text and metrics are the original's and the author the retweeter's.
 */
import type { Post } from '../types/contracts.js';
import { cellAt, idOrNull, textOrNull, timestampCell, uniqueNonEmpty } from './cell-values.js';
import { parseCount } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { firstColumnIndex } from './header-columns.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { parseTimestamp } from './timestamps.js';

const FORMAT_ID = 'twarc-csv';
const TWITTER_V2_COLUMNS = new Set(['__twarc.retrieved_at', 'conversation_id', 'author.username', 'author.id', 'edit_history_tweet_ids']);

export const twarcCsv: CsvFormat = {
  id: FORMAT_ID,
  label: 'twarc2 csv (Twitter/X API v2)',
  kind: 'csv',
  matchesHeader(header) {
    // `--output-columns` picks any subset, so any of the API v2 names that no other export uses will do.
    if (!header.includes('id') || !header.includes('text')) return false;
    return header.some((name) => TWITTER_V2_COLUMNS.has(name) || name.startsWith('public_metrics.') || name.startsWith('referenced_tweets.'));
  },
  createRowMapper,
};

function createRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const column = {
    id: at('id'),
    authorId: firstColumnIndex(header, ['author_id', 'author.id']),
    username: at('author.username'),
    name: at('author.name'),
    created: at('created_at'),
    text: at('text'),
    lang: at('lang'),
    retweeted: at('referenced_tweets.retweeted.id'),
    quoted: at('referenced_tweets.quoted.id'),
    repliedTo: at('referenced_tweets.replied_to.id'),
    hashtags: at('entities.hashtags'),
    mentions: at('entities.mentions'),
    urls: at('entities.urls'),
    followers: at('author.public_metrics.followers_count'),
    likes: at('public_metrics.like_count'),
    replies: at('public_metrics.reply_count'),
    retweets: at('public_metrics.retweet_count'),
    impressions: at('public_metrics.impression_count'),
    retrievedAt: at('__twarc.retrieved_at'),
  };

  return (record, line) => {
    const text = plainText(tweetText(record[column.text]!));
    if (text === '') throw new RowError('empty text (column "text" is empty)');
    const id = idOrNull(record[column.id]!, 'id');
    const authorId = idOrNull(cellAt(record, column.authorId), header[column.authorId] ?? 'author_id');
    const created = timestampCell(cellAt(record, column.created), 'created_at', (value) => parseTimestamp(value), 'ISO 8601 like 2021-05-18T19:24:56.000Z');
    const retrieved = timestampCell(cellAt(record, column.retrievedAt), '__twarc.retrieved_at', (value) => parseTimestamp(value), 'ISO 8601 like 2021-05-19T15:26:17+00:00');
    const username = textOrNull(cellAt(record, column.username));
    const isRetweet = cellAt(record, column.retweeted).trim() !== '';
    const entities = extractTextEntities(text);
    const post: Post = {
      platform: 'twitter',
      post_id: id ?? `${fileName}#${line}`,
      account_id: authorId,
      account_handle: username,
      account_name: textOrNull(cellAt(record, column.name)),
      created_at: created?.iso ?? null,
      text,
      url: id === null ? null : `https://twitter.com/${username ?? 'i/web'}/status/${id}`,
      links: uniqueNonEmpty([...jsonList(cellAt(record, column.urls), ['expanded_url', 'url']), ...entities.urls]),
      hashtags: uniqueNonEmpty([...jsonList(cellAt(record, column.hashtags), ['tag']).map(withoutSigil('#')), ...entities.hashtags]),
      mentions: uniqueNonEmpty([...jsonList(cellAt(record, column.mentions), ['username']).map(withoutSigil('@')), ...entities.mentions]),
      post_type: isRetweet ? 'retweet' : cellAt(record, column.quoted).trim() !== '' ? 'quote' : cellAt(record, column.repliedTo).trim() !== '' ? 'reply' : 'tweet',
      followers: parseCount(cellAt(record, column.followers)),
      likes: parseCount(cellAt(record, column.likes)),
      comments: parseCount(cellAt(record, column.replies)),
      shares: parseCount(cellAt(record, column.retweets)),
      // Empty for tweets collected before impressions existed (2022): null, not 0.
      views: parseCount(cellAt(record, column.impressions)),
      reactions: null,
      is_repost: column.retweeted === -1 ? null : isRetweet,
      collected_at: retrieved?.iso ?? null,
      source: { file: fileName, format: FORMAT_ID, row: line },
    };
    if (column.lang !== -1) post.lang = textOrNull(cellAt(record, column.lang))?.toLowerCase() ?? null;
    return post;
  };
}

/** The text as twarc-csv wrote it → the tweet's text: JSON-encoded text decoded, escaped newlines restored. */
export function tweetText(cell: string): string {
  if (cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"')) {
    try {
      const decoded: unknown = JSON.parse(cell);
      if (typeof decoded === 'string') return decoded;
    } catch {
      // Not JSON: a text that happens to be in quotes.
    }
  }
  return cell.includes('\\n') ? cell.replaceAll('\\n', '\n') : cell;
}

/**
 * A list column as twarc-csv writes it: a JSON array of strings (`["#tag1", "#tag2"]`), or of
 * objects (the API's entity objects) whose first present `keys` is taken. Unreadable cells give [].
 */
function jsonList(cell: string, keys: readonly string[]): string[] {
  const trimmed = cell.trim();
  if (!trimmed.startsWith('[')) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    if (typeof item === 'object' && item !== null) {
      for (const key of keys) {
        const value = (item as Record<string, unknown>)[key];
        if (typeof value === 'string') return [value];
      }
    }
    return [];
  });
}

function withoutSigil(sigil: string): (value: string) => string {
  return (value) => (value.startsWith(sigil) ? value.slice(1) : value).toLowerCase();
}
