import type { Allocation } from './allocate.js';
import type { Stratification } from './strata.js';
import { alignedTable } from './text-table.js';

/** Written next to the sheets as sample-design.json: everything needed to report or redraw the sample. */
export interface SampleDesign {
  created_at: string;
  software: string;
  run_id: string;
  codebook: { id: string; version: string; sha256: string };
  seed: string;
  n_requested: number;
  n: number;
  /** Posts in the run's coded_posts.csv that could be drawn (those of excluded samples are not). */
  population: number;
  /** Earlier samples (their sample-design.json) whose posts were not drawn again. */
  excluded: { samples: string[]; posts: number };
  stratify: Stratification;
  allocation: Allocation;
  overlap: { share: number; posts: number };
  strata: {
    stratum: string;
    population: number;
    sample: number;
    overlap: number;
    /** sample / population: the chance of a post of this stratum to be drawn. */
    inclusion_probability: number;
    /** population / sample: what a drawn post stands for when figures are projected onto the run. */
    weight: number;
  }[];
  coders: { coder: string; sheets: string[]; posts: number }[];
  /** In coded_posts.csv order. */
  posts: { platform: string; post_id: string; stratum: string; coders: string[] }[];
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The design as a few sentences and a table, for a methods section or a lab notebook. */
export function describeDesign(design: SampleDesign): string {
  const lines = [
    `Validation sample for run ${design.run_id} (codebook ${design.codebook.id} ${design.codebook.version}), drawn ${design.created_at} by ${design.software}.`,
    '',
    `${design.n} of ${design.population} posts were drawn at random${design.n < design.n_requested ? ` (${design.n_requested} were asked for; the run has no more)` : ''}`
      + (design.stratify === 'none' ? ', without strata.' : `, stratified by ${design.stratify} with ${design.allocation} allocation.`),
    `Seed: ${design.seed}. The same run, options and seed draw the same sample (ctacode sample … --seed ${design.seed}).`,
  ];
  if (design.excluded.posts > 0) {
    lines.push(`${design.excluded.posts} posts of earlier samples (${design.excluded.samples.join(', ')}) were not drawn again.`);
  }
  if (design.coders.length > 1) {
    lines.push(
      `${design.overlap.posts} posts (${percent(design.overlap.share)} of the sample) are coded by ${design.coders.length === 2 ? 'both' : `all ${design.coders.length}`} coders, for human–human agreement;`
        + ' the others are split between the coders.',
    );
  }
  lines.push('', 'Strata:', '');
  const header = ['stratum', 'posts in run', 'drawn', 'coded by all', 'inclusion probability', 'weight'];
  const rows = design.strata.map((s) => [s.stratum, String(s.population), String(s.sample), String(s.overlap), s.inclusion_probability.toFixed(4), s.weight.toFixed(2)]);
  lines.push(...alignedTable(header, rows), '', 'Coders:', '');
  for (const c of design.coders) lines.push(`  ${c.coder}: ${c.posts} posts, sheets ${c.sheets.join(' and ')}`);
  if (design.stratify !== 'none' && design.allocation === 'equal') {
    lines.push(
      '',
      'With equal allocation, small strata are over-represented. Figures computed on the whole sample',
      'describe the sample, not the run; weight each post by its stratum weight to project them onto the run.',
    );
  }
  return `${lines.join('\n')}\n`;
}
