import type { CodebookOutline } from './coded-post-columns.js';
import { accountKey, Distribution, Mean, round, type PostFacts } from './post-facts.js';
import { neutraliseFormula, type TableColumn } from './table-column.js';

/** Network measures of an account, from the account–target–mention network. */
export interface AccountNetworkMeasures {
  degree: number;
  betweenness: number | null;
  community: number | null;
}

/** One row of accounts.csv while it is being counted. */
export interface AccountTally {
  key: string;
  platform: string;
  accountId: string | null;
  handle: string | null;
  name: string | null;
  posts: number;
  ctaPosts: number;
  categories: Map<string, number>;
  functions: Map<string, number>;
  sentiment: Distribution;
  interactionsCta: Mean;
  interactionsOther: Mean;
  rateCta: Mean;
  rateOther: Mean;
  followersMax: number | null;
  firstAt: string | null;
  lastAt: string | null;
  network?: AccountNetworkMeasures;
}

/** Counts posts per account as they stream past: memory grows with accounts, not posts. */
export class AccountTable {
  private readonly accounts = new Map<string, AccountTally>();

  /** `key`: the post's accountKey, where the caller has computed it already. */
  add(facts: PostFacts, key = accountKey(facts)): void {
    let a = this.accounts.get(key);
    if (!a) {
      a = {
        key,
        platform: facts.platform,
        accountId: facts.accountId,
        handle: facts.handle,
        name: facts.name,
        posts: 0,
        ctaPosts: 0,
        categories: new Map(),
        functions: new Map(),
        sentiment: new Distribution(),
        interactionsCta: new Mean(),
        interactionsOther: new Mean(),
        rateCta: new Mean(),
        rateOther: new Mean(),
        followersMax: null,
        firstAt: null,
        lastAt: null,
      };
      this.accounts.set(key, a);
    }
    a.handle ??= facts.handle;
    a.name ??= facts.name;
    a.posts++;
    if (facts.ctaAny) a.ctaPosts++;
    for (const c of facts.categories) a.categories.set(c, (a.categories.get(c) ?? 0) + 1);
    for (const f of facts.functions) a.functions.set(f, (a.functions.get(f) ?? 0) + 1);
    a.sentiment.add(facts.sentimentScore);
    (facts.ctaAny ? a.interactionsCta : a.interactionsOther).add(facts.interactions);
    (facts.ctaAny ? a.rateCta : a.rateOther).add(facts.engagementRate);
    if (facts.followers !== null) a.followersMax = Math.max(a.followersMax ?? 0, facts.followers);
    if (facts.createdAt !== null) {
      if (a.firstAt === null || facts.createdAt < a.firstAt) a.firstAt = facts.createdAt;
      if (a.lastAt === null || facts.createdAt > a.lastAt) a.lastAt = facts.createdAt;
    }
  }

  get(key: string): AccountTally | undefined {
    return this.accounts.get(key);
  }

  /** Accounts sorted by platform, then id (handle, name where there is no id). */
  sorted(): AccountTally[] {
    return [...this.accounts.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  }
}

type Column = TableColumn<AccountTally>;
const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole));
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
    ...codebook.categories.map((c): Column => ({
      name: `cta_${c.id}_rate`,
      type: 'number',
      description: `Share (0-1) of the account's posts with a call to action of category "${c.label}" (mean of cta_${c.id})`,
      cell: (a) => share(a.categories.get(c.id) ?? 0, a.posts),
    })),
    ...codebook.functions.map((f): Column => ({
      name: `cta_fn_${f.id}_rate`,
      type: 'number',
      description: `Share (0-1) of the account's posts with a call to action of function "${f.label}" (mean of cta_fn_${f.id})`,
      cell: (a) => share(a.functions.get(f.id) ?? 0, a.posts),
    })),
    { name: 'sentiment_mean', type: 'number', description: 'Mean sentiment_score of the account\'s posts', cell: (a) => a.sentiment.mean() },
    { name: 'sentiment_median', type: 'number', description: 'Median sentiment_score of the account\'s posts', cell: (a) => a.sentiment.median() },
    { name: 'interactions_mean_cta', type: 'number', description: 'Mean interactions (reactions or likes, + comments + shares) of the account\'s posts with a call to action; empty where none has counts', cell: (a) => a.interactionsCta.value() },
    { name: 'interactions_mean_no_cta', type: 'number', description: 'Mean interactions of the account\'s posts without a call to action; empty where none has counts', cell: (a) => a.interactionsOther.value() },
    { name: 'engagement_rate_mean_cta', type: 'number', description: 'Mean engagement_rate of the account\'s posts with a call to action, over posts where it is known', cell: (a) => a.rateCta.value() },
    { name: 'engagement_rate_mean_no_cta', type: 'number', description: 'Mean engagement_rate of the account\'s posts without a call to action, over posts where it is known', cell: (a) => a.rateOther.value() },
    { name: 'followers_max', type: 'integer', description: 'Largest follower count at posting seen for the account; empty where unknown', cell: (a) => a.followersMax },
    { name: 'first_post_at', type: 'datetime', description: 'Time of the account\'s first post in the data, ISO 8601 UTC', cell: (a) => a.firstAt },
    { name: 'last_post_at', type: 'datetime', description: 'Time of the account\'s last post in the data, ISO 8601 UTC', cell: (a) => a.lastAt },
    { name: 'degree', type: 'integer', description: 'Network (network.gexf): number of distinct neighbours: CTA targets the account shares with other accounts, accounts it mentions and accounts that mention it', cell: (a) => a.network?.degree ?? 0 },
    { name: 'betweenness', type: 'number', description: 'Network: normalised betweenness centrality in the undirected account–target–mention network (0-1; high = broker between otherwise unconnected parts); empty where the network is too large to compute it exactly in reasonable time (nodes × edges above 200 million)', cell: (a) => a.network?.betweenness ?? null },
    { name: 'community', type: 'integer', description: 'Network: community (Louvain, fixed seed; numbered from 0 by size, largest first); accounts with no links form their own community', cell: (a) => a.network?.community ?? null },
  ];
}
