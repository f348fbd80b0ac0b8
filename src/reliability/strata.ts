import { compareText } from '../runtime/compare-text.js';

export type Stratification = 'none' | 'cta_any' | 'category' | 'platform' | 'account';

export const stratifications: readonly Stratification[] = ['none', 'cta_any', 'category', 'platform', 'account'];

/** The fields of a coded_posts.csv row that decide its stratum. */
export interface StratumFields {
  platform: string;
  account_id: string;
  account_handle: string;
  cta_any: string;
  /** As in coded_posts.csv: category ids joined with ";". */
  cta_categories: string;
}

/**
 * What a post's stratum depends on. For `category` it is the post's whole set of categories,
 * because the stratum (its rarest category) can only be known once the run has been counted.
 */
export function stratumKey(row: StratumFields, by: Stratification): string {
  switch (by) {
    case 'none':
      return 'all';
    case 'cta_any':
      return `cta_any=${row.cta_any}`;
    case 'platform':
      return `platform=${row.platform}`;
    case 'account':
      return `account=${row.account_handle || row.account_id || '(unknown)'}`;
    case 'category':
      return row.cta_categories;
  }
}

/**
 * Groups the posts (by their ordinal in coded_posts.csv) into strata, in a stable order of labels.
 * A post with several categories goes to its rarest one in the run (codebook order breaks ties),
 * so that small categories are not swallowed by frequent ones they co-occur with; posts without
 * a category form `category=none`.
 */
export function formStrata(groups: ReadonlyMap<string, readonly number[]>, by: Stratification, categoryOrder: readonly string[]): Map<string, number[]> {
  const label = by === 'category' ? rarestCategoryLabel(groups, categoryOrder) : (key: string) => key;
  const strata = new Map<string, number[]>();
  for (const [key, ordinals] of groups) {
    const name = label(key);
    const members = strata.get(name) ?? [];
    members.push(...ordinals);
    strata.set(name, members);
  }
  const sorted = [...strata.keys()].sort(compareText);
  return new Map(sorted.map((name) => [name, strata.get(name)!.sort((a, b) => a - b)]));
}

function rarestCategoryLabel(groups: ReadonlyMap<string, readonly number[]>, categoryOrder: readonly string[]): (key: string) => string {
  const counts = new Map<string, number>();
  for (const [key, ordinals] of groups) {
    for (const category of splitCategories(key)) counts.set(category, (counts.get(category) ?? 0) + ordinals.length);
  }
  const rank = (category: string) => {
    const position = categoryOrder.indexOf(category);
    return position === -1 ? categoryOrder.length : position;
  };
  return (key) => {
    const categories = splitCategories(key);
    if (categories.length === 0) return 'category=none';
    const rarest = categories.reduce((best, c) => {
      const difference = counts.get(c)! - counts.get(best)!;
      return difference < 0 || (difference === 0 && rank(c) < rank(best)) ? c : best;
    });
    return `category=${rarest}`;
  };
}

function splitCategories(key: string): string[] {
  return key.split(';').filter((c) => c !== '');
}
