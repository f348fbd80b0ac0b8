/**
 * Meta Content Library CSV downloads (and Content Library API results saved as CSV): Facebook
 * posts (default projection, with or without the requested `text`), Instagram posts, and
 * Facebook comments. Columns are the API field names, dot-flattened. See FORMATS.md 2.
 */
import type { Post } from '../types/contracts.js';
import { cellAt, idOrNull, parseBoolean, splitList, textOrNull, timestampCell, uniqueNonEmpty } from './cell-values.js';
import { parseCount } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { ExportFileError } from './export-file.js';
import { firstColumnIndex } from './header-columns.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { parseTimestamp } from './timestamps.js';

const FORMAT_ID = 'meta-content-library';

export const metaContentLibrary: CsvFormat = {
  id: FORMAT_ID,
  label: 'Meta Content Library (Facebook or Instagram posts, Facebook comments)',
  kind: 'csv',
  matchesHeader(header) {
    return header.includes('id') && header.includes('creation_time') &&
      header.some((name) => name.startsWith('post_owner.') || name.startsWith('statistics.') || name.startsWith('owner.'));
  },
  createRowMapper,
};

/**
 * Facebook files have the surface (page, group, event) and per-reaction counts; Instagram
 * files have neither, and a `hashtags` column instead.
 */
function platformOf(header: readonly string[]): 'facebook' | 'instagram' {
  const facebook = header.some((name) => name.startsWith('surface.')) ||
    ['statistics.reaction_count', 'statistics.share_count', 'statistics.love_count'].some((name) => header.includes(name));
  return facebook ? 'facebook' : 'instagram';
}

function createRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const textIndex = at('text');
  if (textIndex === -1) {
    throw new ExportFileError(fileName, 'this Meta Content Library export has no text column: the default set of fields leaves the post text out. Download the posts again with the field "text" requested (fields=id,creation_time,text,…), then code that file');
  }
  const comments = header.includes('post_id') && header.some((name) => name.startsWith('owner.'));
  const owner = comments ? 'owner' : 'post_owner';
  const platform = platformOf(header);
  const column = {
    id: at('id'),
    ownerId: at(`${owner}.id`),
    ownerUsername: at(`${owner}.username`),
    ownerName: at(`${owner}.name`),
    created: at('creation_time'),
    lang: at('lang'),
    linkUrl: firstColumnIndex(header, ['link_url', 'link_attachment.link']),
    hashtags: at('hashtags'),
    type: firstColumnIndex(header, ['media_type', 'content_type']),
    likes: at('statistics.like_count'),
    comments: firstColumnIndex(header, ['statistics.comment_count', 'statistics.top_level_reply_count']),
    shares: at('statistics.share_count'),
    views: at('statistics.views'),
    reactions: at('statistics.reaction_count'),
    isReshare: at('is_reshare'),
  };

  return (record, line) => {
    const text = plainText(record[textIndex]!);
    if (text === '') throw new RowError('empty text (column "text" is empty)');
    const postId = idOrNull(cellAt(record, column.id), 'id');
    const accountId = idOrNull(cellAt(record, column.ownerId), `${owner}.id`);
    const createdCell = cellAt(record, column.created);
    const created = timestampCell(createdCell, 'creation_time', (value) => parseTimestamp(value), 'ISO 8601 like 2024-09-12T14:03:27+0000');
    const entities = extractTextEntities(text);
    const post: Post = {
      platform,
      post_id: postId ?? `${fileName}#${line}`,
      account_id: accountId,
      account_handle: textOrNull(cellAt(record, column.ownerUsername)),
      account_name: textOrNull(cellAt(record, column.ownerName)),
      created_at: created?.iso ?? null,
      text,
      // The Content Library has no permalink column.
      url: null,
      links: uniqueNonEmpty([cellAt(record, column.linkUrl).trim(), ...entities.urls]),
      hashtags: uniqueNonEmpty([...hashtagList(cellAt(record, column.hashtags)), ...entities.hashtags]),
      mentions: entities.mentions,
      post_type: comments ? 'comment' : textOrNull(cellAt(record, column.type)),
      followers: null,
      likes: parseCount(cellAt(record, column.likes)),
      comments: parseCount(cellAt(record, column.comments)),
      shares: parseCount(cellAt(record, column.shares)),
      // Absent (empty) on posts without video: null, never 0.
      views: parseCount(cellAt(record, column.views)),
      reactions: parseCount(cellAt(record, column.reactions)),
      is_repost: parseBoolean(cellAt(record, column.isReshare)),
      source: { file: fileName, format: FORMAT_ID, row: line },
    };
    if (column.lang !== -1) post.lang = textOrNull(cellAt(record, column.lang))?.toLowerCase() ?? null;
    if (created?.assumed === true) post.created_at_original = createdCell.trim();
    return post;
  };
}

/** `["vote","climate"]`, `['vote', 'climate']` or `vote, climate` → tags without `#`, lower-cased. */
function hashtagList(cell: string): string[] {
  const inner = cell.trim().replace(/^\[|\]$/g, '');
  return splitList(inner.replace(/["']/g, ' ').trim(), '#');
}
