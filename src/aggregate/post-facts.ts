import type { CodedPost } from '../types/contracts.js';
import { engagementRateOf, interactions } from './coded-post-columns.js';
import { sixSignificantDigits } from '../runtime/six-significant-digits.js';
import { utcMilliseconds } from '../formats/timestamps.js';

/**
 * What the account, period, alliance and network tables need from one post. It comes from a coded
 * post (a run) or from a row of coded_posts.csv (a merge), so both build the same tables.
 */
export interface PostFacts {
  platform: string;
  accountId: string | null;
  handle: string | null;
  name: string | null;
  /** Time of posting, milliseconds since 1970 UTC (utcMilliseconds of created_at). */
  createdMs: number | null;
  ctaAny: boolean;
  categories: readonly string[];
  functions: readonly string[];
  targets: readonly string[];
  mentions: readonly string[];
  sentimentScore: number | null;
  followers: number | null;
  interactions: number | null;
  engagementRate: number | null;
}

export function factsOf({ post, coding }: CodedPost): PostFacts {
  const total = interactions(post);
  return {
    platform: post.platform,
    accountId: post.account_id,
    handle: post.account_handle,
    name: post.account_name,
    createdMs: utcMilliseconds(post.created_at),
    ctaAny: coding.cta_any,
    categories: coding.categories,
    functions: coding.functions,
    targets: coding.targets,
    mentions: post.mentions,
    sentimentScore: coding.sentiment.score,
    followers: post.followers,
    interactions: total,
    engagementRate: engagementRateOf(total, post.followers),
  };
}

/** An account within its platform: the id where the export has one, else the handle, else the name. */
export function accountKey(facts: Pick<PostFacts, 'platform' | 'accountId' | 'handle' | 'name'>): string {
  const id = facts.accountId ?? (facts.handle !== null ? `@${facts.handle.toLowerCase()}` : (facts.name ?? ''));
  return `${facts.platform}\u0000${id}`;
}

/** Whole UTC days since 1970-01-01 of a time in milliseconds, or null. */
export function utcDay(ms: number | null): number | null {
  return ms === null ? null : Math.floor(ms / 86_400_000);
}

export const isoDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * Running mean and an exact median. Each distinct value is kept once with its count, in one
 * array sorted by value ([value, count, value, count, …]), so an account's memory stops growing
 * once its posts repeat their scores: sentiment scores are sums of whole lexicon points and a few
 * modifiers, and 100 synthetic posts per account had 19 distinct scores (16 bytes each, where a
 * plain array of every value took 8 bytes per post). A Map per account took about 50 bytes per post.
 * A new value is inserted where it belongs, which moves the values above it; past `distinctLimit`
 * values (a lexicon of fractional weights, say) every value is kept in a plain array instead and
 * sorted once, so that no account costs more than that limit squared.
 */
export class Distribution {
  private pairs: number[] | null = [];
  private values: number[] | null = null;
  private count = 0;
  private sum = 0;

  add(value: number | null): void {
    if (value === null || !Number.isFinite(value)) return;
    this.count++;
    this.sum += value;
    const { pairs } = this;
    if (pairs === null) return void this.values!.push(value);
    let low = 0;
    let high = pairs.length / 2;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (pairs[2 * middle]! < value) low = middle + 1;
      else high = middle;
    }
    if (2 * low < pairs.length && pairs[2 * low] === value) pairs[2 * low + 1]!++;
    else if (pairs.length < 2 * distinctLimit) pairs.splice(2 * low, 0, value, 1);
    else {
      this.values = [value];
      for (let i = 0; i < pairs.length; i += 2) for (let n = 0; n < pairs[i + 1]!; n++) this.values.push(pairs[i]!);
      this.pairs = null;
    }
  }

  mean(): number | null {
    return this.count === 0 ? null : sixSignificantDigits(this.sum / this.count);
  }

  median(): number | null {
    const n = this.count;
    if (n === 0) return null;
    const middle = Math.floor(n / 2);
    const sorted = this.values?.slice().sort((a, b) => a - b);
    const nth = (position: number) => (sorted === undefined ? this.nth(position) : sorted[position]!);
    return n % 2 === 1 ? nth(middle) : sixSignificantDigits((nth(middle - 1) + nth(middle)) / 2);
  }

  /** The value at this position of the values in ascending order. */
  private nth(position: number): number {
    const pairs = this.pairs!;
    let seen = 0;
    for (let i = 0; i < pairs.length; i += 2) {
      seen += pairs[i + 1]!;
      if (seen > position) return pairs[i]!;
    }
    throw new RangeError(`no value at position ${position} of ${this.count}`);
  }
}

/** Distinct values a Distribution keeps with counts before it keeps every value instead. */
export const distinctLimit = 4096;
