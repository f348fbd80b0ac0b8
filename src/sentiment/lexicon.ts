/**
 * A sentiment lexicon: valences of words and short phrases, in AFINN units (-5 … 5). Built once
 * per language and process; lookups of inflected or stretched words ("goooood", Danish
 * "skuffende" → stem "skuf") are worked out once per distinct word and then cached.
 */
export class Lexicon {
  /** Longest phrase in the lexicon, in words. */
  readonly maxPhraseWords: number;
  private readonly phraseStarts = new Set<string>();
  /**
   * Per first word of a phrase, the words that can follow it in one: most words that start a
   * phrase ("no", "not", "right") are not followed by one, and this says so without building the
   * joined phrase and hashing it.
   */
  private readonly secondWords = new Map<string, Set<string>>();
  private readonly cache = new Map<string, number | null>();

  /**
   * @param entries word or phrase (lower-case, words separated by one space) → valence
   * @param variants other spellings to try, in order, for a word that is not an entry (its stem,
   *   its singular …): a pure function of the word, so its results can be cached
   */
  constructor(
    readonly entries: ReadonlyMap<string, number>,
    private readonly variants: (word: string) => readonly string[] = () => [],
    private readonly cacheLimit = 200_000,
  ) {
    let longest = 1;
    for (const key of entries.keys()) {
      if (!key.includes(' ')) continue;
      const words = key.split(' ');
      longest = Math.max(longest, words.length);
      this.phraseStarts.add(words[0]!);
      let seconds = this.secondWords.get(words[0]!);
      if (seconds === undefined) this.secondWords.set(words[0]!, (seconds = new Set()));
      seconds.add(words[1]!);
    }
    this.maxPhraseWords = longest;
  }

  /** The valence of one word (or an undefined for a word without sentiment). */
  valence(word: string): number | undefined {
    const direct = this.entries.get(word);
    if (direct !== undefined) return direct;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    let found: number | undefined;
    for (const variant of this.variants(word)) {
      found = this.entries.get(variant);
      if (found !== undefined) break;
    }
    // The cache only saves work: clearing it when full changes no result.
    if (this.cache.size >= this.cacheLimit) this.cache.clear();
    this.cache.set(word, found ?? null);
    return found;
  }

  /** Whether a phrase entry starts with this word. */
  startsPhrase(word: string): boolean {
    return this.phraseStarts.has(word);
  }

  /** Whether a phrase entry starts with these two words. */
  phraseGoesOn(first: string, second: string): boolean {
    return this.secondWords.get(first)?.has(second) === true;
  }

  /** The valence of a phrase of several words (joined by one space), exact entries only. */
  phraseValence(phrase: string): number | undefined {
    return this.entries.get(phrase);
  }
}

/** "goooood" → "good", "sooo" → "so": letters repeated three times or more, as twice and as once. */
export function unstretched(word: string): string[] {
  if (!/(\p{L})\1\1/u.test(word)) return [];
  const twice = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  const once = word.replace(/(\p{L})\1{2,}/gu, '$1');
  return twice === once ? [once] : [twice, once];
}
