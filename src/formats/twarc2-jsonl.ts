/**
 * twarc2 JSONL (Twitter/X API v2), FORMATS.md 3a and 3b: either raw API response pages, one per
 * line (`data` = the tweets, `includes` = the users and referenced tweets they point at, `meta`,
 * `__twarc`), or `twarc2 flatten` output, one tweet per line with its `author` expanded. A file
 * may mix them; each line is read as what it is. A page yields one row per tweet in `data`; a
 * line with only `errors` (what twarc writes when the API answers with an error) is a rejected row.
 * Pages pretty-printed by `jq .` (objects one after another, over several lines) are read too; a
 * row's line is then the line its page's object starts on.
 */
import type { Post } from '../types/contracts.js';
import { RowError } from './csv-format.js';
import type { JsonFormat, JsonItemMapper, SubRowRejection } from './json-format.js';
import { finishPost } from './json-post.js';
import type { UtcTimestamp } from './timestamps.js';
import { asArray, asObject, at, count, idText, isoTime, text, type JsonObject } from './json-values.js';

const FORMAT_ID = 'twarc2-jsonl';

export const twarc2Jsonl: JsonFormat = {
  id: FORMAT_ID,
  label: 'twarc2 JSONL (Twitter/X API v2: raw response pages or flattened tweets)',
  kind: 'json',
  detect(sample) {
    // `jq .` turns the lines into pretty-printed objects one after the other: read each as a line.
    if (sample.layout === 'array') return null;
    const has = (path: string) => sample.paths.has(path);
    const page = has('data[].author_id') && (has('data[].conversation_id') || has('data[].public_metrics') || has('includes'));
    const flat = has('author_id') && has('author.username') && has('text');
    return page || flat || has('__twarc.retrieved_at') ? [''] : null;
  },
  createItemMapper({ fileName }): JsonItemMapper {
    return (value, item) => {
      const line = asObject(value);
      if (line === null) throw new RowError('not a twarc line: expected a JSON object');
      const collected = isoTime(at(line, '__twarc.retrieved_at')) ?? null;
      const source = { file: fileName, format: FORMAT_ID, row: item.line };
      if (!Object.hasOwn(line, 'data') && !Object.hasOwn(line, 'id')) {
        const errors = asArray(line.errors).map(asObject).filter((error) => error !== null);
        if (errors.length > 0) throw new RowError(`the API answered with an error instead of tweets: ${errors.map(describeError).join('; ')}`);
        if (asObject(line.meta) !== null) return []; // a page without tweets (result_count 0): no rows
        throw new RowError('not a tweet: the line has no "data" and no "id"');
      }
      if (!Object.hasOwn(line, 'data')) return [mapTweet(line, new Map(), new Map(), collected, source)];
      const users = byId(at(line, 'includes.users'));
      const tweets = byId(at(line, 'includes.tweets'));
      const data = Array.isArray(line.data) ? line.data : [line.data];
      return data.map((tweet, index): Post | SubRowRejection => {
        try {
          const object = asObject(tweet);
          if (object === null) throw new RowError('not a tweet: an element of "data" is not an object');
          return mapTweet(object, users, tweets, collected, source, data.length > 1 ? index + 1 : undefined);
        } catch (error) {
          if (error instanceof RowError) return { rejected: error.reason, raw: tweet };
          throw error;
        }
      });
    };
  },
};

function mapTweet(tweet: JsonObject, users: Map<string, JsonObject>, tweets: Map<string, JsonObject>, collected: UtcTimestamp | null, source: Post['source'], part?: number): Post {
  const id = idText(tweet.id);
  const authorId = idText(tweet.author_id);
  const author = asObject(tweet.author) ?? (authorId === null ? null : users.get(authorId) ?? null);
  const handle = text(author?.username);
  const references = asArray(tweet.referenced_tweets).map(asObject).filter((reference) => reference !== null);
  const type = (name: string) => references.find((reference) => reference.type === name);
  const retweeted = type('retweeted');
  // A retweet's own text is `RT @user: ` and the original cut to 140 characters; the original
  // comes expanded in `includes.tweets` (raw pages) or in `referenced_tweets` (flattened).
  const original = retweeted === undefined ? undefined : tweets.get(idText(retweeted.id) ?? '') ?? (typeof retweeted.text === 'string' ? retweeted : undefined);
  const body = original ?? tweet;
  const entityList = (key: string, field: string) => [...asArray(at(tweet, `entities.${key}`)), ...(original === undefined ? [] : asArray(at(original, `entities.${key}`)))]
    .map((entity) => text(asObject(entity)?.[field])).filter((value) => value !== null);
  const createdText = typeof tweet.created_at === 'string' ? tweet.created_at : null;
  return finishPost({
    platform: 'twitter',
    post_id: id,
    account_id: authorId ?? idText(author?.id),
    account_handle: handle,
    account_name: text(author?.name),
    created: createdText === null ? null : isoTime(createdText),
    createdText,
    collected,
    text: typeof body.text === 'string' ? body.text : typeof tweet.text === 'string' ? tweet.text : null,
    url: id === null ? null : `https://twitter.com/${handle ?? 'i/web'}/status/${id}`,
    links: [...entityList('urls', 'unwound_url'), ...entityList('urls', 'expanded_url')],
    hashtags: entityList('hashtags', 'tag'),
    mentions: entityList('mentions', 'username'),
    post_type: retweeted !== undefined ? 'retweet' : type('quoted') !== undefined ? 'quote' : type('replied_to') !== undefined ? 'reply' : 'tweet',
    lang: tweet.lang === 'und' ? null : text(tweet.lang),
    followers: count(at(author, 'public_metrics.followers_count')),
    likes: count(at(tweet, 'public_metrics.like_count')),
    comments: count(at(tweet, 'public_metrics.reply_count')),
    shares: count(at(tweet, 'public_metrics.retweet_count')),
    views: count(at(tweet, 'public_metrics.impression_count')),
    reactions: null,
    is_repost: retweeted !== undefined,
  }, source, { text: '"text"', created: 'created_at' }, part);
}

function byId(list: unknown): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const entry of asArray(list)) {
    const object = asObject(entry);
    const id = idText(object?.id);
    if (object !== null && id !== null) map.set(id, object);
  }
  return map;
}

function describeError(error: JsonObject): string {
  return [text(error.title), text(error.detail) ?? text(error.message)].filter((part) => part !== null).join(': ') || JSON.stringify(error).slice(0, 200);
}
