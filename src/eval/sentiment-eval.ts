import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { multiclassScores, type MulticlassScores } from './metrics.js';

export const sentimentClasses = ['negative', 'neutral', 'positive'] as const;
export type SentimentClass = (typeof sentimentClasses)[number];

export interface SentimentRow {
  id: string;
  label: SentimentClass;
  text: string;
}

/** Reads a sentiment file with columns id, label (negative/neutral/positive), text. */
export async function readSentimentFile(path: string): Promise<SentimentRow[]> {
  const records = parse(await readFile(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((record, i) => {
    const label = record['label']?.trim().toLowerCase();
    if (!sentimentClasses.includes(label as SentimentClass)) throw new Error(`${path}: row ${i + 2}: label "${record['label']}" is not negative, neutral or positive`);
    return { id: record['id'] ?? String(i + 1), label: label as SentimentClass, text: record['text'] ?? '' };
  });
}

/** Three-class scores of a labeller on rows. */
export function scoreSentiment(rows: readonly SentimentRow[], label: (text: string) => string): MulticlassScores {
  return multiclassScores(
    rows.map((row) => [row.label, label(row.text)] as const),
    sentimentClasses,
  );
}

/** The label of a signed score: positive above 0, negative below 0, else neutral. */
export function signLabel(score: number): SentimentClass {
  return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
}

/** VADER's usual cut: positive at compound ≥ 0.05, negative at ≤ -0.05. */
export function vaderLabel(compound: number): SentimentClass {
  return compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral';
}
