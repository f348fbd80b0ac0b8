import { allocate, type Allocation } from './allocate.js';
import { shuffled, type Random } from './random.js';

export interface SampleOptions {
  /** Distinct posts to draw in all (fewer if the run has fewer). */
  n: number;
  coders: number;
  /** Share of the drawn posts that every coder codes (ignored with one coder). */
  overlap: number;
  allocation: Allocation;
}

export interface StratumDraw {
  stratum: string;
  population: number;
  sample: number;
  /** Of `sample`, the posts every coder codes. */
  overlap: number;
}

export interface DrawnPost {
  /** Position of the post in coded_posts.csv (0 = first data row). */
  ordinal: number;
  stratum: string;
  /** Indices of the coders whose sheets carry the post. */
  coders: number[];
}

export interface DrawnSample {
  strata: StratumDraw[];
  /** In coded_posts.csv order. */
  posts: DrawnPost[];
  /** Per coder, the ordinals in the order of the coder's sheet. */
  sheets: number[][];
}

/**
 * Draws a stratified random sample and deals it to coders. The overlap (coded by everyone, for
 * human–human agreement) is spread over the strata in proportion to their share of the sample, and
 * the rest is dealt in turn within each stratum, so every coder gets a similar mix. Each sheet is
 * then shuffled on its own: posts grouped by stratum would tell coders what the machine coded.
 */
export function drawSample(strata: ReadonlyMap<string, readonly number[]>, options: SampleOptions, random: Random): DrawnSample {
  const names = [...strata.keys()];
  const members = names.map((name) => strata.get(name)!);
  const sizes = allocate(options.n, members.map((m) => m.length), options.allocation, random);
  const chosen = members.map((m, i) => shuffled(m, random).slice(0, sizes[i]));
  const drawn = sizes.reduce((a, b) => a + b, 0);
  const overlapTotal = options.coders > 1 ? Math.round(drawn * options.overlap) : 0;
  const overlaps = allocate(overlapTotal, sizes, 'proportional', random);

  const everyone = Array.from({ length: options.coders }, (_value, coder) => coder);
  const posts: DrawnPost[] = [];
  let turn = 0;
  chosen.forEach((ordinals, s) => {
    ordinals.forEach((ordinal, i) => {
      const coders = i < overlaps[s]! ? everyone : [turn++ % options.coders];
      posts.push({ ordinal, stratum: names[s]!, coders });
    });
  });
  posts.sort((a, b) => a.ordinal - b.ordinal);

  const sheets = everyone.map((coder) => shuffled(posts.filter((p) => p.coders.includes(coder)).map((p) => p.ordinal), random));
  const strataDrawn = names.map((stratum, s) => ({ stratum, population: members[s]!.length, sample: sizes[s]!, overlap: overlaps[s]! }));
  return { strata: strataDrawn, posts, sheets };
}
