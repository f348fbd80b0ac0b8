import type { CodeColumn } from './code-columns.js';
import { evidenceFor, formatEvidenceEntries, parseEvidence } from './evidence.js';
import type { ValidationPost } from './load-validation-data.js';
import { majorityCode, type Code } from './reference-code.js';

/** A post × code to adjudicate. */
export interface Disagreement {
  platform: string;
  post_id: string;
  code: string;
  /**
   * Who differs, comma-joined: "coders" (among themselves), "machine" (from the coders' majority),
   * "gold" (the adjudicated code differs from the machine's or the majority).
   */
  disagreement: string;
  /** Per coder. */
  coders: (Code | null)[];
  majority: Code | null;
  machine: Code;
  /** The adjudicated code where one was given, so that a rewritten table keeps the adjudication. */
  gold: Code | null;
  evidence: string;
  text: string;
  url: string;
}

/**
 * Every post × code where the coders differ, the machine differs from their majority, or an
 * adjudicated code differs from either. A row adjudicated in an earlier table always comes back
 * (its coders or machine still differ), so rewriting the table keeps its gold codes; a full gold
 * sheet adds only the posts where it changes something.
 */
export function findDisagreements(posts: readonly ValidationPost[], codes: readonly CodeColumn[]): Disagreement[] {
  const rows: Disagreement[] = [];
  for (const post of posts) {
    const entries = parseEvidence(post.evidence);
    codes.forEach((code, c) => {
      const given = post.coders.map((coder) => coder[c]!);
      const present = given.filter((g) => g !== null);
      const coders = present.some((g) => g !== present[0]);
      const majority = majorityCode(given);
      const machine = majority !== null && post.machine[c] !== majority;
      const gold = post.gold[c]!;
      const goldDiffers = gold !== null && (gold !== post.machine[c] || (majority !== null && gold !== majority));
      if (!coders && !machine && !goldDiffers) return;
      rows.push({
        platform: post.platform,
        post_id: post.post_id,
        code: code.column,
        disagreement: [coders && 'coders', machine && 'machine', goldDiffers && 'gold'].filter(Boolean).join(', '),
        coders: given,
        majority,
        machine: post.machine[c]!,
        gold,
        evidence: formatEvidenceEntries(evidenceFor(entries, code.category)),
        text: post.text,
        url: post.url,
      });
    });
  }
  return rows;
}
