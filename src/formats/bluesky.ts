/**
 * Bluesky post views (`app.bsky.feed.defs#postView`), FORMATS.md 7a: an array of post views or
 * one per line, a `searchPosts` response (`posts[]`), or a feed (`getAuthorFeed`: `feed[]`, each
 * `{post, reason}`; a `reasonRepost` makes the row a repost). Files dumped with the Python
 * `atproto` SDK use snake_case keys and `py_type` instead of `$type`; both are read.
 */
import { RowError } from './csv-format.js';
import { flatItems, itemPrefix, type JsonFormat, type JsonSample } from './json-format.js';
import { finishPost } from './json-post.js';
import { asArray, asObject, count, isoTime, text, type JsonObject } from './json-values.js';

const FORMAT_ID = 'bluesky';
const POST_TYPE = 'app.bsky.feed.post';

export const bluesky: JsonFormat = {
  id: FORMAT_ID,
  label: 'Bluesky post views (JSON or NDJSON, also the atproto SDK dump)',
  kind: 'json',
  detect(sample: JsonSample) {
    const isPost = (base: string): boolean => {
      const uri = sample.values.get(`${base}uri`);
      const type = sample.values.get(`${base}record.$type`) ?? sample.values.get(`${base}record.py_type`);
      return typeof uri === 'string' && uri.startsWith('at://') && type === POST_TYPE;
    };
    if (sample.layout === 'object') {
      if (isPost('posts[].')) return ['posts[]'];
      if (isPost('feed[].post.')) return ['feed[]'];
      return null;
    }
    const prefix = itemPrefix(sample);
    return isPost(prefix) || isPost(`${prefix}post.`) ? flatItems(sample) : null;
  },
  createItemMapper({ fileName }) {
    return (value, item) => {
      let view = asObject(value);
      if (view === null) throw new RowError('not a Bluesky post: expected a JSON object');
      // A feed item: `{post, reason}`. A repost's row is the reposting account's; the post is the original.
      let reposter: JsonObject | null = null;
      if (asObject(view.post) !== null) {
        const reason = asObject(view.reason);
        if (/reasonRepost$/.test(String(reason?.$type ?? reason?.py_type ?? ''))) reposter = asObject(reason?.by) ?? {};
        view = asObject(view.post)!;
      }
      const viewType = String(view.$type ?? view.py_type ?? '');
      if (/#(?:blockedPost|notFoundPost)$/.test(viewType)) throw new RowError(`a ${viewType.split('#')[1]} reference, not a post`);
      const record = asObject(view.record) ?? {};
      const author = asObject(view.author) ?? {};
      const uri = text(view.uri);
      const handle = text(author.handle);
      const createdText = text(record.createdAt) ?? text(record.created_at);
      const features = asArray(record.facets).flatMap((facet) => asArray(asObject(facet)?.features)).map(asObject).filter((feature) => feature !== null);
      const ofType = (suffix: string, key: string) => features.filter((feature) => String(feature.$type ?? feature.py_type ?? '').endsWith(suffix)).map((feature) => text(feature[key])).filter((entry) => entry !== null);
      const external = text(asObject(asObject(record.embed)?.external)?.uri);
      const account = reposter ?? author;
      return [finishPost({
        platform: 'bluesky',
        post_id: uri === null || reposter === null ? uri : `${uri}#repost:${text(reposter.did) ?? text(reposter.handle) ?? ''}`,
        account_id: text(account.did),
        account_handle: text(account.handle),
        account_name: text(account.displayName) ?? text(account.display_name),
        created: createdText === null ? null : isoTime(createdText),
        createdText,
        text: typeof record.text === 'string' ? record.text : null,
        url: uri !== null && handle !== null ? `https://bsky.app/profile/${handle}/post/${uri.slice(uri.lastIndexOf('/') + 1)}` : null,
        links: [...ofType('#link', 'uri'), ...(external === null ? [] : [external])],
        hashtags: ofType('#tag', 'tag'),
        post_type: asObject(record.reply) !== null ? 'reply' : 'post',
        lang: strings0(record.langs),
        likes: pick(view, 'likeCount', 'like_count'),
        comments: pick(view, 'replyCount', 'reply_count'),
        shares: pick(view, 'repostCount', 'repost_count'),
        is_repost: reposter !== null,
      }, { file: fileName, format: FORMAT_ID, row: item.line }, { text: 'record.text', created: 'record.createdAt' })];
    };
  },
};

function pick(object: JsonObject, camel: string, snake: string): number | null {
  return count(object[camel] ?? object[snake]);
}

function strings0(value: unknown): string | null {
  return text(asArray(value)[0]);
}
