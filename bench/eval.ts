/**
 * `npm run eval`: every accuracy figure of issue 4 in one run, side by side.
 *
 *   - own labelled set (test/fixtures/labelled/cta-labelled.csv): micro-F1 over the categories, F1 of cta_any
 *   - GermEval 2025 Call2Action (../shared/data/cta/germeval_c2a_de.csv): F1 of the TRUE class on the
 *     test split (70% of rows by id hash, src/eval/development-split.ts; cta-v1's German cues were
 *     tuned on the other 30% only) and on all rows
 *   - sentiment (../shared/data/sentiment/*.csv): macro-F1 per language on the test split (70% of
 *     rows by id hash; the other 30% is where weights and bands were chosen), next to the plain
 *     lexicon, and on English next to `sentiment` (AFINN-165, sign of score) and `vader-sentiment`
 *     (compound ±0.05), measured in this run on the same rows; all rows too, for comparison with
 *     the reference points in ../shared/data/README.md
 *   - sentiment cost per post (µs)
 *
 * Prints a table and writes bench/results/eval-latest.json. Files under ../shared are read in
 * place (never copied into the repository); a missing one is reported as such.
 *
 *   npx tsx bench/eval.ts [--json-out FILE] [--codebook FILE]
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import { loadCodebook } from '../src/codebook/load-codebook.js';
import { sentimentOf } from '../src/coding/sentiment.js';
import { evaluateCoding, type CodingEvaluation } from '../src/eval/evaluate-coding.js';
import { figure, table } from '../src/eval/format-report.js';
import { readLabelledFile } from '../src/eval/labelled-file.js';
import { isDevelopmentRow, splitRows } from '../src/eval/development-split.js';
import { readSentimentFile, scoreSentiment, signLabel, vaderLabel, type SentimentRow } from '../src/eval/sentiment-eval.js';
import { analyserFor, plainAnalyserFor } from '../src/sentiment/analyse.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const argument = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const jsonOut = argument('--json-out') ?? `${root}bench/results/eval-latest.json`;

const targets = {
  ownMicroF1: 0.85,
  ownCtaAnyF1: 0.92,
  germevalTrueF1: 0.55,
  englishMacroF1: 0.6,
};

const codebook = await loadCodebook(argument('--codebook'));
const categoryIds = codebook.compiled.categories.map((c) => c.id);
const rows: string[][] = [['measure', 'data', 'n', 'figure', 'target', 'met']];
const met = (value: number | null | undefined, target: number) => (value === null || value === undefined ? '–' : value >= target ? 'yes' : 'no');
const result: Record<string, unknown> = {
  measured_at: new Date().toISOString(),
  codebook: { id: codebook.compiled.id, version: codebook.compiled.version, sha256: codebook.sha256 },
  node: process.version,
  targets,
};

// --- own labelled set ---------------------------------------------------------------------------
const ownFile = `${root}test/fixtures/labelled/cta-labelled.csv`;
const own = evaluateCoding(await readLabelledFile(ownFile, categoryIds, { lang: 'lang' }), codebook.compiled);
const ownMicro = own.averages?.micro.f1 ?? null;
rows.push(['CTA categories micro-F1', 'own labelled set', String(own.posts), figure(ownMicro), `≥ ${targets.ownMicroF1}`, met(ownMicro, targets.ownMicroF1)]);
rows.push(['CTA categories macro-F1', 'own labelled set', String(own.posts), figure(own.averages?.macro.f1), '', '']);
rows.push(['cta_any F1', 'own labelled set', String(own.posts), figure(own.ctaAny.f1), `≥ ${targets.ownCtaAnyF1}`, met(own.ctaAny.f1, targets.ownCtaAnyF1)]);
for (const [lang, l] of Object.entries(own.byLanguage)) {
  rows.push([`  cta_any F1 / micro-F1, ${lang}`, 'own labelled set', String(l.posts), `${figure(l.ctaAny.f1)} / ${figure(l.micro?.f1)}`, '', '']);
}
result['own'] = summary(own, ownFile);

// --- GermEval Call2Action -----------------------------------------------------------------------
const germevalFile = `${shared}cta/germeval_c2a_de.csv`;
if (existsSync(germevalFile)) {
  const labelled = await readLabelledFile(germevalFile, categoryIds, { labels: ['c2a'], fixedLang: 'de' });
  // The German cues were tuned on the development rows only; the test rows are the held-out figure.
  const germevalTest = evaluateCoding({ ...labelled, posts: labelled.posts.filter((p) => !isDevelopmentRow(p.post.post_id)) }, codebook.compiled);
  const germeval = evaluateCoding(labelled, codebook.compiled);
  rows.push(['cta_any F1 (TRUE class)', 'GermEval 2025 c2a (de) test split', String(germevalTest.posts), figure(germevalTest.ctaAny.f1), `≥ ${targets.germevalTrueF1}`, met(germevalTest.ctaAny.f1, targets.germevalTrueF1)]);
  rows.push(['  precision / recall', 'GermEval 2025 c2a (de) test split', '', `${figure(germevalTest.ctaAny.precision)} / ${figure(germevalTest.ctaAny.recall)}`, '', '']);
  rows.push(['cta_any F1 (TRUE class)', 'GermEval 2025 c2a (de) all rows', String(germeval.posts), figure(germeval.ctaAny.f1), `≥ ${targets.germevalTrueF1}`, met(germeval.ctaAny.f1, targets.germevalTrueF1)]);
  rows.push(['  precision / recall', 'GermEval 2025 c2a (de) all rows', '', `${figure(germeval.ctaAny.precision)} / ${figure(germeval.ctaAny.recall)}`, '', '']);
  result['germeval'] = { ...summary(germeval, germevalFile), test_split: { posts: germevalTest.posts, cta_any: germevalTest.ctaAny } };
} else {
  rows.push(['cta_any F1 (TRUE class)', 'GermEval 2025 c2a (de)', '–', 'file not found', '', '']);
}

// --- sentiment ----------------------------------------------------------------------------------
const sentimentFiles: Record<string, string> = { en: 'tweeteval_en.csv', de: 'sb10k_de.csv', es: 'intertass_es.csv', da: 'lcc_da.csv' };
const afinn = new Sentiment();
const sentimentResults: Record<string, unknown> = {};
for (const [lang, name] of Object.entries(sentimentFiles)) {
  const path = `${shared}sentiment/${name}`;
  if (!existsSync(path)) {
    rows.push([`sentiment macro-F1, ${lang}`, name, '–', 'file not found', '', '']);
    continue;
  }
  const all = await readSentimentFile(path);
  const { test } = splitRows(all);
  const ours = (text: string) => sentimentOf(text, lang).label ?? 'not measured';
  const plain = plainAnalyserFor(lang)!;
  const method = analyserFor(lang)!.method;
  const measure = (rowsOf: readonly SentimentRow[], label: (text: string) => string) => scoreSentiment(rowsOf, label);
  const oursTest = measure(test, ours);
  const plainTest = measure(test, (text) => plain.analyse(text).label);
  const entry: Record<string, unknown> = {
    file: relative(root, path),
    rows: all.length,
    test_rows: test.length,
    method,
    test: { ctacode: brief(oursTest), plain_lexicon: { method: plain.method, ...brief(plainTest) } },
  };
  const target = lang === 'en' ? targets.englishMacroF1 : plainTest.macroF1 ?? 0;
  rows.push([`sentiment macro-F1, ${lang}: ctacode`, `${name} test split`, String(test.length), figure(oursTest.macroF1), lang === 'en' ? `≥ ${target}` : `> ${figure(target)}`, met(oursTest.macroF1, target + (lang === 'en' ? 0 : 1e-9))]);
  rows.push([`  plain lexicon (${plain.method}, sign)`, `${name} test split`, String(test.length), figure(plainTest.macroF1), '', '']);
  if (lang === 'en') {
    const afinnLabel = (text: string) => signLabel(afinn.analyze(text).score);
    const vaderOf = (text: string) => vaderLabel(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound);
    const afinnTest = measure(test, afinnLabel);
    const vaderTest = measure(test, vaderOf);
    rows.push(['  sentiment (AFINN-165, sign)', `${name} test split`, String(test.length), figure(afinnTest.macroF1), '', '']);
    rows.push(['  vader-sentiment (compound ±0.05)', `${name} test split`, String(test.length), figure(vaderTest.macroF1), '', '']);
    const oursAll = measure(all, ours);
    const afinnAll = measure(all, afinnLabel);
    const vaderAll = measure(all, vaderOf);
    rows.push(['  all rows: ctacode / AFINN / VADER', name, String(all.length), `${figure(oursAll.macroF1)} / ${figure(afinnAll.macroF1)} / ${figure(vaderAll.macroF1)}`, '', '']);
    Object.assign(entry['test'] as object, { afinn_sign: brief(afinnTest), vader: brief(vaderTest) });
    entry['all_rows'] = { ctacode: brief(oursAll), afinn_sign: brief(afinnAll), vader: brief(vaderAll), note: 'all rows include the development split the weights were chosen on' };
  }
  sentimentResults[lang] = entry;
}
result['sentiment'] = sentimentResults;

// --- sentiment cost -----------------------------------------------------------------------------
const speed: Record<string, unknown> = {};
for (const [lang, name] of Object.entries(sentimentFiles)) {
  const path = `${shared}sentiment/${name}`;
  if (!existsSync(path)) continue;
  const texts = (await readSentimentFile(path)).map((row) => row.text);
  for (const text of texts) sentimentOf(text, lang); // warm: lexicon built, caches filled, code optimised
  let n = 0;
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  while (n < 200_000) {
    for (const text of texts) sentimentOf(text, lang);
    n += texts.length;
  }
  const cpu = process.cpuUsage(cpuStarted);
  const microseconds = Number(process.hrtime.bigint() - started) / 1000 / n;
  const cpuMicroseconds = (cpu.user + cpu.system) / n;
  const meanChars = texts.reduce((sum, text) => sum + text.length, 0) / texts.length;
  speed[lang] = { posts: n, mean_chars: Math.round(meanChars), microseconds_per_post: Number(microseconds.toFixed(2)), cpu_microseconds_per_post: Number(cpuMicroseconds.toFixed(2)) };
  if (lang === 'en') {
    // A yardstick on the same machine and load: the `sentiment` package's own analyze().
    let m = 0;
    const reference = process.cpuUsage();
    while (m < 200_000) {
      for (const text of texts) afinn.analyze(text);
      m += texts.length;
    }
    const used = process.cpuUsage(reference);
    const referenceMicroseconds = (used.user + used.system) / m;
    speed['sentiment_package_en'] = { posts: m, cpu_microseconds_per_post: Number(referenceMicroseconds.toFixed(2)) };
    rows.push(['  yardstick: sentiment package analyze() (µs/post, cpu)', name, String(m), referenceMicroseconds.toFixed(2), '', '']);
  }
  rows.push([`sentiment cost, ${lang} (µs/post, wall / cpu)`, `${name}, ${Math.round(meanChars)} chars/post`, String(n), `${microseconds.toFixed(2)} / ${cpuMicroseconds.toFixed(2)}`, '< 10', met(10 - cpuMicroseconds, 0)]);
}
result['sentiment_cost'] = { ...speed, load_average: os.loadavg().map((l) => Number(l.toFixed(2))), cores: os.cpus().length };

process.stdout.write(
  `ctacode eval: codebook ${codebook.compiled.id} ${codebook.compiled.version}, ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores\n\n${table(rows)}\n`,
);
await mkdir(dirname(jsonOut), { recursive: true });
await writeFile(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`\nwritten: ${relative(process.cwd(), jsonOut)}\n`);

function summary(evaluation: CodingEvaluation, file: string) {
  return {
    file: relative(root, file),
    posts: evaluation.posts,
    micro: evaluation.averages?.micro ?? null,
    macro: evaluation.averages?.macro ?? null,
    cta_any: evaluation.ctaAny,
    categories: evaluation.categories,
    by_language: evaluation.byLanguage,
    confusions: evaluation.confusions.slice(0, 15),
  };
}

function brief(scores: ReturnType<typeof scoreSentiment>) {
  return {
    macro_f1: scores.macroF1,
    accuracy: scores.accuracy,
    f1: Object.fromEntries(Object.entries(scores.perClass).map(([c, s]) => [c, s.f1])),
    matrix: scores.matrix,
  };
}
