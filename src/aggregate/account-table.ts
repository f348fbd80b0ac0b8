import type { CodebookOutline } from './coded-post-columns.js';
import { accountKey, Distribution, type PostFacts } from './post-facts.js';
import { neutraliseFormula, type TableColumn } from './table-column.js';
import { compareText } from '../runtime/compare-text.js';
import { sixSignificantDigits } from '../runtime/six-significant-digits.js';
import { lengthened } from '../runtime/grow-arrays.js';
import { isoUtc } from '../formats/timestamps.js';

/** Network measures of an account, from the account–target–mention network. */
export interface AccountNetworkMeasures {
  degree: number;
  betweenness: number | null;
  community: number | null;
}

/** One row of accounts.csv, read off the AccountTable once every post is counted. */
export interface AccountTally {
  key: string;
  platform: string;
  accountId: string | null;
  handle: string | null;
  name: string | null;
  posts: number;
  ctaPosts: number;
  /** Posts with a CTA of each category, in the codebook's order. */
  categories: readonly number[];
  /** Posts with a CTA of each function, in the codebook's order. */
  functions: readonly number[];
  sentimentMean: number | null;
  sentimentMedian: number | null;
  interactionsCta: number | null;
  interactionsOther: number | null;
  rateCta: number | null;
  rateOther: number | null;
  followersMax: number | null;
  firstAt: string | null;
  lastAt: string | null;
  network?: AccountNetworkMeasures;
}

/** What is kept of an account as objects: its names and sentiment values (for the exact median). */
interface AccountIdentity {
  key: string;
  platform: string;
  accountId: string | null;
  handle: string | null;
  name: string | null;
  sentiment: Distribution;
}

/**
 * The running means of an account, each as a count and a sum, then its largest follower count and
 * the times of its first and last post (milliseconds; NaN: none yet).
 */
const enum Sum {
  InteractionsCtaN, InteractionsCtaSum, InteractionsOtherN, InteractionsOtherSum, RateCtaN, RateCtaSum, RateOtherN, RateOtherSum, FollowersMax, FirstMs, LastMs, Width,
}

/**
 * Counts posts per account as they stream past: memory grows with accounts, not posts. The
 * counts and sums of all accounts sit in two typed arrays, a stretch per account, rather than in
 * a Map per category tally and an object per mean: about half the memory per account, and the
 * aggregate step's largest cost per post (the account's tallies spread over many small objects).
 */
export class AccountTable {
  private readonly indexOf = new Map<string, number>();
  private readonly identities: AccountIdentity[] = [];
  private readonly categorySlot: ReadonlyMap<string, number>;
  private readonly functionSlot: ReadonlyMap<string, number>;
  /** Per account: posts, CTA posts, then one count per category and one per function. */
  private readonly countWidth: number;
  private counts: Uint32Array;
  private sums: Float64Array;

  constructor(private readonly codebook: Pick<CodebookOutline, 'categories' | 'functions'>) {
    this.categorySlot = new Map(codebook.categories.map((c, i) => [c.id, 2 + i]));
    this.functionSlot = new Map(codebook.functions.map((f, i) => [f.id, 2 + codebook.categories.length + i]));
    this.countWidth = 2 + codebook.categories.length + codebook.functions.length;
    this.counts = new Uint32Array(this.countWidth * 1024);
    this.sums = new Float64Array(Sum.Width * 1024);
  }

