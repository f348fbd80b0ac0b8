import type { CompiledCodebook } from '../codebook/compiled-codebook.js';
import { codePost } from '../coding/code-post.js';
import { anyCategory, type LabelledFile } from './labelled-file.js';
import { averages, emptyCounts, scores, tally, type Averages, type BinaryScores, type Counts } from './metrics.js';
import { compareText } from '../runtime/compare-text.js';

/** Marks "no category" in a confusion: a missed call, or a call coded where there is none. */
export const noCategory = '(none)';

export interface Confusion {
  /** The labelled category the machine missed, or (none). */
  labelled: string;
  /** The category the machine coded instead, or (none). */
  coded: string;
  n: number;
}

export interface MisCoded {
  id: string;
  line: number;
  lang: string | null;
  text: string;
  labelled: string[];
  coded: string[];
}

export interface CodingEvaluation {
  file: string;
  codebook: { id: string; version: string };
  posts: number;
  /** Per labelled category, in codebook order. */
  categories: Record<string, BinaryScores>;
  /** Over the labelled categories (null figures where no category is labelled). */
  averages: Averages | null;
  /** Any CTA: the machine coded at least one category, against cta_any (or any category labelled 1). */
  ctaAny: BinaryScores;
  /** Whether cta_any had a label column of its own. */
  ctaAnyLabelled: boolean;
  /** Most frequent first: which labelled category was missed and what was coded in its place. */
  confusions: Confusion[];
  /** Per language of the posts (as the file states it, or as coded). */
  byLanguage: Record<string, { posts: number; ctaAny: BinaryScores; micro: BinaryScores | null }>;
  /** Posts whose coded categories (or cta_any) differ from their labels, in file order. */
  miscoded: MisCoded[];
}

/**
 * Codes every post of a labelled file with codePost (pure: no Redis, no files) and compares the
 * codes with the labels: per category, micro and macro averages, any-CTA, confusions, languages.
 */
export function evaluateCoding(labelled: LabelledFile, codebook: CompiledCodebook): CodingEvaluation {
  const counts = new Map<string, Counts>(labelled.categories.map((id) => [id, emptyCounts()]));
  const anyCounts = emptyCounts();
  const confusions = new Map<string, number>();
  const languages = new Map<string, { posts: number; any: Counts; categories: Counts[] }>();
  const miscoded: MisCoded[] = [];

  for (const { post, line, labels } of labelled.posts) {
    const coding = codePost(post, codebook).coding;
    const coded = new Set(coding.categories);
    const labelledAny = labelled.anyLabelled ? labels.get(anyCategory)! : labelled.categories.some((id) => labels.get(id));
    tally(anyCounts, coding.cta_any, labelledAny);

    const lang = post.lang ?? coding.lang ?? 'unknown';
    let language = languages.get(lang);
    if (language === undefined) {
      language = { posts: 0, any: emptyCounts(), categories: labelled.categories.map(() => emptyCounts()) };
      languages.set(lang, language);
    }
    language.posts++;
    tally(language.any, coding.cta_any, labelledAny);

    const missed: string[] = [];
    const extra: string[] = [];
    labelled.categories.forEach((id, c) => {
      const machine = coded.has(id);
      const label = labels.get(id)!;
      tally(counts.get(id)!, machine, label);
      tally(language.categories[c]!, machine, label);
      if (label && !machine) missed.push(id);
      if (machine && !label) extra.push(id);
    });
    for (const a of missed) for (const b of extra.length > 0 ? extra : [noCategory]) bump(confusions, a, b);
    if (missed.length === 0) for (const b of extra) bump(confusions, noCategory, b);
    if (labelled.categories.length === 0 && labelledAny !== coding.cta_any) {
      if (labelledAny) bump(confusions, anyCategory, noCategory);
      else for (const b of coding.categories.length > 0 ? coding.categories : [anyCategory]) bump(confusions, noCategory, b);
    }

    if (missed.length > 0 || extra.length > 0 || labelledAny !== coding.cta_any) {
      miscoded.push({
        id: post.post_id,
        line,
        lang: post.lang ?? coding.lang,
        text: post.text,
        labelled: labelled.categories.length > 0 ? labelled.categories.filter((id) => labels.get(id)) : labelledAny ? [anyCategory] : [],
        coded: coding.categories,
      });
    }
  }

  const categoryCounts = labelled.categories.map((id) => counts.get(id)!);
  return {
    file: labelled.file,
    codebook: { id: codebook.id, version: codebook.version },
    posts: labelled.posts.length,
    categories: Object.fromEntries(labelled.categories.map((id) => [id, scores(counts.get(id)!)])),
    averages: labelled.categories.length === 0 ? null : averages(categoryCounts),
    ctaAny: scores(anyCounts),
    ctaAnyLabelled: labelled.anyLabelled,
    confusions: [...confusions]
      .map(([key, n]) => {
        const [a, b] = key.split('\t') as [string, string];
        return { labelled: a, coded: b, n };
      })
      .sort((x, y) => y.n - x.n || compareText(x.labelled, y.labelled) || compareText(x.coded, y.coded)),
    byLanguage: Object.fromEntries(
      [...languages]
        .sort(([a], [b]) => compareText(a, b))
        .map(([lang, l]) => [lang, { posts: l.posts, ctaAny: scores(l.any), micro: labelled.categories.length === 0 ? null : averages(l.categories).micro }]),
    ),
    miscoded,
  };
}

function bump(map: Map<string, number>, a: string, b: string): void {
  const key = `${a}\t${b}`;
  map.set(key, (map.get(key) ?? 0) + 1);
}
