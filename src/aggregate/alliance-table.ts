import { hostAndPath } from '../coding/links.js';
import { lengthened } from '../runtime/grow-arrays.js';
import { FewCounts } from './few-counts.js';
import { isoUtc, utcMilliseconds } from '../formats/timestamps.js';
import { accountKey, utcDay, type PostFacts } from './post-facts.js';
import type { SharedTargets } from './shared-targets.js';
import { neutraliseFormula, type TableColumn } from './table-column.js';

/**
 * alliances.csv: CTA targets used by two or more accounts within a time window.
 *
 * The uses of a target are its CTA posts (cta_any = 1, the target in cta_targets, a known time).
 * In time order, a use belongs to the same alliance as the use before it when their UTC calendar
 * dates are at most `windowDays` days apart (dates 2024-03-01 and 2024-03-08 are 7 days apart);
 * a larger gap starts a new one. Such a run of uses is an alliance when at least two different
 * accounts (platform + account id) made it; then at least two of them used the target within
 * `windowDays` days of each other. A run may last longer than the window when the uses keep coming.
 *
 * Uses are kept per target, day and account, so memory grows with distinct (target, day, account)
 * triples, not with posts. A triple is a number in its day's map and a slot in typed arrays (see
 * AccountUses), since a million posts over 20,000 accounts make about 300,000 of them.
 */
export interface Alliance {
  target: string;
  targetType: TargetType;
  category: string | null;
  categories: string[];
  accounts: string[];
  posts: number;
  firstAt: string;
  lastAt: string;
  platforms: string[];
  followersSum: number | null;
  interactionsSum: number | null;
}

export type TargetType = 'hashtag' | 'handle' | 'petition_page' | 'donation_page' | 'url';

interface AccountUse {
  label: string;
  posts: number;
  followersMax: number | null;
}

/**
 * The accounts of every (target, day): an account and a label are numbers, a use is a slot of
 * typed arrays. As strings and an object each, a use took about 160 bytes, and the link thread's
 * heap grew by 31 MB per further million posts with 20,000 accounts.
 */
class AccountUses {
  /** accountKey → the number of the account, which is also the identity of its first label. */
  private readonly accounts = new Map<string, number>();
  /** Per identity: its label and its account. An account has further identities only where its label varies (a handle's case). */
  private readonly labels: string[] = [];
  private readonly accountOf: number[] = [];
  private readonly variants = new Map<string, number>();
  private uses = 0;
  private posts = new Uint32Array(1024);
  /** NaN where no post of the use had a follower count. */
  private followersMax = new Float64Array(1024);
  /** The identity of the use's first post: its label is the one the alliance shows. */
  private identity = new Uint32Array(1024);

  /** The identity of an account under this label. */
  identityOf(key: string, label: string): number {
    const account = this.accounts.get(key);
    if (account === undefined) {
      const identity = this.newIdentity(label, this.labels.length);
      this.accounts.set(key, identity);
      return identity;
    }
    if (this.labels[account] === label) return account;
    const variant = `${key}\u0000${label}`;
    let identity = this.variants.get(variant);
    if (identity === undefined) this.variants.set(variant, (identity = this.newIdentity(label, account)));
    return identity;
  }

  /** Counts a post of `identity` on a day whose uses are `day`. */
  count(day: Map<number, number>, identity: number, followers: number | null): void {
    const account = this.accountOf[identity]!;
    let use = day.get(account);
    if (use === undefined) {
      use = this.newUse(identity);
      day.set(account, use);
    }
    this.posts[use]!++;
    if (followers !== null) {
      const max = this.followersMax[use]!;
      this.followersMax[use] = Math.max(Number.isNaN(max) ? 0 : max, followers);
    }
  }

  /** A day's uses as the alliance adds them up, in the order the accounts first used the target that day. */
  *of(day: Map<number, number>): Generator<[number, AccountUse]> {
    for (const [account, use] of day) {
      const max = this.followersMax[use]!;
      yield [account, { label: this.labels[this.identity[use]!]!, posts: this.posts[use]!, followersMax: Number.isNaN(max) ? null : max }];
    }
  }

  private newIdentity(label: string, account: number): number {
    this.labels.push(label);
    this.accountOf.push(account);
    return this.labels.length - 1;
  }

  private newUse(identity: number): number {
    const use = this.uses++;
    if (use === this.posts.length) {
      this.posts = lengthened(this.posts, 2 * use);
      this.followersMax = lengthened(this.followersMax, 2 * use);
      this.identity = lengthened(this.identity, 2 * use);
    }
    this.followersMax[use] = Number.NaN;
    this.identity[use] = identity;
    return use;
  }
}

interface DayUses {
  posts: number;
  /** Times of the first and last post, milliseconds since 1970 UTC. */
  firstMs: number;
  lastMs: number;
  interactions: number | null;
  /** Account → its use (AccountUses). */
  accounts: Map<number, number>;
  categories: FewCounts;
  /** Nearly always one: an array of exactly the platforms seen rather than a Set. */
  platforms: readonly string[];
}

