import type { CodeReliability } from './reliability-figures.js';
import type { SampleDesign } from './sample-design.js';

/** reliability.json: the figures with everything a methods section needs to describe them. */
export interface ReliabilityReport {
  created_at: string;
  software: string;
  run_id: string;
  codebook: { id: string; version: string; sha256: string };
  coders: { coder: string; file: string; posts: number }[];
  gold: { file: string; posts: number } | null;
  /** What the machine is compared with, in words. */
  reference: string;
  bootstrap: { replicates: number; seed: string; method: string; level: number };
  /** Posts on the sheets (and in the gold file). */
  posts: number;
  /** From sample-design.json in the same folder, where there is one. */
  sample: Pick<SampleDesign, 'seed' | 'n' | 'population' | 'stratify' | 'allocation' | 'overlap'> | null;
  codes: CodeReliability[];
  disagreements: number;
  warnings: string[];
}

export const bootstrapMethod = 'percentile bootstrap: posts resampled with replacement, each statistic recomputed per resample';

export function referenceDescription(coders: number, gold: string | null): string {
  const majority = coders === 1 ? 'the single coder' : `the majority of ${coders} coders (posts they split evenly on are left out)`;
  return gold ? `the adjudicated codes in ${gold} where given, otherwise ${majority}` : majority;
}
