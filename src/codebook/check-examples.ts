import { codeCalls } from '../coding/code-post.js';
import type { Codebook, Evidence, Post } from '../types/contracts.js';
import type { CodebookProblem } from './codebook-error.js';
import type { CompiledCodebook } from './compiled-codebook.js';
import { textPost } from '../coding/text-post.js';

/**
 * Codes every example of the codebook with the codebook itself. A positive example must be coded
 * as its category, a negative one must not; each failure says what was found and why. Calls to
 * action only, without sentiment: measuring it built the sentiment lexicons of every language the
 * examples are in, about 0.15 s in every thread that compiles the codebook, for runs in one language.
 */
export function exampleProblems(codebook: Codebook, compiled: CompiledCodebook): CodebookProblem[] {
  const problems: CodebookProblem[] = [];
  codebook.categories.forEach((category, c) => {
    for (const [lang, examples] of Object.entries(category.examples ?? {})) {
      for (const expected of ['positive', 'negative'] as const) {
        examples[expected]?.forEach((text, i) => {
          const coding = codeCalls(examplePost(text, lang), compiled);
          const coded = coding.categories.includes(category.id);
          if (coded === (expected === 'positive')) return;
          const own = coding.evidence.filter((evidence) => evidence.category === category.id);
          const message =
            expected === 'positive'
              ? `category "${category.id}" should be coded in ${JSON.stringify(text)} but is not; found: ${describe(coding.evidence)}`
              : `category "${category.id}" should not be coded in ${JSON.stringify(text)} but is: ${describe(own)}`;
          problems.push({ path: `/categories/${c}/examples/${lang}/${expected}/${i}`, message });
        });
      }
    }
  });
  return problems;
}

function describe(evidence: readonly Evidence[]): string {
  if (evidence.length === 0) return 'no call to action';
  return evidence.map((e) => `${e.category} by ${e.rule} ${JSON.stringify(e.text)} (cue ${JSON.stringify(e.cue)})`).join(', ');
}

function examplePost(text: string, lang: string): Post {
  return textPost(text, { file: 'codebook', format: 'codebook-example', row: 0 }, { lang });
}
