import type { CategoryInfo, CompiledCodebook } from '../codebook/compiled-codebook.js';

/** The part of a codebook the validation workflow needs. */
export interface ValidationCodebook extends Pick<CompiledCodebook, 'id' | 'version' | 'description'> {
  readonly categories: readonly (Pick<CategoryInfo, 'id' | 'label' | 'definition'> & Partial<Pick<CategoryInfo, 'parent'>>)[];
}

/** A code the coders give and the machine gave: a column of both the coding sheets and coded_posts.csv. */
export interface CodeColumn {
  /** cta_any, or cta_<category id>. */
  column: string;
  /** The category id; null for cta_any. */
  category: string | null;
  label: string;
  definition: string;
  /** The parent category's column, where the codebook nests categories; null otherwise. */
  parent: string | null;
}

/** cta_any first (coders first decide whether there is a call at all), then the categories in codebook order. */
export function codeColumns(codebook: ValidationCodebook): CodeColumn[] {
  return [
    { column: 'cta_any', category: null, label: 'Any call to action', definition: codebook.description || 'The post asks its audience to do something.', parent: null },
    ...codebook.categories.map((c) => ({ column: `cta_${c.id}`, category: c.id, label: c.label, definition: c.definition, parent: c.parent ? `cta_${c.parent}` : null })),
  ];
}
