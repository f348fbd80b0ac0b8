/**
 * Finding columns in a header line. Specific formats look up their columns by exact name;
 * the generic reader compares names by key, because tools spell the same column
 * `created_at`, `Created At`, `createdAt` or `created-at`.
 */

/** Index of the first of `names` that is a column (exact name, header trimmed), or -1. */
export function firstColumnIndex(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const index = header.indexOf(name);
    if (index !== -1) return index;
  }
  return -1;
}

/** A column name reduced to lower-case words joined by `_`: `publishedAt`, `Published At` → `published_at`. */
export function columnKey(name: string): string {
  return name
    .trim()
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Indexes of the columns of a flattened list, `<list>/0`, `<list>/1`, … (or `<list>/0/<key>` …)
 * as Apify writes them, in list order.
 */
export function indexedColumns(header: readonly string[], list: string, key?: string): number[] {
  const pattern = new RegExp(`^${list}/(\\d+)${key === undefined ? '' : `/${key}`}$`);
  return header
    .map((name, index) => ({ index, position: pattern.exec(name)?.[1] }))
    .filter((column): column is { index: number; position: string } => column.position !== undefined)
    .sort((a, b) => Number(a.position) - Number(b.position))
    .map((column) => column.index);
}
