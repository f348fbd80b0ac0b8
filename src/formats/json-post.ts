/** Building a Post from the values a JSON format found, with what every format does the same way. */
import type { Post } from '../types/contracts.js';
import { uniqueNonEmpty } from './cell-values.js';
import { RowError } from './csv-format.js';
import { plainText } from './plain-text.js';
import { extractTextEntities } from './text-entities.js';
import type { UtcTimestamp } from './timestamps.js';

export interface PostDraft {
  platform: string;
  post_id: string | null;
  text: string | null;
  account_id?: string | null;
  account_handle?: string | null;
  account_name?: string | null;
  /** undefined: the value could not be read (the row is rejected); null: there is none. */
  created: UtcTimestamp | null | undefined;
  /** The export's own string for `created`, kept when a zone had to be assumed. */
  createdText?: string | null;
  collected?: UtcTimestamp | null;
  url?: string | null;
  links?: readonly string[];
  hashtags?: readonly string[];
  mentions?: readonly string[];
  post_type?: string | null;
  lang?: string | null;
  followers?: number | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  views?: number | null;
  reactions?: number | null;
  is_repost?: boolean | null;
}

/**
 * The Post for `draft`: text trimmed, URLs, hashtags and mentions of the text added to those the
 * export lists. Throws RowError for a post without text or id, or with an unreadable time.
 * `names` names the fields in messages, e.g. `created_at` or `date_unixtime`; `part` numbers the
 * posts of an item that holds several (from 1), for the id of a post that has none.
 */
export function finishPost(draft: PostDraft, source: { file: string; format: string; row: number }, names: { text: string; created: string }, part?: number): Post {
  const text = plainText(draft.text ?? '');
  if (text === '') throw new RowError(`empty text (${names.text} is empty or missing)`);
  if (draft.created === undefined) throw new RowError(`${names.created}: cannot read the date ${JSON.stringify(draft.createdText ?? '')}`);
  // Without an id, the place in the file: `file#line`, and `file#line.2` for the second post of an item holding several.
  const postId = draft.post_id ?? (part === undefined ? `${source.file}#${source.row}` : `${source.file}#${source.row}.${part}`);
  const entities = extractTextEntities(text);
  const post: Post = {
    platform: draft.platform,
    post_id: postId,
    account_id: draft.account_id ?? null,
    account_handle: draft.account_handle?.replace(/^@/, '') ?? null,
    account_name: draft.account_name ?? null,
    created_at: draft.created?.iso ?? null,
    text,
    url: draft.url ?? null,
    links: uniqueNonEmpty([...(draft.links ?? []), ...entities.urls]),
    hashtags: uniqueNonEmpty([...(draft.hashtags ?? []).map((tag) => tag.replace(/^#/, '').toLowerCase()), ...entities.hashtags]),
    mentions: uniqueNonEmpty([...(draft.mentions ?? []).map((name) => name.replace(/^@/, '').toLowerCase()), ...entities.mentions]),
    post_type: draft.post_type ?? null,
    followers: draft.followers ?? null,
    likes: draft.likes ?? null,
    comments: draft.comments ?? null,
    shares: draft.shares ?? null,
    views: draft.views ?? null,
    reactions: draft.reactions ?? null,
    is_repost: draft.is_repost ?? null,
    source,
  };
  if (draft.lang !== undefined) post.lang = draft.lang?.toLowerCase() ?? null;
  if (draft.created?.assumed === true && draft.createdText) post.created_at_original = draft.createdText;
  if (draft.collected !== undefined) post.collected_at = draft.collected?.iso ?? null;
  return post;
}