  /** `key`: the post's accountKey, where the caller has computed it already. */
  add(facts: PostFacts, key = accountKey(facts)): void {
    let index = this.indexOf.get(key);
    if (index === undefined) index = this.open(key, facts);
    const a = this.identities[index]!;
    a.handle ??= facts.handle;
    a.name ??= facts.name;
    const counts = this.counts;
    const at = index * this.countWidth;
    counts[at]!++;
    if (facts.ctaAny) counts[at + 1]!++;
    // Ids the codebook does not have (a merged run of another codebook) have no column to count in.
    for (const c of facts.categories) {
      const slot = this.categorySlot.get(c);
      if (slot !== undefined) counts[at + slot]!++;
    }
    for (const f of facts.functions) {
      const slot = this.functionSlot.get(f);
      if (slot !== undefined) counts[at + slot]!++;
    }
    a.sentiment.add(facts.sentimentScore);
    const sums = this.sums;
    const base = index * Sum.Width;
    addToMean(sums, base + (facts.ctaAny ? Sum.InteractionsCtaN : Sum.InteractionsOtherN), facts.interactions);
    addToMean(sums, base + (facts.ctaAny ? Sum.RateCtaN : Sum.RateOtherN), facts.engagementRate);
    if (facts.followers !== null) {
      const max = sums[base + Sum.FollowersMax]!;
      sums[base + Sum.FollowersMax] = Math.max(Number.isNaN(max) ? 0 : max, facts.followers);
    }
    const posted = facts.createdMs;
    if (posted !== null) {
      // NaN (no post yet) compares false.
      if (!(sums[base + Sum.FirstMs]! <= posted)) sums[base + Sum.FirstMs] = posted;
      if (!(sums[base + Sum.LastMs]! >= posted)) sums[base + Sum.LastMs] = posted;
    }
  }

  /**
   * Accounts sorted by platform, then id (handle, name where there is no id), each with its
   * sentiment median worked out (a walk over its distinct scores): the aggregate step does this while the
   * link thread is still at work, and only the network measures are added afterwards.
   */
  sorted(): AccountTally[] {
    const order = this.identities.map((_, index) => index).sort((x, y) => compareText(this.identities[x]!.key, this.identities[y]!.key));
    return order.map((index) => this.tally(index));
  }

  private open(key: string, facts: PostFacts): number {
    const index = this.identities.length;
    this.identities.push({ key, platform: facts.platform, accountId: facts.accountId, handle: facts.handle, name: facts.name, sentiment: new Distribution() });
    this.indexOf.set(key, index);
    if ((index + 1) * this.countWidth > this.counts.length) {
      this.counts = lengthened(this.counts, 2 * this.counts.length);
      this.sums = lengthened(this.sums, 2 * this.sums.length);
    }
    this.sums.fill(Number.NaN, index * Sum.Width + Sum.FollowersMax, (index + 1) * Sum.Width);
    return index;
  }

  private tally(index: number): AccountTally {
    const { key, platform, accountId, handle, name, sentiment } = this.identities[index]!;
    const counts = this.counts.subarray(index * this.countWidth, (index + 1) * this.countWidth);
    const categoriesEnd = 2 + this.codebook.categories.length;
    const base = index * Sum.Width;
    const mean = (n: Sum) => meanAt(this.sums, base + n);
    const followersMax = this.sums[base + Sum.FollowersMax]!;
    const time = (n: Sum) => (Number.isNaN(this.sums[base + n]!) ? null : isoUtc(this.sums[base + n]!));
    return {
      key, platform, accountId, handle, name, firstAt: time(Sum.FirstMs), lastAt: time(Sum.LastMs),
      sentimentMean: sentiment.mean(),
      sentimentMedian: sentiment.median(),
      posts: counts[0]!,
      ctaPosts: counts[1]!,
      categories: Array.from(counts.subarray(2, categoriesEnd)),
      functions: Array.from(counts.subarray(categoriesEnd)),
      interactionsCta: mean(Sum.InteractionsCtaN),
      interactionsOther: mean(Sum.InteractionsOtherN),
      rateCta: mean(Sum.RateCtaN),
      rateOther: mean(Sum.RateOtherN),
      followersMax: Number.isNaN(followersMax) ? null : followersMax,
    };
  }
}

/** Adds a value to the running mean whose count is at `at` and its sum right after it; null and non-finite values are not counted. */
function addToMean(sums: Float64Array, at: number, value: number | null): void {
  if (value === null || !Number.isFinite(value)) return;
  sums[at]!++;
  sums[at + 1]! += value;
}

/** The running mean whose count is at `at` (null: no value), to six significant digits. */
function meanAt(sums: Float64Array, at: number): number | null {
  const n = sums[at]!;
  return n === 0 ? null : sixSignificantDigits(sums[at + 1]! / n);
}

