/**
 * CSV exports of the Apify Instagram Scraper (`apify/instagram-scraper`, post results). Apify
 * flattens nested keys with `/` and list items with their index (`hashtags/0`, `hashtags/1`,
 * `latestComments/0/text`), so the number of columns follows the longest list in the dataset.
 * Hidden like counts are written as `-1`: null, not a count. See FORMATS.md 8a.
 */
import { cellAt, idOrNull, taggedCells, textOrNull, timestampCell, uniqueNonEmpty } from './cell-values.js';
import { parseCount } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { firstColumnIndex, indexedColumns } from './header-columns.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { parseTimestamp } from './timestamps.js';

const INSTAGRAM_ID = 'apify-instagram-csv';

export const apifyInstagramCsv: CsvFormat = {
  id: INSTAGRAM_ID,
  label: 'Apify Instagram Scraper, CSV export',
  kind: 'csv',
  matchesHeader: (header) => ['shortCode', 'ownerUsername', 'likesCount', 'caption'].every((name) => header.includes(name)),
  createRowMapper: createInstagramRowMapper,
};

function createInstagramRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const column = {
    id: at('id'),
    shortCode: at('shortCode'),
    caption: at('caption'),
    url: at('url'),
    timestamp: at('timestamp'),
    type: at('type'),
    productType: at('productType'),
    ownerId: at('ownerId'),
    ownerUsername: at('ownerUsername'),
    ownerFullName: at('ownerFullName'),
    likes: at('likesCount'),
    comments: at('commentsCount'),
    views: firstColumnIndex(header, ['videoViewCount', 'videoPlayCount']),
  };
  const hashtagColumns = indexedColumns(header, 'hashtags');
  const mentionColumns = indexedColumns(header, 'mentions');

  return (record, line) => {
    const text = plainText(record[column.caption]!);
    if (text === '') throw new RowError('empty text (column "caption" is empty)');
    // The shortcode is the id in the post's URL, and the one other Instagram exports use.
    const shortCode = textOrNull(record[column.shortCode]!);
    const numericId = idOrNull(cellAt(record, column.id), 'id');
    const created = timestampCell(cellAt(record, column.timestamp), 'timestamp', (value) => parseTimestamp(value), 'ISO 8601 like 2024-02-13T20:49:57.000Z');
    const entities = extractTextEntities(text);
    const url = textOrNull(cellAt(record, column.url)) ?? (shortCode === null ? null : `https://www.instagram.com/p/${shortCode}/`);
    return {
      platform: 'instagram',
      post_id: shortCode ?? numericId ?? `${fileName}#${line}`,
      account_id: idOrNull(cellAt(record, column.ownerId), 'ownerId'),
      account_handle: textOrNull(record[column.ownerUsername]!),
      account_name: textOrNull(cellAt(record, column.ownerFullName)),
      created_at: created?.iso ?? null,
      text,
      url,
      links: entities.urls,
      hashtags: uniqueNonEmpty([...taggedCells(record, hashtagColumns, '#'), ...entities.hashtags]),
      mentions: uniqueNonEmpty([...taggedCells(record, mentionColumns, '@'), ...entities.mentions]),
      post_type: textOrNull(cellAt(record, column.productType)) === 'clips' ? 'Reel' : textOrNull(cellAt(record, column.type)),
      followers: null,
      // -1 when the account hides its likes: parseCount makes it null.
      likes: parseCount(record[column.likes]!),
      comments: parseCount(cellAt(record, column.comments)),
      shares: null,
      views: parseCount(cellAt(record, column.views)),
      reactions: null,
      is_repost: null,
      source: { file: fileName, format: INSTAGRAM_ID, row: line },
    };
  };
}
