import { PatternIndex } from '../coding/pattern-index.js';
import { stemmerFor } from '../coding/stemmers.js';
import { combineTests, noTokens, type TokenTest } from '../coding/token-test.js';
import { WordCache } from '../coding/word-cache.js';
import { normaliseToken } from '../coding/tokens.js';
import type { Codebook, CodebookCue, CodebookCues, CodebookFrame } from '../types/contracts.js';
import type { CodebookProblem } from './codebook-error.js';
import type {
  ActionCue,
  Cue,
  DomainCue,
  ExclusionPhrase,
  Frame,
  FramePhrase,
  LanguageMatcher,
  RegexCue,
  TextCue,
} from './compiled-codebook.js';
import { CueSyntaxError, defaultGap, parsePattern, parseSingleToken, stemsCue, type StemFunction, type WordLists } from './cue-syntax.js';

/**
 * Compiles what coding a post in `language` needs: that language's cues, rules and exclusions
 * merged with the language-independent ones (`any`). `language` null gives the matcher for posts in
 * languages the codebook has no rules for. Problems are added to `problems` with their paths.
 */
export function compileLanguage(codebook: Codebook, language: string | null, problems: CodebookProblem[]): LanguageMatcher {
  const attempt: Attempt = (path, compile, fallback) => {
    try {
      return compile();
    } catch (error) {
      // SyntaxError: a regular expression that does not compile.
      if (!(error instanceof CueSyntaxError || error instanceof SyntaxError)) throw error;
      problems.push({ path, message: error.message });
      return fallback;
    }
  };
  // The stemmer is loaded only when a cue of the language compares stems.
  let usesStems = false;
  const languageStem: StemFunction =
    language === null
      ? null
      : (word) => {
          const stemmer = stemmerFor(language);
          if (stemmer === undefined) throw new CueSyntaxError(`"${language}" has no stemmer, so its cues cannot compare stems (~word, stems)`);
          usesStems = true;
          return stemmer(word);
        };
  const independentStem: StemFunction = () => {
    throw new CueSyntaxError('stems depend on the language: put this cue under a language key, not any');
  };
  const stemFor = (key: string): StemFunction => (key === 'any' ? independentStem : languageStem);
  const tokenList = (entries: readonly string[], path: string, lists: WordLists): TokenTest =>
    combineTests(entries.map((entry, i) => attempt(`${path}/${i}`, () => parseSingleToken(entry, lists, languageStem), noTokens)));
  const keys = language === null ? ['any'] : [language, 'any'];
  const lists: WordLists = language === null ? new Map() : compileLists(codebook, language, tokenList);
  const rules = language === null ? undefined : codebook.rules?.[language];
  const frames = (rules?.frames ?? []).map((frame, order) =>
    compileFrame(frame, order, `/rules/${language}/frames/${order}`, lists, languageStem, attempt, tokenList),
  );

  const actions: ActionCue[] = [];
  const phrases: TextCue[] = [];
  const regexCues: RegexCue[] = [];
  const exclusionPhrases: ExclusionPhrase[] = [];
  const exclusionRegexes = new Map<number, RegExp[]>();
  const hashtags = new Map<string, Cue[]>();
  const hashtagPrefixes: { prefix: string; cue: Cue }[] = [];
  const domains = new Map<string, DomainCue[]>();
  const emoji = new Map<string, Cue[]>();

  codebook.categories.forEach((category, c) => {
    for (const key of keys) {
      const cues: CodebookCues = category.cues[key] ?? {};
      const path = `/categories/${c}/cues/${key}`;
      const cueLists: WordLists = key === 'any' ? new Map() : lists;
      const stem = stemFor(key);
      cues.actions?.forEach((entry, i) => {
        const { cue, weight, options } = readCue(entry);
        const pattern = attempt(`${path}/actions/${i}`, () => parsePattern(cue, cueLists, stem), null);
        const onlyWith = options.only_with === undefined ? null : new Set(options.only_with);
        if (pattern !== null) actions.push({ category: c, cue, weight, pattern, onlyWith, notWith: new Set(options.not_with) });
      });
      cues.phrases?.forEach((entry, i) => {
        const { cue, weight } = readCue(entry);
        const pattern = attempt(`${path}/phrases/${i}`, () => parsePattern(cue, cueLists, stem), null);
        if (pattern !== null) phrases.push({ category: c, cue, weight, pattern, rule: 'phrase' });
      });
      cues.stems?.forEach((entry, i) => {
        const { cue, weight } = readCue(entry);
        const pattern = attempt(`${path}/stems/${i}`, () => parsePattern(stemsCue(cue), cueLists, stem), null);
        if (pattern !== null) phrases.push({ category: c, cue, weight, pattern, rule: 'stem' });
      });
      cues.regex?.forEach((entry, i) => {
        const { cue, weight } = readCue(entry);
        const regex = attempt(`${path}/regex/${i}`, () => new RegExp(cue, 'giu'), null);
        if (regex !== null) regexCues.push({ category: c, cue, weight, regex });
      });
      cues.hashtags?.forEach((entry) => {
        const { cue, weight } = readCue(entry);
        const tag = normaliseToken(cue.replace(/^#/, ''), 'word');
        const compiled = { category: c, cue, weight };
        if (tag.length > 1 && tag.endsWith('*')) hashtagPrefixes.push({ prefix: tag.slice(0, -1), cue: compiled });
        else push(hashtags, tag, compiled);
      });
      cues.domains?.forEach((entry) => {
        const { cue, weight } = readCue(entry);
        const [host = '', ...path] = cue.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').split('/');
        const pathPrefix = path.length === 0 ? '' : `/${path.join('/')}`.replace(/\/$/, '');
        push(domains, host, { category: c, cue, weight, host, pathPrefix });
      });
      cues.emoji?.forEach((entry) => {
        const { cue, weight } = readCue(entry);
        push(emoji, normaliseToken(cue, 'emoji'), { category: c, cue, weight });
      });
      const exclude = category.exclude?.[key] ?? {};
      const excludePath = `/categories/${c}/exclude/${key}`;
      exclude.phrases?.forEach((phrase, i) => {
        const pattern = attempt(`${excludePath}/phrases/${i}`, () => parsePattern(phrase, cueLists, stem), null);
        if (pattern !== null) exclusionPhrases.push({ category: c, pattern });
      });
      exclude.regex?.forEach((source, i) => {
        const regex = attempt(`${excludePath}/regex/${i}`, () => new RegExp(source, 'giu'), null);
        if (regex !== null) push(exclusionRegexes, c, regex);
      });
    }
  });

  const rulesPath = `/rules/${language}`;
  const lead = tokenList(rules?.lead ?? [], `${rulesPath}/lead`, lists);
  const coordinators = tokenList(rules?.coordination?.words ?? [], `${rulesPath}/coordination/words`, lists);
  return {
    lang: language,
    stem: usesStems && language !== null ? (stemmerFor(language) ?? null) : null,
    lead,
    coordinators,
    coordinationGap: rules?.coordination?.max_gap ?? defaultGap,
    clauseStartFrames: frames.map(({ frame }) => frame).filter((frame) => frame.type === 'clause-start'),
    framePhrases: new PatternIndex(frames.flatMap(({ phrases: framePhrases }) => framePhrases)),
    actions: new PatternIndex(actions),
    phrases: new PatternIndex(phrases),
    regexCues,
    anyRegex: combineRegexes(regexCues.map((cue) => cue.cue)),
    exclusionPhrases: new PatternIndex(exclusionPhrases),
    exclusionRegexes,
    hashtags,
    hashtagPrefixes,
    domains,
    emoji,
    wordCues: new WordCache(50_000),
  };
}

/**
 * One expression that matches wherever one of `sources` does, for a quick first test. Group
 * numbers shift in an alternation, so expressions with back-references or named groups are not
 * combined (null: test each).
 */
function combineRegexes(sources: readonly string[]): RegExp | null {
  if (sources.length === 0 || sources.some((source) => /\\[1-9]|\\k<|\(\?<[^=!]/.test(source))) return null;
  try {
    return new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'iu');
  } catch {
    return null;
  }
}

type Attempt = <T>(path: string, compile: () => T, fallback: T) => T;
type TokenList = (entries: readonly string[], path: string, lists: WordLists) => TokenTest;

/** A word list entry is a word, a `word*` or a `<kind>`, never another list. */
function compileLists(codebook: Codebook, language: string, tokenList: TokenList): WordLists {
  const lists = new Map<string, TokenTest>();
  for (const [name, entries] of Object.entries(codebook.lists?.[language] ?? {})) {
    lists.set(name, tokenList(entries, `/lists/${language}/${name}`, new Map()));
  }
  return lists;
}

function compileFrame(
  frame: CodebookFrame,
  order: number,
  path: string,
  lists: WordLists,
  stem: StemFunction,
  attempt: Attempt,
  tokenList: TokenList,
): { frame: Frame; phrases: FramePhrase[] } {
  const compiled: Frame = {
    id: frame.id,
    type: frame.type,
    order,
    atClauseStart: frame.at_clause_start ?? false,
    filler: tokenList(frame.filler ?? [], `${path}/filler`, lists),
    notFollowedBy: tokenList(frame.not_followed_by ?? [], `${path}/not_followed_by`, lists),
    followedBy: frame.followed_by === undefined ? null : tokenList(frame.followed_by, `${path}/followed_by`, lists),
    gap: frame.gap ?? 0,
    markedOnly: frame.marked_only ?? false,
  };
  const phrases = (frame.phrases ?? []).flatMap((phrase, i) => {
    const pattern = attempt(`${path}/phrases/${i}`, () => parsePattern(phrase, lists, stem), null);
    return pattern === null ? [] : [{ frame: compiled, pattern }];
  });
  return { frame: compiled, phrases };
}

function readCue(entry: CodebookCue): { cue: string; weight: number; options: Exclude<CodebookCue, string> | Record<string, never> } {
  if (typeof entry === 'string') return { cue: entry, weight: 1, options: {} };
  return { cue: entry.cue, weight: entry.weight ?? 1, options: entry };
}

function push<K, T>(map: Map<K, T[]>, key: K, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}