type Column = TableColumn<AccountTally>;
const share = (part: number, whole: number) => (whole === 0 ? null : sixSignificantDigits(part / whole));
const text = (value: string | null) => (value === null ? null : neutraliseFormula(value));

export function accountColumns(codebook: CodebookOutline): Column[] {
  return [
    { name: 'platform', type: 'string', description: 'Platform of the account', cell: (a) => text(a.platform) },
    { name: 'account_id', type: 'string', description: 'Id of the account (text); empty where the export has none, the account is then known by handle or name', cell: (a) => text(a.accountId) },
    { name: 'account_handle', type: 'string', description: 'Handle of the account (the first one seen)', cell: (a) => text(a.handle) },
    { name: 'account_name', type: 'string', description: 'Display name of the account (the first one seen)', cell: (a) => text(a.name) },
    { name: 'posts', type: 'integer', description: 'Posts of the account in coded_posts.csv', cell: (a) => a.posts },
    { name: 'cta_posts', type: 'integer', description: 'Posts with a call to action of any category (cta_any = 1)', cell: (a) => a.ctaPosts },
    { name: 'cta_rate', type: 'number', description: 'cta_posts / posts: share (0-1) of the account\'s posts with a call to action (mean of cta_any)', cell: (a) => share(a.ctaPosts, a.posts) },
    ...codebook.categories.map((c, i): Column => ({
      name: `cta_${c.id}_rate`,
      type: 'number',
      description: `Share (0-1) of the account's posts with a call to action of category "${c.label}" (mean of cta_${c.id})`,
      cell: (a) => share(a.categories[i]!, a.posts),
    })),
    ...codebook.functions.map((f, i): Column => ({
      name: `cta_fn_${f.id}_rate`,
      type: 'number',
      description: `Share (0-1) of the account's posts with a call to action of function "${f.label}" (mean of cta_fn_${f.id})`,
      cell: (a) => share(a.functions[i]!, a.posts),
    })),
    { name: 'sentiment_mean', type: 'number', description: 'Mean sentiment_score of the account\'s posts', cell: (a) => a.sentimentMean },
    { name: 'sentiment_median', type: 'number', description: 'Median sentiment_score of the account\'s posts', cell: (a) => a.sentimentMedian },
    { name: 'interactions_mean_cta', type: 'number', description: 'Mean interactions (reactions or likes, + comments + shares) of the account\'s posts with a call to action; empty where none has counts', cell: (a) => a.interactionsCta },
    { name: 'interactions_mean_no_cta', type: 'number', description: 'Mean interactions of the account\'s posts without a call to action; empty where none has counts', cell: (a) => a.interactionsOther },
    { name: 'engagement_rate_mean_cta', type: 'number', description: 'Mean engagement_rate of the account\'s posts with a call to action, over posts where it is known', cell: (a) => a.rateCta },
    { name: 'engagement_rate_mean_no_cta', type: 'number', description: 'Mean engagement_rate of the account\'s posts without a call to action, over posts where it is known', cell: (a) => a.rateOther },
    { name: 'followers_max', type: 'integer', description: 'Largest follower count at posting seen for the account; empty where unknown', cell: (a) => a.followersMax },
    { name: 'first_post_at', type: 'datetime', description: 'Time of the account\'s first post in the data, ISO 8601 UTC', cell: (a) => a.firstAt },
    { name: 'last_post_at', type: 'datetime', description: 'Time of the account\'s last post in the data, ISO 8601 UTC', cell: (a) => a.lastAt },
    { name: 'degree', type: 'integer', description: 'Network (network.gexf): number of distinct neighbours: CTA targets the account shares with other accounts, accounts it mentions and accounts that mention it', cell: (a) => a.network?.degree ?? 0 },
    { name: 'betweenness', type: 'number', description: 'Network: normalised betweenness centrality in the undirected account–target–mention network (0-1; high = broker between otherwise unconnected parts); empty where the network is too large to compute it exactly in reasonable time (nodes × edges above 200 million)', cell: (a) => a.network?.betweenness ?? null },
    { name: 'community', type: 'integer', description: 'Network: community (Louvain, fixed seed; numbered from 0 by size, largest first); accounts with no links form their own community', cell: (a) => a.network?.community ?? null },
  ];
}
