import type { SentimentToken } from './sentiment-tokens.js';
import { Role, type WordTable } from './word-table.js';

/** The weights of the rules; docs/evaluation.md says how the defaults were chosen. */
export interface ScoringSettings {
  /** How many words after a negator it reaches (within its clause). */
  readonly negationScope: number;
  /** A negated valence v counts as -negationFactor · v (0: cancelled, 1: flipped). */
  readonly negationFactor: number;
  /** Multiplies the next valence after a booster ("very good"). */
  readonly boost: number;
  /** Multiplies the next valence after a dampener ("slightly annoying"). */
  readonly dampen: number;
  /** At a contrast word ("but"), what came before is multiplied by this … */
  readonly beforeContrast: number;
  /** … and what follows by this. */
  readonly afterContrast: number;
  /** Multiplies the valences of a concessive clause ("although it rained"). */
  readonly concessive: number;
  /** Multiplies the valence of a word in capitals in a post that is not all capitals. */
  readonly shout: number;
  /** Multiplies negative valences. */
  readonly negativeWeight: number;
  /** Each exclamation mark (up to 3) ending a sentence adds this share of the sentence's score. */
  readonly exclamation: number;
  /**
   * Multiplies the score of a post without the author's own voice: no first- or second-person
   * pronoun, emoji, emoticon or exclamation mark. Such posts are mostly reports ("Police: assailant
   * shot at checkpoint"), whose loaded words describe events rather than the author's sentiment.
   */
  readonly impersonal: number;
  /** A post is positive where its comparative is above this … */
  readonly positiveBand: number;
  /** … and negative where its comparative is below minus this; neutral in between. */
  readonly negativeBand: number;
}

export interface TokenScore {
  /** Sum of the valences after the rules, in AFINN units. */
  readonly score: number;
  /** Words, emoji and emoticons counted (the denominator of comparative). */
  readonly counted: number;
}

const maxExclamations = 3;
/** How far ahead a booster looks for the word it strengthens. */
const boostReach = 2;

/**
 * Scores a post's tokens, left to right in one pass: linear in the number of tokens, one table
 * lookup per word. The rules are VADER's (Hutto & Gilbert 2014) in simplified form: a negator
 * changes the valence of the next words in its clause (and, in languages that put it after the
 * verb, of the last word before it when nothing follows); boosters and dampeners scale the next
 * word with a valence; at a contrast word the text before it counts less and the text after it
 * more; a concessive clause counts less; shouting and exclamation marks strengthen.
 */
export function scoreTokens(tokens: readonly SentimentToken[], table: WordTable, settings: ScoringSettings): TokenScore {
  const negatorAfter = table.rules.negatorAfter;
  let total = 0;
  let sentence = 0;
  let counted = 0;
  let contrastWeight = 1;
  let clauseWeight = 1;
  let negationLeft = 0;
  let multiplier = 1;
  // A negator not used up by a word after it may negate the last valence before it.
  let negatorWaiting = false;
  let lastInClause = 0;
  let negatableBefore = 0;
  let voiced = table.rules.personal.size === 0;

  for (let i = 0; i <= tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined || token.kind === 'clause-break' || token.kind === 'sentence-break') {
      // End of a clause
      if (negatorWaiting && negatorAfter && negatableBefore !== 0) {
        const change = (-settings.negationFactor - 1) * negatableBefore;
        total += change;
        sentence += change;
      }
      negatorWaiting = false;
      negationLeft = 0;
      multiplier = 1;
      clauseWeight = 1;
      lastInClause = 0;
      negatableBefore = 0;
      if (token?.kind === 'sentence-break') {
        if (token.exclamations > 0) {
          voiced = true;
          total += sentence * settings.exclamation * Math.min(token.exclamations, maxExclamations);
        }
        sentence = 0;
      }
      continue;
    }
    counted++;
    let valence: number | undefined;
    let length = 1;
    if (token.kind === 'word') {
      const info = table.infoOf(token);
      if (info.personal) voiced = true;
      let role: Role = info.role;
      if (info.phraseStart) ({ valence, length } = phraseAt(tokens, i, table));
      if (valence === undefined && info.pairStart) {
        const next = tokens[i + 1];
        const pairRole = next?.kind === 'word' ? table.pairRole(token.text, next.text) : Role.None;
        if (pairRole !== Role.None) {
          role = pairRole;
          i++;
        }
      }
      if (valence === undefined) {
        if (role === Role.Contrast) {
          if (negatorWaiting && negatorAfter && negatableBefore !== 0) total += (-settings.negationFactor - 1) * negatableBefore;
          total *= settings.beforeContrast;
          sentence *= settings.beforeContrast;
          contrastWeight = settings.afterContrast;
          negatorWaiting = false;
          negationLeft = 0;
          multiplier = 1;
          clauseWeight = 1;
          lastInClause = 0;
          continue;
        }
        if (role === Role.Concessive) {
          clauseWeight = settings.concessive;
          continue;
        }
        if (role === Role.Negator) {
          negationLeft = settings.negationScope;
          negatorWaiting = true;
          negatableBefore = lastInClause;
          continue;
        }
        if ((role === Role.Booster || role === Role.Dampener) && valenceAhead(tokens, i, table)) {
          multiplier *= role === Role.Booster ? settings.boost : settings.dampen;
          continue;
        }
        valence = info.valence;
        if (valence !== undefined && info.onlyAfter !== undefined) {
          const previous = tokens[i - 1];
          if (previous?.kind !== 'word' || !info.onlyAfter.has(previous.text)) valence = undefined;
        }
      }
    } else {
      voiced = true;
      valence = table.infoOf(token).valence;
    }

    if (valence === undefined) {
      if (negationLeft > 0) negationLeft--;
      continue;
    }
    let contribution = (valence < 0 ? valence * settings.negativeWeight : valence) * multiplier * clauseWeight * contrastWeight;
    if (token.shouted) contribution *= settings.shout;
    if (negationLeft > 0) {
      contribution *= -settings.negationFactor;
      negatorWaiting = false;
      negationLeft--;
    }
    multiplier = 1;
    total += contribution;
    sentence += contribution;
    lastInClause = contribution;
    if (length > 1) {
      counted += length - 1;
      i += length - 1;
    }
  }
  return { score: voiced ? total : total * settings.impersonal, counted };
}

/** Whether a word with a valence (or another booster) follows within reach, in the same clause. */
function valenceAhead(tokens: readonly SentimentToken[], i: number, table: WordTable): boolean {
  for (let j = i + 1; j < tokens.length && j <= i + boostReach; j++) {
    const token = tokens[j]!;
    if (token.kind === 'clause-break' || token.kind === 'sentence-break') return false;
    const info = table.infoOf(token);
    if (info.valence !== undefined || info.role === Role.Booster) return true;
  }
  return false;
}

/** The longest phrase of the lexicon starting at token i, if any. */
function phraseAt(tokens: readonly SentimentToken[], i: number, table: WordTable): { valence: number | undefined; length: number } {
  const lexicon = table.lexicon;
  let phrase = tokens[i]!.text;
  let best: { valence: number | undefined; length: number } = { valence: undefined, length: 1 };
  const second = tokens[i + 1];
  if (second?.kind !== 'word' || !lexicon.phraseGoesOn(phrase, second.text)) return best;
  for (let n = 2, j = i + 1; n <= lexicon.maxPhraseWords && j < tokens.length; n++, j++) {
    const token = tokens[j]!;
    if (token.kind !== 'word') break;
    phrase += ` ${token.text}`;
    const valence = lexicon.phraseValence(phrase);
    if (valence !== undefined) best = { valence, length: n };
  }
  return best;
}