const petitionHosts = /(^|\.)(change\.org|avaaz\.org|openpetition\.(de|eu|org)|weact\.campact\.de|campact\.de|skrivunder\.net|mijnpetitie\.nl|petities\.nl|petitiononline\.com|ipetitions\.com|actionnetwork\.org|citizengo\.org|mesopinions\.com|peticiones\.org|borgerforslag\.dk)$|^petition(s)?\./;
const donationHosts = /(^|\.)(gofundme\.com|donorbox\.org|actblue\.com|winred\.com|betterplace\.org|justgiving\.com|paypal\.me|leetchi\.com|kickstarter\.com|patreon\.com|ko-fi\.com|buymeacoffee\.com|gofund\.me|givebutter\.com|helloasso\.com)$/;

/** Kind of CTA target: #hashtag, @handle, a petition or donation page (known sites or paths), or another URL. */
export function targetType(target: string): TargetType {
  if (target.startsWith('#')) return 'hashtag';
  if (target.startsWith('@')) return 'handle';
  const url = hostAndPath(target);
  if (url === null) return 'url';
  const path = url.path.toLowerCase();
  if (petitionHosts.test(url.host) || /\/(petition|petitions|petitie|petitionen|peticion|peticiones|underskrift)(\/|$|-)/.test(path)) return 'petition_page';
  if (donationHosts.test(url.host) || /\/(donate|donation|donations|give|giving|chip-in|spenden|spende|doneer|doneren|donar|dona|don|stot|stoet)(\/|$|-)/.test(path)) return 'donation_page';
  return 'url';
}

/** Collects the uses of every CTA target as posts stream past, then cuts them into alliances. */
export class AllianceTable {
  private readonly targets = new Map<string, Map<number, DayUses>>();
  private readonly uses = new AccountUses();
  /** `shared`: where given, only the targets it knows as used by two or more accounts are kept (the others cannot form an alliance). */
  constructor(readonly windowDays: number, private readonly shared: SharedTargets | null = null) {}

  /** `key`: the post's accountKey, where the caller has computed it already. */
  add(facts: PostFacts, key?: string): void {
    const posted = facts.createdMs;
    const day = utcDay(posted);
    if (!facts.ctaAny || facts.targets.length === 0 || posted === null || day === null) return;
    let identity: number | undefined;
    for (const target of facts.targets) {
      if (this.shared !== null && !this.shared.has(target)) continue;
      identity ??= this.uses.identityOf(key ?? accountKey(facts), `${facts.platform}:${facts.accountId ?? (facts.handle !== null ? `@${facts.handle}` : (facts.name ?? ''))}`);
      let days = this.targets.get(target);
      if (!days) this.targets.set(target, (days = new Map()));
      let uses = days.get(day);
      if (!uses) {
        uses = { posts: 0, firstMs: posted, lastMs: posted, interactions: null, accounts: new Map(), categories: new FewCounts(), platforms: [facts.platform] };
        days.set(day, uses);
      }
      uses.posts++;
      if (posted < uses.firstMs) uses.firstMs = posted;
      if (posted > uses.lastMs) uses.lastMs = posted;
      if (facts.interactions !== null) uses.interactions = (uses.interactions ?? 0) + facts.interactions;
      uses.categories.countAll(facts.categories);
      if (!uses.platforms.includes(facts.platform)) uses.platforms = uses.platforms.concat(facts.platform);
      this.uses.count(uses.accounts, identity, facts.followers);
    }
  }

  /** The alliances, sorted by first use, then target. `categoryOrder` breaks ties between equally frequent categories. */
  alliances(categoryOrder: readonly string[]): Alliance[] {
    const found: { alliance: Alliance; firstMs: number }[] = [];
    for (const [target, days] of this.targets) {
      const ordered = [...days.keys()].sort((a, b) => a - b);
      let run: DayUses[] = [];
      let previous = Number.NEGATIVE_INFINITY;
      const close = () => {
        const alliance = allianceOf(target, run, this.uses, categoryOrder);
        if (alliance) found.push(alliance);
        run = [];
      };
      for (const day of ordered) {
        if (day - previous > this.windowDays) close();
        run.push(days.get(day)!);
        previous = day;
      }
      close();
    }
    found.sort((x, y) => x.firstMs - y.firstMs || (x.alliance.target < y.alliance.target ? -1 : x.alliance.target > y.alliance.target ? 1 : 0));
    return found.map(({ alliance }) => alliance);
  }
}

