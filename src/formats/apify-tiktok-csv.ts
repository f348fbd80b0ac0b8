/**
 * CSV exports of the Apify TikTok Scraper (`clockworks/tiktok-scraper`). Nested keys are
 * flattened with `/` (`authorMeta/name`, `hashtags/0/name`), list items by index. See FORMATS.md 8b.
 */
import type { Post } from '../types/contracts.js';
import { cellAt, idOrNull, parseBoolean, taggedCells, textOrNull, timestampCell, uniqueNonEmpty } from './cell-values.js';
import { parseCount } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { indexedColumns } from './header-columns.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { parseEpochSeconds, parseTimestamp } from './timestamps.js';

const TIKTOK_ID = 'apify-tiktok-csv';

export const apifyTiktokCsv: CsvFormat = {
  id: TIKTOK_ID,
  label: 'Apify TikTok Scraper, CSV export',
  kind: 'csv',
  matchesHeader: (header) => ['authorMeta/name', 'diggCount', 'webVideoUrl', 'text'].every((name) => header.includes(name)),
  createRowMapper: createTiktokRowMapper,
};

function createTiktokRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const column = {
    id: at('id'),
    text: at('text'),
    lang: at('textLanguage'),
    createdIso: at('createTimeISO'),
    createdEpoch: at('createTime'),
    authorId: at('authorMeta/id'),
    authorName: at('authorMeta/name'),
    authorNickName: at('authorMeta/nickName'),
    followers: at('authorMeta/fans'),
    url: at('webVideoUrl'),
    slideshow: at('isSlideshow'),
    likes: at('diggCount'),
    comments: at('commentCount'),
    shares: at('shareCount'),
    views: at('playCount'),
  };
  const hashtagColumns = indexedColumns(header, 'hashtags', 'name');
  const mentionColumns = indexedColumns(header, 'mentions');

  return (record, line) => {
    const text = plainText(record[column.text]!);
    if (text === '') throw new RowError('empty text (column "text" is empty)');
    const id = idOrNull(cellAt(record, column.id), 'id');
    const isoCell = cellAt(record, column.createdIso);
    const created = isoCell.trim() !== ''
      ? timestampCell(isoCell, 'createTimeISO', (value) => parseTimestamp(value), 'ISO 8601 like 2024-08-08T09:51:55.000Z')
      : timestampCell(cellAt(record, column.createdEpoch), 'createTime', parseEpochSeconds, 'epoch seconds like 1723110715');
    const entities = extractTextEntities(text);
    const post: Post = {
      platform: 'tiktok',
      post_id: id ?? `${fileName}#${line}`,
      account_id: idOrNull(cellAt(record, column.authorId), 'authorMeta/id'),
      account_handle: textOrNull(record[column.authorName]!),
      account_name: textOrNull(cellAt(record, column.authorNickName)),
      created_at: created?.iso ?? null,
      text,
      url: textOrNull(record[column.url]!),
      links: entities.urls,
      hashtags: uniqueNonEmpty([...taggedCells(record, hashtagColumns, '#'), ...entities.hashtags]),
      mentions: uniqueNonEmpty([...taggedCells(record, mentionColumns, '@'), ...entities.mentions]),
      post_type: parseBoolean(cellAt(record, column.slideshow)) === true ? 'slideshow' : 'video',
      followers: parseCount(cellAt(record, column.followers)),
      likes: parseCount(record[column.likes]!),
      comments: parseCount(cellAt(record, column.comments)),
      shares: parseCount(cellAt(record, column.shares)),
      views: parseCount(cellAt(record, column.views)),
      reactions: null,
      is_repost: null,
      source: { file: fileName, format: TIKTOK_ID, row: line },
    };
    if (column.lang !== -1) post.lang = textOrNull(cellAt(record, column.lang))?.toLowerCase() ?? null;
    return post;
  };
}
