/**
 * CrowdTangle Facebook exports (pages or groups), in the layout used from April 2021 and in the
 * older one (`Created` instead of `Post Created`, no page columns). See FORMATS.md 1a.
 */
import type { Post } from '../types/contracts.js';
import { cellAt, textOrNull, timestampCell, uniqueNonEmpty } from './cell-values.js';
import { parseCount, sumCounts } from './counts.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { firstColumnIndex } from './header-columns.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import { parseDateTime } from './timestamps.js';

const FORMAT_ID = 'crowdtangle-facebook';
const CREATED_COLUMNS = ['Post Created', 'Created'];
const REACTION_COLUMNS = ['Likes', 'Love', 'Wow', 'Haha', 'Sad', 'Angry', 'Care'];
/** CrowdTangle counts `Post Views` for videos only and writes 0 for every other post type. */
const VIDEO_TYPE = /video/i;

export const crowdtangleFacebook: CsvFormat = {
  id: FORMAT_ID,
  label: 'CrowdTangle Facebook (pages or groups, 2021 layout or older)',
  kind: 'csv',
  matchesHeader(header) {
    // `Facebook Id` + `Likes at Posting` exist in no other export; the rest is what rows need.
    return ['Facebook Id', 'Likes at Posting', 'URL', 'Message'].every((name) => header.includes(name)) &&
      firstColumnIndex(header, CREATED_COLUMNS) !== -1;
  },
  createRowMapper: createCrowdtangleRowMapper,
};

function createCrowdtangleRowMapper(header: readonly string[], { fileName }: RowMapperContext): RowMapper {
  const at = (name: string): number => header.indexOf(name);
  const createdIndex = firstColumnIndex(header, CREATED_COLUMNS);
  const createdName = header[createdIndex]!;
  const column = {
    accountName: firstColumnIndex(header, ['Page Name', 'Group Name']),
    handle: at('User Name'),
    facebookId: at('Facebook Id'),
    followers: at('Followers at Posting'),
    type: at('Type'),
    likes: at('Likes'),
    comments: at('Comments'),
    shares: at('Shares'),
    views: at('Post Views'),
    url: at('URL'),
    message: at('Message'),
    link: at('Link'),
    finalLink: at('Final Link'),
    description: at('Description'),
  };
  const reactionColumns = REACTION_COLUMNS.map(at).filter((index) => index !== -1);

  return (record, line) => {
    const text = plainText(cellAt(record, column.message)) || plainText(cellAt(record, column.description));
    if (text === '') throw new RowError('empty text (Message and Description are empty)');

    const createdCell = cellAt(record, createdIndex).trim();
    const created = timestampCell(createdCell, createdName, parseDateTime, 'e.g. 2021-07-06 16:45:20 EDT');
    const url = cellAt(record, column.url).trim();
    const postType = cellAt(record, column.type).trim();
    const views = parseCount(cellAt(record, column.views));
    const entities = extractTextEntities(text);
    const post: Post = {
      platform: 'facebook',
      post_id: postIdFromUrl(url) ?? `${fileName}#${line}`,
      account_id: textOrNull(cellAt(record, column.facebookId)),
      account_handle: textOrNull(cellAt(record, column.handle)),
      account_name: textOrNull(cellAt(record, column.accountName)),
      created_at: created?.iso ?? null,
      text,
      url: textOrNull(url),
      links: uniqueNonEmpty([cellAt(record, column.link).trim(), cellAt(record, column.finalLink).trim(), ...entities.urls]),
      hashtags: entities.hashtags,
      mentions: entities.mentions,
      post_type: textOrNull(postType),
      followers: parseCount(cellAt(record, column.followers)),
      likes: parseCount(cellAt(record, column.likes)),
      comments: parseCount(cellAt(record, column.comments)),
      shares: parseCount(cellAt(record, column.shares)),
      views: views === 0 && !VIDEO_TYPE.test(postType) ? null : views,
      reactions: sumCounts(reactionColumns.map((index) => parseCount(record[index]!))),
      is_repost: null,
      source: { file: fileName, format: FORMAT_ID, row: line },
    };
    if (created?.assumed === true) post.created_at_original = createdCell;
    return post;
  };
}

/** `https://www.facebook.com/7533944086/posts/10160…/` → `10160…`; null when the URL has no path. */
export function postIdFromUrl(url: string): string | null {
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\/([^?#]*)/i.exec(url)?.[1]?.replace(/\/+$/, '');
  if (path === undefined || path === '') return null;
  return path.slice(path.lastIndexOf('/') + 1);
}
