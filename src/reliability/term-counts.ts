import { longestPhrase } from './terms.js';

/**
 * Term frequencies of a corpus, with its size per phrase length (a 3-word phrase competes with the
 * other 3-word phrases of the corpus, not with single words). With `only`, just those terms are
 * counted (sizes still count everything), which keeps a reference corpus of millions of posts small.
 */
export class TermCounts {
  readonly frequency = new Map<string, number>();
  /** Posts the term occurs in at least once. */
  readonly posts = new Map<string, number>();
  readonly sizes: number[] = Array.from({ length: longestPhrase }, () => 0);

  constructor(private readonly only?: ReadonlySet<string>) {}

  /** One post's terms, as termsOf gives them (tokenising once serves every corpus the post is in). */
  add(termsByLength: readonly (readonly string[])[]): void {
    const seen = new Set<string>();
    termsByLength.forEach((terms, i) => {
      this.sizes[i]! += terms.length;
      for (const term of terms) {
        if (this.only && !this.only.has(term)) continue;
        this.frequency.set(term, (this.frequency.get(term) ?? 0) + 1);
        if (!seen.has(term)) {
          seen.add(term);
          this.posts.set(term, (this.posts.get(term) ?? 0) + 1);
        }
      }
    });
  }

  sizeFor(term: string): number {
    return this.sizes[term.split(' ').length - 1]!;
  }
}
