/** One entry of coded_posts.csv's cta_evidence: which rule made which text count for which category. */
export interface EvidenceEntry {
  category: string;
  rule: string;
  text: string;
}

const id = '[a-z0-9][a-z0-9-]*';
// The matched text may itself hold quotes and " | ", so an entry ends only where the next entry's
// "category/rule" begins, or at the end of the cell. Runs made with --no-text leave the text out.
const entry = new RegExp(`(${id})/(${id})(?:: "([\\s\\S]*?)")?(?: \\[-?\\d+--?\\d+\\])?(?= \\| ${id}/${id}(?:: "| \\[|$| \\|)|$)`, 'g');

/** Reads the cta_evidence cell written by src/aggregate/coded-post-columns.ts (and output-columns.ts for --no-text). */
export function parseEvidence(cell: string): EvidenceEntry[] {
  return [...cell.matchAll(entry)].map((m) => ({ category: m[1]!, rule: m[2]!, text: m[3] ?? '' }));
}

/** The evidence behind one code: all of it for cta_any, the category's own for a category. */
export function evidenceFor(entries: readonly EvidenceEntry[], category: string | null): EvidenceEntry[] {
  return category === null ? [...entries] : entries.filter((e) => e.category === category);
}

export function formatEvidenceEntries(entries: readonly EvidenceEntry[]): string {
  return entries.map((e) => `${e.category}/${e.rule}${e.text === '' ? '' : `: "${e.text}"`}`).join(' | ');
}
