import { accountKey, type PostFacts } from './post-facts.js';

/** A CTA post with targets: the only posts that tell SharedTargets anything. */
export const usesTargets = (facts: Pick<PostFacts, 'ctaAny' | 'targets'>): boolean => facts.ctaAny && facts.targets.length > 0;

/**
 * Which CTA targets two or more accounts used, learnt in a first pass over the posts. Only these
 * can form alliances or connect accounts in the network, so the second pass keeps details for
 * them alone: most links in a large dataset are used once (an article, a video) and would
 * otherwise be most of the memory. Holds one entry per distinct target.
 */
export class SharedTargets {
  /** The one account that used the target so far, or null once a second one did. */
  private users = new Map<string, string | null>();
  private settled = false;

  add(facts: Pick<PostFacts, 'platform' | 'accountId' | 'handle' | 'name' | 'ctaAny' | 'targets'>): void {
    if (this.settled) throw new Error('SharedTargets: a post was added after settle()');
    if (usesTargets(facts)) this.addUses(accountKey(facts), facts.targets);
  }

  /** The CTA targets of a post of `account` (its accountKey). */
  addUses(account: string, targets: readonly string[]): void {
    for (const target of targets) this.addUse(account, target);
  }

  /** One CTA target of a post of `account`. */
  addUse(account: string, target: string): void {
    if (this.settled) throw new Error('SharedTargets: a post was added after settle()');
    const seen = this.users.get(target);
    if (seen === undefined) this.users.set(target, account);
    else if (seen !== null && seen !== account) this.users.set(target, null);
  }

  /**
   * Once every post is added: keeps only the shared targets, so that the targets of one account
   * alone (most of them) are not held while the tables are built. `has` answers as before.
   */
  settle(): this {
    this.dropUnshared();
    this.settled = true;
    return this;
  }

  /**
   * Forgets the targets only one account has used so far: for a caller that adds the targets in
   * shares (by hash), once every use of a share is in, so that it holds one share's targets of a
   * single account at a time.
   */
  dropUnshared(): void {
    this.users = new Map([...this.users].filter(([, account]) => account === null));
  }

  /** The shared targets, once settled: to hand to another thread (see settledOf). */
  sharedList(): string[] {
    if (!this.settled) throw new Error('SharedTargets: sharedList() before settle()');
    return [...this.users.keys()];
  }

  /** Settled shared targets from sharedList(). */
  static settledOf(shared: Iterable<string>): SharedTargets {
    const targets = new SharedTargets();
    for (const target of shared) targets.users.set(target, null);
    targets.settled = true;
    return targets;
  }

  has(target: string): boolean {
    return this.users.get(target) === null;
  }
}