/** The alliance of a run of uses, with the time of its first post (to sort by); null where fewer than two accounts made it. */
function allianceOf(target: string, run: readonly DayUses[], accountUses: AccountUses, categoryOrder: readonly string[]): { alliance: Alliance; firstMs: number } | null {
  const accounts = new Map<number, AccountUse>();
  for (const uses of run) {
    for (const [key, use] of accountUses.of(uses.accounts)) {
      const seen = accounts.get(key);
      if (!seen) accounts.set(key, { ...use });
      else {
        seen.posts += use.posts;
        if (use.followersMax !== null) seen.followersMax = Math.max(seen.followersMax ?? 0, use.followersMax);
      }
    }
  }
  if (accounts.size < 2) return null;
  const categories = new Map<string, number>();
  const platforms = new Set<string>();
  let interactions: number | null = null;
  for (const uses of run) {
    for (const [c, n] of uses.categories.entries()) categories.set(c, (categories.get(c) ?? 0) + n);
    for (const p of uses.platforms) platforms.add(p);
    if (uses.interactions !== null) interactions = (interactions ?? 0) + uses.interactions;
  }
  const rank = (c: string) => {
    const i = categoryOrder.indexOf(c);
    return i < 0 ? categoryOrder.length : i;
  };
  const byFrequency = [...categories].sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]));
  const followers = [...accounts.values()].filter((a) => a.followersMax !== null);
  const firstMs = Math.min(...run.map((uses) => uses.firstMs));
  const alliance: Alliance = {
    target,
    targetType: targetType(target),
    category: byFrequency[0]?.[0] ?? null,
    categories: [...categories.keys()].sort((a, b) => rank(a) - rank(b)),
    accounts: [...accounts.values()].map((a) => a.label).sort(),
    posts: run.reduce((n, uses) => n + uses.posts, 0),
    firstAt: isoUtc(firstMs),
    lastAt: isoUtc(Math.max(...run.map((uses) => uses.lastMs))),
    platforms: [...platforms].sort(),
    followersSum: followers.length === 0 ? null : followers.reduce((n, a) => n + a.followersMax!, 0),
    interactionsSum: interactions,
  };
  return { alliance, firstMs };
}

export function allianceColumns(windowDays: number): TableColumn<Alliance>[] {
  const text = (value: string) => neutraliseFormula(value);
  return [
    { name: 'target', type: 'string', description: 'The CTA target: a normalised URL, a #hashtag or an @handle (as in cta_targets of coded_posts.csv)', cell: (a) => text(a.target) },
    { name: 'target_type', type: 'string', values: 'petition_page, donation_page, url, hashtag, handle', description: 'Kind of target; petition and donation pages are recognised by well-known sites (change.org, avaaz.org, openpetition, gofundme.com, actblue.com, betterplace.org …) and paths (/petition, /donate, /spenden …)', cell: (a) => a.targetType },
    { name: 'category', type: 'string', description: 'The CTA category most of the alliance\'s posts carry (ties: codebook order)', cell: (a) => a.category },
    { name: 'categories', type: 'list', description: 'Every CTA category of the alliance\'s posts, in codebook order; several values joined with ";"', cell: (a) => a.categories.join(';') },
    { name: 'accounts', type: 'integer', description: 'Number of different accounts that used the target in the alliance (2 or more)', cell: (a) => a.accounts.length },
    { name: 'account_list', type: 'list', description: 'The accounts as platform:account_id (platform:@handle where there is no id), sorted; several values joined with ";"', cell: (a) => text(a.accounts.join(';')) },
    { name: 'posts', type: 'integer', description: 'CTA posts that used the target in the alliance', cell: (a) => a.posts },
    { name: 'first_post_at', type: 'datetime', description: 'Time of the first of these posts, ISO 8601 UTC', cell: (a) => a.firstAt },
    { name: 'last_post_at', type: 'datetime', description: 'Time of the last of these posts, ISO 8601 UTC', cell: (a) => a.lastAt },
    { name: 'days', type: 'integer', description: 'UTC calendar days from the first to the last post, both counted (1 = the same day)', cell: (a) => daySpan(a) },
    { name: 'platforms', type: 'list', description: 'Platforms of the posts; several values joined with ";"', cell: (a) => text(a.platforms.join(';')) },
    { name: 'followers_sum', type: 'integer', description: 'Combined reach: the sum over the accounts of each account\'s largest follower count at posting in the alliance (each account counted once); empty where no follower count is known', cell: (a) => a.followersSum },
    { name: 'interactions_sum', type: 'integer', description: 'Sum of the interactions (reactions or likes, + comments + shares) of the posts; empty where no post has counts', cell: (a) => a.interactionsSum },
    { name: 'window_days', type: 'integer', description: `The run's --alliance-window (this run: ${windowDays}): consecutive uses of the target at most this many UTC calendar days apart belong to the same alliance`, cell: () => windowDays },
  ];
}

function daySpan(a: Alliance): number {
  return utcDay(utcMilliseconds(a.lastAt))! - utcDay(utcMilliseconds(a.firstAt))! + 1;
}
