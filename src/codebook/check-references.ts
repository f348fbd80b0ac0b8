import type { Codebook, CodebookCue } from '../types/contracts.js';
import type { CodebookProblem } from './codebook-error.js';

/**
 * What the schema cannot say: ids are unique, every reference points at something that exists,
 * and every language key is one of the codebook's languages.
 */
export function referenceProblems(codebook: Codebook): CodebookProblem[] {
  const problems: CodebookProblem[] = [];
  const languages = new Set(codebook.languages);
  const functionIds = codebook.functions.map((f) => f.id);

  problems.push(...duplicateIds(codebook.functions, '/functions', 'function'));
  problems.push(...duplicateIds(codebook.categories, '/categories', 'category'));

  problems.push(...hierarchyProblems(codebook, functionIds));

  codebook.categories.forEach((category, c) => {
    const at = `/categories/${c}`;
    problems.push(...unknownLanguages(category.cues, `${at}/cues`, languages, true));
    problems.push(...unknownLanguages(category.exclude ?? {}, `${at}/exclude`, languages, true));
    problems.push(...unknownLanguages(category.examples ?? {}, `${at}/examples`, languages, false));
    for (const [key, cues] of Object.entries(category.cues)) {
      if (key === 'any' && cues.actions !== undefined) {
        problems.push({ path: `${at}/cues/any/actions`, message: 'actions need the frames of a language; put them under a language key' });
      }
      if (key === 'any' && cues.stems !== undefined) {
        problems.push({ path: `${at}/cues/any/stems`, message: "stems need the language's stemmer; put them under a language key" });
      }
      for (const kind of ['phrases', 'stems', 'regex', 'hashtags', 'domains', 'emoji'] as const) {
        cues[kind]?.forEach((cue, i) => problems.push(...frameOptionsOutsideActions(cue, `${at}/cues/${key}/${kind}/${i}`)));
      }
      const frameIds = (codebook.rules?.[key]?.frames ?? []).map((frame) => frame.id);
      cues.actions?.forEach((cue, i) => problems.push(...unknownFrames(cue, `${at}/cues/${key}/actions/${i}`, frameIds, key)));
    }
  });

  problems.push(...unknownLanguages(codebook.lists ?? {}, '/lists', languages, false));
  const rules = codebook.rules ?? {};
  problems.push(...unknownLanguages(rules, '/rules', languages, false));
  for (const language of codebook.languages) {
    const withActions = codebook.categories.findIndex((category) => category.cues[language]?.actions !== undefined);
    if (rules[language] === undefined && withActions !== -1) {
      problems.push({ path: '/rules', message: `no rules for "${language}", whose actions (as in /categories/${withActions}/cues/${language}/actions) need frames; add rules.${language}.frames` });
    }
  }
  for (const [language, languageRules] of Object.entries(rules)) {
    problems.push(...duplicateIds(languageRules.frames, `/rules/${language}/frames`, 'frame'));
  }
  return problems;
}

/**
 * Every category sits under a function, directly (`function`) or through its parent (`parent`, a
 * category id); parents exist, no category is its own ancestor, and a child that names a function
 * names its parent's.
 */
function hierarchyProblems(codebook: Codebook, functionIds: readonly string[]): CodebookProblem[] {
  const problems: CodebookProblem[] = [];
  const categoryIds = codebook.categories.map((category) => category.id);
  codebook.categories.forEach((category, c) => {
    const at = `/categories/${c}`;
    if (category.function !== undefined && !functionIds.includes(category.function)) {
      problems.push({ path: `${at}/function`, message: `"${category.function}" is not a function id (${functionIds.join(', ')})` });
    }
    if (category.parent === undefined) {
      if (category.function === undefined) problems.push({ path: at, message: 'needs a "function" (or a "parent" category to take it from)' });
      return;
    }
    if (!categoryIds.includes(category.parent)) {
      problems.push({ path: `${at}/parent`, message: `"${category.parent}" is not a category id` });
      return;
    }
    const seen = new Set([category.id]);
    for (let parent = codebook.categories.find((other) => other.id === category.parent); parent !== undefined; ) {
      if (seen.has(parent.id)) {
        problems.push({ path: `${at}/parent`, message: `"${category.id}" would be its own ancestor (${[...seen, parent.id].join(' → ')})` });
        return;
      }
      seen.add(parent.id);
      const next = parent.parent;
      parent = next === undefined ? undefined : codebook.categories.find((other) => other.id === next);
    }
    const inherited = rootFunction(codebook, category);
    if (category.function !== undefined && inherited !== undefined && inherited !== category.function) {
      problems.push({ path: `${at}/function`, message: `"${category.function}" differs from the function of its parent "${category.parent}" (${inherited}); leave it out` });
    }
  });
  return problems;
}

/** The function of the category's top ancestor (the one without a parent). */
export function rootFunction(codebook: Codebook, category: Codebook['categories'][number]): string | undefined {
  let top = category;
  for (let depth = 0; top.parent !== undefined && depth < codebook.categories.length; depth++) {
    const parent = codebook.categories.find((other) => other.id === top.parent);
    if (parent === undefined) break;
    top = parent;
  }
  return top.function;
}

function duplicateIds(items: readonly { id: string }[], at: string, what: string): CodebookProblem[] {
  return items.flatMap((item, i) => {
    const first = items.findIndex((other) => other.id === item.id);
    return first === i ? [] : [{ path: `${at}/${i}/id`, message: `"${item.id}" is already the id of ${what} ${first}` }];
  });
}

function unknownLanguages(byLanguage: object, at: string, languages: ReadonlySet<string>, anyAllowed: boolean): CodebookProblem[] {
  const allowed = [...languages, ...(anyAllowed ? ['any'] : [])];
  return Object.keys(byLanguage)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: `${at}/${key}`, message: `"${key}" is not one of the codebook's languages (${allowed.join(', ')})` }));
}

function frameOptionsOutsideActions(cue: CodebookCue, at: string): CodebookProblem[] {
  if (typeof cue === 'string' || (cue.only_with === undefined && cue.not_with === undefined)) return [];
  return [{ path: at, message: 'only_with and not_with apply to actions only: other cues need no frame' }];
}

function unknownFrames(cue: CodebookCue, at: string, frameIds: readonly string[], language: string): CodebookProblem[] {
  if (typeof cue === 'string') return [];
  return (['only_with', 'not_with'] as const).flatMap((option) =>
    (cue[option] ?? []).flatMap((id, i) =>
      frameIds.includes(id) ? [] : [{ path: `${at}/${option}/${i}`, message: `"${id}" is not a frame of ${language} (${frameIds.join(', ')})` }],
    ),
  );
}
