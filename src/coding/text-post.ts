import type { Post } from '../types/contracts.js';

/**
 * A Post that is only a text (every count and account field missing), for coding texts that do
 * not come from an export: codebook examples, labelled evaluation files, tests and benchmarks.
 */
export function textPost(text: string, source: Post['source'], fields: Partial<Post> = {}): Post {
  return {
    platform: source.format,
    post_id: String(source.row),
    account_id: null,
    account_handle: null,
    account_name: null,
    created_at: null,
    text,
    url: null,
    links: [],
    hashtags: [],
    mentions: [],
    post_type: null,
    lang: null,
    followers: null,
    likes: null,
    comments: null,
    shares: null,
    views: null,
    reactions: null,
    is_repost: null,
    source,
    ...fields,
  };
}
