import { evidenceFor, parseEvidence } from './evidence.js';
import type { Code } from './reference-code.js';

export interface CueSummary {
  category: string;
  rule: string;
  /** The matched text, lower-cased so that "Sign" and "sign" are one cue. */
  text: string;
  /** Posts the coders coded 0 where this match made the machine code 1. */
  false_positives: number;
  /** Posts where the same match was right: a cue with many of these needs a narrower rule, not deleting. */
  true_positives: number;
  /** A few of the false positives, to look at. */
  posts: string[];
}

export interface CuePost {
  post_id: string;
  evidence: string;
  machine: Code;
  reference: Code | null;
}

const examples = 3;

/** The evidence behind the machine's false positives for one code (category null: cta_any), worst first. */
export function falsePositiveCues(posts: readonly CuePost[], category: string | null): CueSummary[] {
  const cues = new Map<string, CueSummary>();
  for (const post of posts) {
    if (post.machine !== 1 || post.reference === null) continue;
    const seen = new Set<string>();
    for (const entry of evidenceFor(parseEvidence(post.evidence), category)) {
      const text = entry.text.toLowerCase();
      const key = `${entry.category}/${entry.rule}/${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const cue = cues.get(key) ?? { category: entry.category, rule: entry.rule, text, false_positives: 0, true_positives: 0, posts: [] };
      if (post.reference === 1) cue.true_positives++;
      else {
        cue.false_positives++;
        if (cue.posts.length < examples) cue.posts.push(post.post_id);
      }
      cues.set(key, cue);
    }
  }
  return [...cues.values()]
    .filter((c) => c.false_positives > 0)
    .sort((a, b) => b.false_positives - a.false_positives || a.true_positives - b.true_positives || (a.text < b.text ? -1 : 1));
}
