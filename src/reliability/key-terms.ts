import { logLikelihood, logRatio } from './keyness.js';
import type { TermCounts } from './term-counts.js';

export interface KeyTerm {
  term: string;
  /** Target posts the term occurs in. */
  posts: number;
  frequency: number;
  reference_frequency: number;
  g2: number;
  log_ratio: number;
}

export interface KeyTermOptions {
  /** A term must occur in at least this many target posts: one post's pet phrase is not a pattern. */
  minPosts: number;
  minG2: number;
  top: number;
}

/**
 * Terms over-represented in the target (G² at least minG2, relatively more frequent than in the
 * reference), strongest first. Under-represented terms are left out: a cue is what a call has, not
 * what it lacks. Overlapping terms are thinned so the list shows distinct ideas: a phrase gives
 * way to a more frequent, at least as key term inside it ("the petition" to "petition"), then a
 * term that only ever occurs inside a remaining longer phrase gives way to the phrase ("ballot" to
 * "the ballot box").
 */
export function keyTerms(target: TermCounts, reference: TermCounts, options: KeyTermOptions): KeyTerm[] {
  const candidates: KeyTerm[] = [];
  for (const [term, a] of target.frequency) {
    const posts = target.posts.get(term)!;
    if (posts < options.minPosts) continue;
    const b = reference.frequency.get(term) ?? 0;
    const c = target.sizeFor(term);
    const d = reference.sizeFor(term);
    if (d === 0 || a / c <= b / d) continue;
    const g2 = logLikelihood(a, b, c, d);
    if (g2 < options.minG2) continue;
    candidates.push({ term, posts, frequency: a, reference_frequency: b, g2, log_ratio: logRatio(a, b, c, d) });
  }
  const inside = (shorter: KeyTerm, longer: KeyTerm) => shorter !== longer && ` ${longer.term} `.includes(` ${shorter.term} `);
  // Phrases give way first, so that a word only ever seen inside a dropped phrase still has its say.
  const general = candidates.filter((k) => !candidates.some((s) => inside(s, k) && s.frequency > k.frequency && s.g2 >= k.g2));
  return general
    .filter((k) => !general.some((longer) => inside(k, longer) && longer.frequency === k.frequency))
    .sort((x, y) => y.g2 - x.g2 || (x.term < y.term ? -1 : 1))
    .slice(0, options.top);
}
