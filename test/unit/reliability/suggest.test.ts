import { describe, expect, it } from 'vitest';
import { parseEvidence } from '../../../src/reliability/evidence.js';
import { falsePositiveCues } from '../../../src/reliability/false-positive-cues.js';
import { keyTerms } from '../../../src/reliability/key-terms.js';
import { logLikelihood, logRatio } from '../../../src/reliability/keyness.js';
import type { Suggestions } from '../../../src/reliability/suggest-command.js';
import { suggestionsText } from '../../../src/reliability/suggestions-text.js';
import { TermCounts } from '../../../src/reliability/term-counts.js';
import { termsOf } from '../../../src/reliability/terms.js';

const corpus = (texts: string[], only?: Set<string>) => {
  const counts = new TermCounts(only);
  for (const text of texts) counts.add(termsOf(text));
  return counts;
};

describe('keyness', () => {
  it('computes G² with the expected frequencies E = c(a+b)/(c+d) and d(a+b)/(c+d)', () => {
    // 2 (30 ln(30 / 16.667) + 20 ln(20 / 33.333)) = 14.834
    expect(logLikelihood(30, 20, 1000, 2000)).toBeCloseTo(14.834, 3);
    // Absent from the reference: 0 ln 0 counts as 0, so G² = 2 * 5 ln(5 / (500 / 1100)) = 10 ln 11.
    expect(logLikelihood(5, 0, 100, 1000)).toBeCloseTo(10 * Math.log(11), 10);
    expect(logLikelihood(10, 20, 1000, 2000)).toBeCloseTo(0, 10);
  });

  it('gives the log ratio as effect size, with 0.5 for a zero frequency', () => {
    expect(logRatio(30, 20, 1000, 2000)).toBeCloseTo(Math.log2(3), 10);
    expect(logRatio(5, 0, 100, 1000)).toBeCloseTo(Math.log2(100), 10);
  });
});

describe('terms', () => {
  it('gives words and phrases of up to three words that do not cross breaks, links by host', () => {
    const [words, pairs, triples] = termsOf('Sign the petition, tag @mayor! https://www.change.org/p/x 2024');
    expect(words).toEqual(['sign', 'the', 'petition', 'tag', '@mention', 'change.org']);
    expect(pairs).toEqual(['sign the', 'the petition', 'tag @mention']);
    expect(triples).toEqual(['sign the petition']);
  });

  it('counts frequencies, posts and corpus sizes per phrase length, optionally only some terms', () => {
    const counts = corpus(['vote vote now', 'vote later'], new Set(['vote', 'vote now']));
    expect([...counts.frequency]).toEqual([['vote', 3], ['vote now', 1]]);
    expect(counts.posts.get('vote')).toBe(2);
    expect(counts.sizes).toEqual([5, 3, 1]);
    expect(counts.sizeFor('vote now')).toBe(3);
  });
});

describe('keyTerms', () => {
  const missed = ['make sure your voice is heard on sunday', 'make sure your voice is heard, friends', 'lovely weather and your voice'];
  const rest = ['lovely weather today', 'what a lovely day', 'sunday lunch with friends', 'the weather is nice', 'is it sunday yet'];

  it('lists over-represented terms, phrases instead of words that only occur inside them', () => {
    const terms = keyTerms(corpus(missed), corpus(rest), { minPosts: 2, minG2: 0, top: 50 });
    const names = terms.map((t) => t.term);
    expect(names).toContain('your voice');
    expect(names).toContain('make sure');
    // "your" is keyer than "make sure your" and takes its place, then gives way to "your voice".
    for (const gone of ['voice', 'your', 'make', 'make sure your']) expect(names).not.toContain(gone);
    expect(names).not.toContain('lovely');
    expect(terms.every((t) => t.posts >= 2)).toBe(true);
    expect([...terms].sort((a, b) => b.g2 - a.g2)).toEqual(terms);
  });

  it('respects the thresholds', () => {
    expect(keyTerms(corpus(missed), corpus(rest), { minPosts: 4, minG2: 0, top: 10 })).toEqual([]);
    expect(keyTerms(corpus(missed), corpus(rest), { minPosts: 1, minG2: 3.84, top: 10 }).every((t) => t.g2 >= 3.84)).toBe(true);
    expect(keyTerms(corpus(missed), corpus(rest), { minPosts: 1, minG2: 0, top: 2 })).toHaveLength(2);
  });
});

