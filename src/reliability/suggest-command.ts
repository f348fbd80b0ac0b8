import type { CodeColumn } from './code-columns.js';
import { falsePositiveCues, type CueSummary } from './false-positive-cues.js';
import { ValidationInputError } from './input-error.js';
import { keyTerms, type KeyTerm, type KeyTermOptions } from './key-terms.js';
import { loadValidationData, type ValidationPost } from './load-validation-data.js';
import { postKey } from './post-key.js';
import { referenceCode } from './reference-code.js';
import { readCodedPosts } from './run-directory.js';
import { TermCounts } from './term-counts.js';
import { termsOf } from './terms.js';

export type KeynessReference = 'negatives' | 'sample';

export interface SuggestOptions extends KeyTermOptions {
  coded: string[];
  gold?: string;
  reference: KeynessReference;
}

export interface CodeSuggestions {
  code: string;
  label: string;
  /** Posts the coders coded 1 and the machine 0. */
  missed: number;
  /** Posts the machine coded 1 and the coders 0. */
  false_positives: number;
  terms: KeyTerm[];
  cues: CueSummary[];
}

export interface Suggestions {
  run_id: string;
  codebook: { id: string; version: string };
  reference: KeynessReference;
  settings: KeyTermOptions;
  codes: CodeSuggestions[];
}

/**
 * `ctacode suggest`: for each code, the words and phrases typical of the posts the machine missed,
 * and the evidence behind its false positives. The missed posts are compared with `negatives` (every
 * post of the run the machine coded 0 for the code: the most text, hence the most power) or with
 * `sample` (the other posts on the sheets: the posts the coders actually read).
 */
export async function suggestImprovements(runDir: string, options: SuggestOptions): Promise<Suggestions> {
  const data = await loadValidationData(runDir, options.coded, options.gold);
  if (!data.run.hasText) {
    throw new ValidationInputError([`run ${data.run.runId} was made with --no-text, and suggestions are made from the words of the posts; code the export again without --no-text to use ctacode suggest`]);
  }
  const codes = data.run.codes;
  const references = data.posts.map((p) => codes.map((_code, c) => referenceCode(p.coders.map((coder) => coder[c]!), p.gold[c]!)));
  const missed = codes.map((_code, c) => data.posts.filter((p, i) => references[i]![c] === 1 && p.machine[c] === 0));

  const targets = missed.map((posts) => {
    const counts = new TermCounts();
    for (const post of posts) counts.add(termsOf(post.text));
    return counts;
  });
  const corpora =
    options.reference === 'sample'
      ? sampleReferences(data.posts, missed)
      : await runNegatives(readCodedPosts(data.run), codes, missed, targets);

  return {
    run_id: data.run.runId,
    codebook: { id: data.run.codebook.compiled.id, version: data.run.codebook.compiled.version },
    reference: options.reference,
    settings: { minPosts: options.minPosts, minG2: options.minG2, top: options.top },
    codes: codes.map((code, c) => {
      const cuePosts = data.posts.map((p, i) => ({ post_id: p.post_id, evidence: p.evidence, machine: p.machine[c]!, reference: references[i]![c] ?? null }));
      return {
        code: code.column,
        label: code.label,
        missed: missed[c]!.length,
        false_positives: cuePosts.filter((p) => p.machine === 1 && p.reference === 0).length,
        terms: missed[c]!.length === 0 ? [] : keyTerms(targets[c]!, corpora[c]!, options),
        cues: falsePositiveCues(cuePosts, code.category),
      };
    }),
  };
}

function sampleReferences(posts: readonly ValidationPost[], missed: readonly ValidationPost[][]): TermCounts[] {
  return missed.map((targets) => {
    const counts = new TermCounts();
    const left = new Set(targets);
    for (const post of posts) if (!left.has(post)) counts.add(termsOf(post.text));
    return counts;
  });
}

/** One pass over the run for all codes; only the terms of the missed posts are counted. */
async function runNegatives(records: AsyncIterable<Record<string, string>>, codes: readonly CodeColumn[], missed: readonly ValidationPost[][], targets: readonly TermCounts[]): Promise<TermCounts[]> {
  const corpora = targets.map((t) => new TermCounts(new Set(t.frequency.keys())));
  const excluded = missed.map((posts) => new Set(posts.map((p) => p.key)));
  const wanted = codes.map((_code, c) => missed[c]!.length > 0);
  if (!wanted.some(Boolean)) return corpora;
  for await (const record of records) {
    const key = postKey(record.platform!, record.post_id!);
    const into = codes.map((code, c) => wanted[c] && record[code.column] === '0' && !excluded[c]!.has(key));
    if (!into.some(Boolean)) continue;
    const terms = termsOf(record.text ?? '');
    into.forEach((add, c) => {
      if (add) corpora[c]!.add(terms);
    });
  }
  return corpora;
}
