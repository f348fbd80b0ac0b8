import type { Sentiment } from '../types/contracts.js';

/** Sentiment of a post in a language with a lexicon: every figure is there. */
export type MeasuredSentiment = Sentiment & { score: number; comparative: number; label: NonNullable<Sentiment['label']> };
import { languageRules, type LanguageRules } from './language-rules.js';
import type { Lexicon } from './lexicon.js';
import { lexiconSources, type LexiconSource } from './lexicon-sources.js';
import { scoreTokens, type ScoringSettings } from './score-tokens.js';
import { sentimentTokens, type SentimentToken } from './sentiment-tokens.js';
import { WordTable } from './word-table.js';

/** Version of the rules in score-tokens.ts and language-rules.ts; part of every method name. */
export const rulesVersion = 'rules-v2';

/** Recorded for posts in languages without a lexicon; score, comparative and label are then null. */
export const notMeasuredMethod = 'none';

/**
 * Rule weights shared by all languages, chosen by a coordinate search on the development split of
 * the English tweets (bench/tune-sentiment.ts --weights; docs/evaluation.md), never on the rows the
 * reported figures come from. The search settled on: a negator cancels the next word's valence
 * rather than flipping it (flipping "not good" to a positive-sized negative, or "not bad" to
 * praise, was wrong more often than right), boosters and the clause after "but" count a quarter
 * more, a concessive clause half, shouted words half again, and a post without the author's own
 * voice (no I/you/we, emoji or "!": mostly a news report) 0.6 of its sum.
 */
export const defaultSettings: ScoringSettings = {
  negationScope: 1,
  negationFactor: 0,
  boost: 1.25,
  dampen: 1,
  beforeContrast: 1,
  afterContrast: 1.25,
  concessive: 0.5,
  shout: 1.5,
  negativeWeight: 1,
  exclamation: 0,
  impersonal: 0.6,
  positiveBand: 0,
  negativeBand: 0,
};

/**
 * Per language: the neutral band, chosen on that language's development split (bench/tune-sentiment.ts).
 * French and Dutch have no labelled data here: they get the band the other languages share most.
 */
const neutralBands: Readonly<Record<string, Pick<ScoringSettings, 'positiveBand' | 'negativeBand'>>> = {
  en: { positiveBand: 0.15, negativeBand: 0 },
  de: { positiveBand: 0.125, negativeBand: 0.02 },
  es: { positiveBand: 0.125, negativeBand: 0.02 },
  da: { positiveBand: 0.15, negativeBand: 0.075 },
  fr: { positiveBand: 0.15, negativeBand: 0.05 },
  nl: { positiveBand: 0.15, negativeBand: 0.05 },
};

export interface SentimentAnalyser {
  readonly lang: string;
  /** sentiment_method: lexicon name and version, and the rules version. */
  readonly method: string;
  readonly settings: ScoringSettings;
  analyse(text: string): MeasuredSentiment;
}

class LexiconAnalyser implements SentimentAnalyser {
  readonly method: string;

  constructor(
    readonly lang: string,
    private readonly table: WordTable,
    lexiconName: string,
    readonly settings: ScoringSettings,
    withRules = true,
  ) {
    this.method = withRules ? `${lexiconName}+${rulesVersion}` : lexiconName;
  }

  analyse(text: string): MeasuredSentiment {
    let tokens = sentimentTokens(text);
    const elisions = this.table.rules.elisions;
    if (elisions.size > 0) tokens = splitElisions(tokens, elisions);
    const { score, counted } = scoreTokens(tokens, this.table, this.settings);
    const comparative = counted === 0 ? 0 : score / counted;
    const { positiveBand, negativeBand } = this.settings;
    const label = comparative > positiveBand ? 'positive' : comparative < -negativeBand ? 'negative' : 'neutral';
    return { score: round(score), comparative: round(comparative), label, method: this.method };
  }
}

