/**
 * Chooses the sentiment rule weights and neutral bands on the DEVELOPMENT split of the labelled
 * sentiment files (30% of rows, by a hash of the id; see src/eval/sentiment-eval.ts). The test
 * split (the other 70%) is never read here: `npm run eval` reports on it.
 *
 *   npx tsx bench/tune-sentiment.ts            # bands per language with the current weights
 *   npx tsx bench/tune-sentiment.ts --weights  # also a coordinate search over the shared weights (English)
 */
import { fileURLToPath } from 'node:url';
import { analyserFor, defaultSettings, plainAnalyserFor } from '../src/sentiment/analyse.js';
import type { ScoringSettings } from '../src/sentiment/score-tokens.js';
import { splitRows } from '../src/eval/development-split.js';
import { readSentimentFile, scoreSentiment, type SentimentRow } from '../src/eval/sentiment-eval.js';

const dataDir = fileURLToPath(new URL('../../shared/data/sentiment/', import.meta.url));
const files: Record<string, string> = { en: 'tweeteval_en.csv', de: 'sb10k_de.csv', es: 'intertass_es.csv', da: 'lcc_da.csv' };
const bands = [0, 0.02, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

function macroF1(lang: string, rows: readonly SentimentRow[], settings: Partial<ScoringSettings>): number {
  const analyser = analyserFor(lang, settings)!;
  return scoreSentiment(rows, (text) => analyser.analyse(text).label).macroF1 ?? 0;
}

type Bands = Pick<ScoringSettings, 'positiveBand' | 'negativeBand'>;

/** The best pair of bands on the rows: a grid over both. */
function bestBands(lang: string, rows: readonly SentimentRow[], settings: Partial<ScoringSettings>): { bands: Bands; f1: number } {
  let best = { bands: { positiveBand: 0, negativeBand: 0 }, f1: -1 };
  for (const positiveBand of bands) {
    for (const negativeBand of bands) {
      const f1 = macroF1(lang, rows, { ...settings, positiveBand, negativeBand });
      if (f1 > best.f1 + 1e-9) best = { bands: { positiveBand, negativeBand }, f1 };
    }
  }
  return best;
}

const grid: Partial<Record<keyof ScoringSettings, number[]>> = {
  negationScope: [1, 2, 3, 4],
  negationFactor: [0, 0.5, 0.74, 1],
  boost: [1, 1.25, 1.5, 2],
  dampen: [0.25, 0.5, 0.75, 1],
  beforeContrast: [0.25, 0.5, 0.75, 1],
  afterContrast: [1, 1.25, 1.5, 2],
  concessive: [0.25, 0.5, 1],
  shout: [1, 1.5, 2],
  exclamation: [0, 0.1, 0.2, 0.3],
  negativeWeight: [1, 1.25, 1.5, 2],
  impersonal: [0.4, 0.5, 0.6, 0.75, 1],
};

const tuneWeights = process.argv.includes('--weights');
for (const [lang, file] of Object.entries(files)) {
  const { development } = splitRows(await readSentimentFile(`${dataDir}${file}`));
  const plain = plainAnalyserFor(lang)!;
  const plainF1 = scoreSentiment(development, (text) => plain.analyse(text).label).macroF1 ?? 0;
  let settings: Partial<ScoringSettings> = { ...defaultSettings };
  let best = bestBands(lang, development, settings);
  if (tuneWeights && lang === 'en') {
    for (let round = 0; round < 2; round++) {
      for (const [key, values] of Object.entries(grid) as [keyof ScoringSettings, number[]][]) {
        for (const value of values) {
          const candidate = { ...settings, ...best.bands, [key]: value };
          const f1 = macroF1(lang, development, candidate);
          if (f1 > best.f1 + 1e-9) {
            settings = candidate;
            best = { bands: best.bands, f1 };
          }
        }
      }
      best = bestBands(lang, development, settings);
    }
    console.log('en weights:', JSON.stringify({ ...settings, positiveBand: undefined, negativeBand: undefined }));
  }
  const noBand = macroF1(lang, development, { ...settings, positiveBand: 0, negativeBand: 0 });
  console.log(
    `${lang}: development rows ${development.length}; plain lexicon macro-F1 ${plainF1.toFixed(3)}; rules, no band: ${noBand.toFixed(3)}; ` +
      `best bands ${JSON.stringify(best.bands)} → ${best.f1.toFixed(3)}`,
  );
}
