import type { Codebook } from '../types/contracts.js';
import { exampleProblems } from './check-examples.js';
import { referenceProblems, rootFunction } from './check-references.js';
import { CodebookError, type CodebookProblem } from './codebook-error.js';
import { compileLanguage } from './compile-language.js';
import type { CompiledCodebook } from './compiled-codebook.js';
import { schemaProblems } from './validate-schema.js';

export type { CategoryInfo, CompiledCodebook, FunctionInfo } from './compiled-codebook.js';

/**
 * Checks a codebook document and compiles it for coding: schema, references, cue syntax and
 * regular expressions, then its own examples. Throws a CodebookError listing every problem of the
 * first stage that has any (later stages need the earlier ones to pass).
 */
export function compileCodebook(document: Codebook): CompiledCodebook {
  throwIfAny(schemaProblems(document));
  throwIfAny(referenceProblems(document));

  const problems: CodebookProblem[] = [];
  const matchers = new Map(document.languages.map((lang) => [lang, compileLanguage(document, lang, problems)]));
  const independentMatcher = compileLanguage(document, null, problems);
  // Language-independent cues are compiled with every language: report their problems once.
  throwIfAny(problems.filter((p, i) => problems.findIndex((q) => q.path === p.path) === i));

  const compiled: CompiledCodebook = {
    id: document.id,
    version: document.version,
    title: document.title,
    description: document.description ?? '',
    languages: document.languages,
    functions: document.functions.map(({ id, label, definition }) => ({ id, label, definition })),
    categories: document.categories.map((c) => ({
      id: c.id,
      label: c.label,
      definition: c.definition,
      function: rootFunction(document, c) ?? '',
      parent: c.parent ?? null,
      ancestors: ancestors(document, c),
      threshold: c.threshold ?? 1,
    })),
    matchers,
    independentMatcher,
  };
  throwIfAny(exampleProblems(document, compiled));
  return compiled;
}

/** Indices of the category's parent, grandparent, …; the references check has ruled out cycles. */
function ancestors(document: Codebook, category: Codebook['categories'][number]): number[] {
  const found: number[] = [];
  for (let parent = category.parent; parent !== undefined; ) {
    const index = document.categories.findIndex((other) => other.id === parent);
    if (index === -1 || found.includes(index)) break;
    found.push(index);
    parent = document.categories[index]!.parent;
  }
  return found;
}

function throwIfAny(problems: readonly CodebookProblem[]): void {
  if (problems.length > 0) throw new CodebookError(undefined, problems);
}