describe('evidence', () => {
  it('parses cta_evidence, whose matched text may hold quotes and bars', () => {
    const cell = 'petition/imperative: "Sign the "real" petition" [0-17] | share/imperative: "share | repost" [20-34] | petition/domain: "https://change.org/p/x"';
    expect(parseEvidence(cell)).toEqual([
      { category: 'petition', rule: 'imperative', text: 'Sign the "real" petition' },
      { category: 'share', rule: 'imperative', text: 'share | repost' },
      { category: 'petition', rule: 'domain', text: 'https://change.org/p/x' },
    ]);
    expect(parseEvidence('')).toEqual([]);
    // A run made with --no-text keeps category, rule and offsets only.
    expect(parseEvidence('vote/imperative [0-4] | vote/domain | share/hashtag [10-16]')).toEqual([
      { category: 'vote', rule: 'imperative', text: '' },
      { category: 'vote', rule: 'domain', text: '' },
      { category: 'share', rule: 'hashtag', text: '' },
    ]);
  });

  it('ranks the cues behind false positives, with how often the same cue was right', () => {
    const posts = [
      { post_id: '1', evidence: 'protest/imperative: "March" [0-5]', machine: 1 as const, reference: 0 as const },
      { post_id: '2', evidence: 'protest/imperative: "march" [0-5]', machine: 1 as const, reference: 0 as const },
      { post_id: '3', evidence: 'protest/imperative: "March" [0-5]', machine: 1 as const, reference: 1 as const },
      { post_id: '4', evidence: 'vote/hashtag: "#vote" [0-5]', machine: 1 as const, reference: 0 as const },
      { post_id: '5', evidence: 'vote/hashtag: "#vote" [0-5]', machine: 1 as const, reference: null },
    ];
    expect(falsePositiveCues(posts, null)).toEqual([
      { category: 'protest', rule: 'imperative', text: 'march', false_positives: 2, true_positives: 1, posts: ['1', '2'] },
      { category: 'vote', rule: 'hashtag', text: '#vote', false_positives: 1, true_positives: 0, posts: ['4'] },
    ]);
    expect(falsePositiveCues(posts, 'vote').map((c) => c.text)).toEqual(['#vote']);
  });
});

describe('suggestionsText', () => {
  it('prints a table per code with something to learn', () => {
    const suggestions: Suggestions = {
      run_id: 'r1',
      codebook: { id: 'cta-v1', version: '1.0.0' },
      reference: 'sample',
      settings: { minPosts: 2, minG2: 3.84, top: 20 },
      codes: [
        { code: 'cta_any', label: 'Any call to action', missed: 3, false_positives: 1, terms: [{ term: 'your voice', posts: 3, frequency: 3, reference_frequency: 0, g2: 9.5, log_ratio: 3.2 }], cues: [{ category: 'protest', rule: 'imperative', text: 'march', false_positives: 1, true_positives: 4, posts: ['9'] }] },
        { code: 'cta_vote', label: 'Vote', missed: 0, false_positives: 0, terms: [], cues: [] },
      ],
    };
    const text = suggestionsText(suggestions);
    expect(text).toContain('cta_any (Any call to action): 3 missed, 1 false positive(s)');
    expect(text).toMatch(/your voice\s+3\s+3\s+0\s+9\.50\s+3\.20/);
    expect(text).toMatch(/protest\/imperative\s+"march"\s+1\s+4\s+9/);
    expect(text).not.toContain('cta_vote');
  });
});
