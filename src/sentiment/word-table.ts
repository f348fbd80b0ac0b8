import type { LanguageRules } from './language-rules.js';
import type { Lexicon } from './lexicon.js';

/** What a word does to the valences around it. */
export const Role = { None: 0, Negator: 1, Booster: 2, Dampener: 3, Contrast: 4, Concessive: 5 } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Everything scoring needs to know about one word in one language, worked out once. */
export interface WordInfo {
  /** The word's own valence (AFINN units), if it has one. */
  readonly valence: number | undefined;
  readonly role: Role;
  /** First word of a two-word rule entry ("sin embargo", "even though"). */
  readonly pairStart: boolean;
  /** First word of a phrase of the lexicon ("fed up"). */
  readonly phraseStart: boolean;
  /** The valence counts only right after one of these words. */
  readonly onlyAfter: ReadonlySet<string> | undefined;
  /** A first- or second-person pronoun: the post speaks in its author's voice. */
  readonly personal: boolean;
}

/**
 * The WordInfo that tables gave one spelling, kept with the spelling's tokens (sentiment-tokens.ts)
 * so that scoring finds it without hashing the word again. A few tables at most: one per
 * language seen with the spelling; past maxInfoSlots the table's own Map answers.
 */
export type InfoSlots = { readonly table: WordTable; readonly info: WordInfo }[];
const maxInfoSlots = 8;

/**
 * One lookup per token: the lexicon and the language rules folded into a cached record per
 * distinct word, so that scoring a post costs one map lookup per word after warm-up.
 */
export class WordTable {
  private readonly words = new Map<string, WordInfo>();
  private readonly pairs = new Map<string, Role>();

  constructor(
    readonly lexicon: Lexicon,
    readonly rules: LanguageRules,
    private readonly cacheLimit = 200_000,
  ) {
    const addPairs = (entries: ReadonlySet<string>, role: Role) => {
      for (const entry of entries) if (entry.includes(' ')) this.pairs.set(entry, role);
    };
    addPairs(rules.negators, Role.Negator);
    addPairs(rules.boosters, Role.Booster);
    addPairs(rules.dampeners, Role.Dampener);
    addPairs(rules.contrast, Role.Contrast);
    addPairs(rules.concessive, Role.Concessive);
  }

  info(word: string): WordInfo {
    let info = this.words.get(word);
    if (info === undefined) {
      info = this.describe(word);
      // The cache only saves work: clearing it when full changes no result.
      if (this.words.size >= this.cacheLimit) this.words.clear();
      this.words.set(word, info);
    }
    return info;
  }

  /** info(word.text), from the slots of the word's spelling where it has them. */
  infoOf(word: { readonly text: string; readonly infos: InfoSlots | null }): WordInfo {
    const { infos } = word;
    if (infos === null) return this.info(word.text);
    for (let i = 0; i < infos.length; i++) if (infos[i]!.table === this) return infos[i]!.info;
    const info = this.info(word.text);
    if (infos.length < maxInfoSlots) infos.push({ table: this, info });
    return info;
  }

  /** The role of a two-word rule entry, or None. */
  pairRole(first: string, second: string): Role {
    return this.pairs.get(`${first} ${second}`) ?? Role.None;
  }

  private describe(word: string): WordInfo {
    const { rules, lexicon } = this;
    let role: Role = Role.None;
    if (rules.contrast.has(word)) role = Role.Contrast;
    else if (rules.concessive.has(word)) role = Role.Concessive;
    else if (rules.negators.has(word) || rules.negatorEndings.some((ending) => word.endsWith(ending))) role = Role.Negator;
    else if (rules.boosters.has(word)) role = Role.Booster;
    else if (rules.dampeners.has(word)) role = Role.Dampener;
    let pairStart = false;
    for (const key of this.pairs.keys()) if (key.startsWith(`${word} `)) pairStart = true;
    return {
      valence: lexicon.valence(word),
      role,
      pairStart,
      phraseStart: lexicon.maxPhraseWords > 1 && lexicon.startsPhrase(word),
      onlyAfter: rules.onlyAfter.get(word),
      personal: rules.personal.has(word),
    };
  }
}
