import { neutraliseFormula, type TableColumn } from '../aggregate/table-column.js';
import type { CodeColumn } from './code-columns.js';

/** What a coder sees of a post: enough to judge it, and nothing of the machine's coding. */
export interface SheetPost {
  platform: string;
  post_id: string;
  text: string;
  /** Link to the post, to see it in context. */
  url: string;
  /** Links in the post (;-joined): an action link can be the whole call ("link in bio to donate"). */
  links: string;
}

/** The post columns of a sheet, in order; the code columns follow. platform and post_id identify the post. */
export const sheetPostColumns = ['platform', 'post_id', 'text', 'url', 'links'] as const;

export function sheetHeader(codes: readonly CodeColumn[]): string[] {
  return [...sheetPostColumns, ...codes.map((c) => c.column)];
}

/** Columns of a blank CSV sheet: the code cells are empty for the coder to fill. */
export function sheetCsvColumns(codes: readonly CodeColumn[]): TableColumn<SheetPost>[] {
  const post = (name: (typeof sheetPostColumns)[number]): TableColumn<SheetPost> => ({
    name,
    type: 'string',
    description: `The post's ${name}`,
    cell: (p) => neutraliseFormula(p[name]),
  });
  return [
    ...sheetPostColumns.map(post),
    ...codes.map((c): TableColumn<SheetPost> => ({ name: c.column, type: '0/1', values: '0, 1, empty', description: c.definition, cell: () => null })),
  ];
}
