import type { CodedPost } from '../types/contracts.js';
import { engagementRateOf, interactions } from './coded-post-columns.js';

/**
 * What the account, period, alliance and network tables need from one post. It comes from a coded
 * post (a run) or from a row of coded_posts.csv (a merge), so both build the same tables.
 */
export interface PostFacts {
  platform: string;
  accountId: string | null;
  handle: string | null;
  name: string | null;
  createdAt: string | null;
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
    createdAt: post.created_at,
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

const dayCache = new Map<string, number>();

/** Whole UTC days since 1970-01-01 of an ISO timestamp, or null. */
export function utcDay(iso: string | null): number | null {
  if (iso === null) return null;
  // The usual case, a UTC timestamp: its date is the UTC date (cached: a dataset has few distinct days).
  if (iso.length > 11 && iso.endsWith('Z') && iso[10] === 'T') {
    const date = iso.slice(0, 10);
    let day = dayCache.get(date);
    if (day === undefined) {
      const ms = Date.parse(`${date}T00:00:00Z`);
      if (Number.isNaN(ms)) return null;
      day = ms / 86_400_000;
      if (dayCache.size < 100_000) dayCache.set(date, day);
    }
    return day;
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 86_400_000);
}

export const isoDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * Running mean and an exact median. The values are kept in a plain array of numbers (8 bytes
 * each) and sorted once, when the median is asked for: a histogram (a Map per account) took about
 * 50 bytes per post, as sentiment scores rarely repeat within an account.
 */
export class Distribution {
  private readonly values: number[] = [];
  private sum = 0;

  add(value: number | null): void {
    if (value === null || !Number.isFinite(value)) return;
    this.values.push(value);
    this.sum += value;
  }

  mean(): number | null {
    const n = this.values.length;
    return n === 0 ? null : round(this.sum / n);
  }

  median(): number | null {
    const n = this.values.length;
    if (n === 0) return null;
    const sorted = this.values.slice().sort((a, b) => a - b);
    const middle = Math.floor(n / 2);
    return n % 2 === 1 ? sorted[middle]! : round((sorted[middle - 1]! + sorted[middle]!) / 2);
  }
}

/** Six significant digits: enough for any analysis, and the same digits on every machine. */
export const round = (x: number) => Number(x.toPrecision(6));
