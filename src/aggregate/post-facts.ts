import type { CodedPost } from '../types/contracts.js';
import { engagementRate, interactions } from './coded-post-columns.js';

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
    interactions: interactions(post),
    engagementRate: engagementRate(post),
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

/** Running mean and an exact median from a histogram of values (bounded by distinct values, not posts). */
export class Distribution {
  private readonly counts = new Map<number, number>();
  n = 0;
  private sum = 0;

  add(value: number | null): void {
    if (value === null || !Number.isFinite(value)) return;
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.n++;
    this.sum += value;
  }

  mean(): number | null {
    return this.n === 0 ? null : round(this.sum / this.n);
  }

  median(): number | null {
    if (this.n === 0) return null;
    const sorted = [...this.counts].sort((a, b) => a[0] - b[0]);
    const at = (rank: number) => {
      let seen = 0;
      for (const [value, count] of sorted) {
        seen += count;
        if (rank < seen) return value;
      }
      return sorted[sorted.length - 1]![0];
    };
    const middle = Math.floor(this.n / 2);
    return this.n % 2 === 1 ? at(middle) : round((at(middle - 1) + at(middle)) / 2);
  }
}

/** Six significant digits: enough for any analysis, and the same digits on every machine. */
export const round = (x: number) => Number(x.toPrecision(6));

/** Running mean only. */
export class Mean {
  n = 0;
  sum = 0;
  add(value: number | null): void {
    if (value === null || !Number.isFinite(value)) return;
    this.n++;
    this.sum += value;
  }
  value(): number | null {
    return this.n === 0 ? null : round(this.sum / this.n);
  }
}
