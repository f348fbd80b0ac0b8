/**
 * CrowdTangle Instagram exports, in the layout used from April 2021 (`Post Created`) and the
 * older one (`Created`, a BOM before `Account`). See FORMATS.md 1b.
 */
import type { Post } from '../types/contracts.js';
import { cellAt, textOrNull, timestampCell, uniqueNonEmpty } from './cell-values.js';
import { parseCount } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { postIdFromUrl } from './crowdtangle-facebook.js';
import { firstColumnIndex } from './header-columns.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { parseDateTime } from './timestamps.js';

const FORMAT_ID = 'crowdtangle-instagram';
const CREATED_COLUMNS = ['Post Created', 'Created'];
/** The pre-2021 export's first header cell carried a byte order mark; the reader usually drops it, Excel round trips may not. */
const ACCOUNT_COLUMNS = ['Account', '\ufeffAccount'];
/** CrowdTangle writes Views 0 for photos and albums: only videos have views. */
const VIDEO_TYPE = /video|igtv|reel/i;

export const crowdtangleInstagram: CsvFormat = {
  id: FORMAT_ID,
  label: 'CrowdTangle Instagram (2021 layout or older)',
  kind: 'csv',
  matchesHeader(header) {
    return firstColumnIndex(header, ACCOUNT_COLUMNS) !== -1 &&
      ['Followers at Posting', 'Photo', 'Title', 'URL'].every((name) => header.includes(name)) &&
      firstColumnIndex(header, CREATED_COLUMNS) !== -1;
  },
  createRowMapper,
};

function createRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const createdIndex = firstColumnIndex(header, CREATED_COLUMNS);
  const createdName = header[createdIndex]!;
  const column = {
    account: firstColumnIndex(header, ACCOUNT_COLUMNS),
    handle: at('User Name'),
    followers: at('Followers at Posting'),
    type: at('Type'),
    likes: at('Likes'),
    comments: at('Comments'),
    views: at('Views'),
    url: at('URL'),
    link: at('Link'),
    title: at('Title'),
    description: at('Description'),
  };

  return (record, line) => {
    const text = plainText(cellAt(record, column.description)) || plainText(cellAt(record, column.title));
    if (text === '') throw new RowError('empty text (Description and Title are empty)');
    const createdCell = cellAt(record, createdIndex);
    const created = timestampCell(createdCell, createdName, parseDateTime, 'e.g. 2021-03-02 18:04:11 CET');
    const url = cellAt(record, column.url).trim();
    const link = cellAt(record, column.link).trim();
    const postType = cellAt(record, column.type).trim();
    const views = parseCount(cellAt(record, column.views));
    const entities = extractTextEntities(text);
    const post: Post = {
      platform: 'instagram',
      post_id: postIdFromUrl(url) ?? `${fileName}#${line}`,
      account_id: null,
      account_handle: textOrNull(cellAt(record, column.handle))?.replace(/^@/, '') ?? null,
      account_name: textOrNull(cellAt(record, column.account)),
      created_at: created?.iso ?? null,
      text,
      url: textOrNull(url),
      // `Link` repeats the post's own URL for most posts; it is a link only where it points elsewhere.
      links: uniqueNonEmpty([link === url ? '' : link, ...entities.urls]),
      hashtags: entities.hashtags,
      mentions: entities.mentions,
      post_type: textOrNull(postType),
      followers: parseCount(cellAt(record, column.followers)),
      likes: parseCount(cellAt(record, column.likes)),
      comments: parseCount(cellAt(record, column.comments)),
      shares: null,
      views: views === 0 && !VIDEO_TYPE.test(postType) ? null : views,
      reactions: null,
      is_repost: null,
      source: { file: fileName, format: FORMAT_ID, row: line },
    };
    if (created?.assumed === true) post.created_at_original = createdCell.trim();
    return post;
  };
}
