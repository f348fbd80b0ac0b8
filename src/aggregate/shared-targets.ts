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
  private readonly users = new Map<string, string | null>();

  add(facts: Pick<PostFacts, 'platform' | 'accountId' | 'handle' | 'name' | 'ctaAny' | 'targets'>): void {
    if (!usesTargets(facts)) return;
    const account = accountKey(facts);
    for (const target of facts.targets) {
      const seen = this.users.get(target);
      if (seen === undefined) this.users.set(target, account);
      else if (seen !== null && seen !== account) this.users.set(target, null);
    }
  }

  has(target: string): boolean {
    return this.users.get(target) === null;
  }
}
