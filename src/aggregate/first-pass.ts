import { fnv1a } from '../runtime/fnv1a.js';
import type { PartCopies } from './coded-part.js';
import { dedupShares, KeptCopies, keptBits, shareOf } from './deduplicate.js';
import { ShareSpill } from './share-spill.js';
import { SharedTargets } from './shared-targets.js';

export interface FirstPassSettings {
  /** Posts whose keys one share holds at most (postsPerDedupShare). */
  postsPerShare: number;
  /** Where a share's spilled records go, for shares 1 and up. */
  spillPath: (share: number) => string;
  /** Where the copies come from, for error messages. */
  where: string;
}

/**
 * The aggregate step's first pass, over the copies of every batch in input order: which copy of
 * each post to keep (KeptCopies; the result is keptBits) and which CTA targets two or more accounts
 * used. `posts`: how many copies the batches hold, as their files reported.
 *
 * A run of more posts than one share holds is split into shares by hash (shareOf: of a post's key,
 * of a target itself): the entries are read once, the first share is deduplicated as it is read and
 * the others are written to a file each (ShareSpill), then read back one at a time. So memory
 * holds one share's keys and one share's targets of a single account at a time, since in real
 * exports most links are used once and so grow with the posts.
 */
export async function keptAndShared(batches: AsyncIterable<PartCopies>, posts: number, settings: FirstPassSettings): Promise<{ kept: Uint8Array; shared: SharedTargets }> {
  const shared = new SharedTargets();
  const kept = keptBits(posts);
  const shares = dedupShares(posts, settings.postsPerShare);
  const spill = shares > 1 ? new ShareSpill(shares, settings.spillPath) : null;
  // The keys split about evenly between the shares by their hash.
  const postsInShare = Math.ceil(posts / shares);
  try {
    const first = new KeptCopies(postsInShare);
    let ordinal = 0;
    for await (const { key, collectedAt, engagement, account, targetsUsed } of batches) {
      if (ordinal + key.length > posts) throw new Error(`${settings.where} hold more posts than the ${posts} their files reported; code the run again`);
      for (let i = 0; i < key.length; i++, ordinal++) {
        const copy = { key: key[i]!, collectedAt: collectedAt[i]!, engagement: engagement[i]! };
        const hash = fnv1a(copy.key);
        const share = shareOf(hash, shares);
        if (share === 0) first.add(copy, ordinal, hash);
        else spill!.addCopy(share, ordinal, hash, copy);
        for (const target of targetsUsed[i]!) {
          const targetShare = spill === null ? 0 : shareOf(fnv1a(target), shares);
          if (targetShare === 0) shared.addUse(account[i]!, target);
          else spill!.addUse(targetShare, account[i]!, target);
        }
      }
    }
    if (ordinal !== posts) throw new Error(`${settings.where} hold ${ordinal} posts where their files reported ${posts}; code the run again`);
    first.markKept(kept);
    if (spill !== null) {
      spill.finish();
      for (let share = 1; share < shares; share++) {
        shared.dropUnshared();
        const copies = new KeptCopies(postsInShare);
        for (const record of spill.read(share)) {
          if (record.kind === 'copy') copies.add(record.copy, record.ordinal, record.hash);
          else shared.addUse(record.account, record.target);
        }
        copies.markKept(kept);
      }
    }
  } finally {
    spill?.remove();
  }
  return { kept, shared: shared.settle() };
}