/** 4 decimals: enough for any analysis, and stable in a CSV. */
function round(value: number): number {
  const rounded = Math.round(value * 1e4) / 1e4;
  return rounded === 0 ? 0 : rounded;
}

/** French "n'est" → "n'" + "est", "l'amour" → "l'" + "amour". */
function splitElisions(tokens: readonly SentimentToken[], elisions: ReadonlySet<string>): SentimentToken[] {
  const out: SentimentToken[] = [];
  for (const token of tokens) {
    const apostrophe = token.kind === 'word' ? token.text.indexOf("'") : -1;
    const head = apostrophe > 0 ? token.text.slice(0, apostrophe + 1) : '';
    if (head && elisions.has(head) && apostrophe < token.text.length - 1) {
      out.push({ ...token, text: head, infos: null }, { ...token, text: token.text.slice(apostrophe + 1), infos: null });
    } else {
      out.push(token);
    }
  }
  return out;
}

/** No rules at all: what a lexicon does by itself (the sum of the valences of the words). */
const noRules: LanguageRules = {
  negators: new Set(),
  negatorEndings: [],
  negatorAfter: false,
  boosters: new Set(),
  dampeners: new Set(),
  contrast: new Set(),
  concessive: new Set(),
  elisions: new Set(),
  onlyAfter: new Map(),
  personal: new Set(),
};

const plainSettings: ScoringSettings = {
  negationScope: 0,
  negationFactor: 1,
  boost: 1,
  dampen: 1,
  beforeContrast: 1,
  afterContrast: 1,
  concessive: 1,
  shout: 1,
  negativeWeight: 1,
  exclamation: 0,
  impersonal: 1,
  positiveBand: 0,
  negativeBand: 0,
};

/**
 * The plain-lexicon baseline for a language: the same lexicon and tokens, no rules, the label
 * from the sign of the sum. For evaluation only; method `<lexicon>` without `+rules`.
 */
export function plainAnalyserFor(lang: string): SentimentAnalyser | undefined {
  const source = lexiconSources.get(lang);
  if (source === undefined) return undefined;
  return new LexiconAnalyser(lang, new WordTable(lexiconOf(lang, source), noRules), source.name, plainSettings, false);
}

const analysers = new Map<string, SentimentAnalyser | null>();

/**
 * The analyser for a language (ISO 639-1), built on first use and kept for the process; undefined
 * for a language without a lexicon.
 */
export function analyserFor(lang: string, settings?: Partial<ScoringSettings>): SentimentAnalyser | undefined {
  if (settings !== undefined) return buildAnalyser(lang, settings) ?? undefined;
  let analyser = analysers.get(lang);
  if (analyser === undefined) {
    analyser = buildAnalyser(lang, {});
    analysers.set(lang, analyser);
  }
  return analyser ?? undefined;
}

const lexicons = new Map<string, Lexicon>();
const tables = new Map<string, WordTable>();

function buildAnalyser(lang: string, overrides: Partial<ScoringSettings>): SentimentAnalyser | null {
  const source = lexiconSources.get(lang);
  const rules = languageRules.get(lang);
  if (source === undefined || rules === undefined) return null;
  let table = tables.get(lang);
  if (table === undefined) {
    table = new WordTable(lexiconOf(lang, source), rules);
    tables.set(lang, table);
  }
  const settings = { ...defaultSettings, ...neutralBands[lang], ...overrides };
  return new LexiconAnalyser(lang, table, source.name, settings);
}

function lexiconOf(lang: string, source: LexiconSource): Lexicon {
  let lexicon = lexicons.get(lang);
  if (lexicon === undefined) {
    lexicon = source.build();
    lexicons.set(lang, lexicon);
  }
  return lexicon;
}

/** Languages that sentiment is measured in. */
export const sentimentLanguages: readonly string[] = [...lexiconSources.keys()];

/** The result for a post whose language has no lexicon (or is unknown). */
export function notMeasured(): Sentiment {
  return { score: null, comparative: null, label: null, method: notMeasuredMethod };
}
