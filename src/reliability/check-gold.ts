import { checkSheet, parseCode, type SheetContext } from './check-sheet.js';
import { postKey } from './post-key.js';
import type { RawSheet } from './read-sheet.js';
import type { Code } from './reference-code.js';

export interface GoldCheck {
  /** Per post key, the adjudicated code per code column (null: not adjudicated, the majority stands). */
  gold: Map<string, (Code | null)[]>;
  problems: string[];
  warnings: string[];
}

/**
 * Adjudicated codes come in one of two shapes: a coding sheet (every code of every post it lists,
 * e.g. an expert's), or the disagreement table ctacode wrote (disagreements.csv) with its `gold`
 * column filled in, one row per post and code. The table is recognised by its code and gold columns.
 */
export function checkGold(raw: RawSheet, context: SheetContext): GoldCheck {
  if (!(raw.header.includes('code') && raw.header.includes('gold'))) {
    const { sheet, problems, warnings } = checkSheet(raw, context);
    return { gold: sheet.codes, problems, warnings };
  }
  const problems: string[] = [];
  const where = (row: number, column: string) => `gold file ${raw.file}, row ${row}, column ${column}`;
  const column = (name: string) => raw.header.indexOf(name);
  const [platformAt, postAt, codeAt, goldAt] = ['platform', 'post_id', 'code', 'gold'].map(column) as [number, number, number, number];
  if (platformAt === -1 || postAt === -1) {
    return { gold: new Map(), problems: [`gold file ${raw.file}, row 1: columns platform and post_id are needed next to code and gold; give the disagreements.csv ctacode wrote`], warnings: [] };
  }
  const codeIndex = new Map(context.codes.map((c, i) => [c.column, i]));
  const gold = new Map<string, (Code | null)[]>();
  const firstRow = new Map<string, number>();
  for (const { row, cells } of raw.rows) {
    const text = cells[goldAt] ?? '';
    const value = parseCode(text);
    if (value === undefined) {
      problems.push(`${where(row, 'gold')}: "${text.trim()}" is not a code; enter the adjudicated 1 or 0, or leave it empty to keep the coders' majority`);
      continue;
    }
    if (value === null) continue;
    const code = (cells[codeAt] ?? '').trim();
    const at = codeIndex.get(code);
    if (at === undefined) {
      problems.push(`${where(row, 'code')}: "${code}" is not a code of codebook ${context.codebook}; restore it from the disagreement table ctacode wrote`);
      continue;
    }
    const platform = (cells[platformAt] ?? '').trim();
    const postId = (cells[postAt] ?? '').trim();
    const key = postKey(platform, postId);
    if (!context.knownPosts.has(key)) {
      problems.push(`${where(row, 'post_id')}: post ${postId} (${platform}) is not in run ${context.runId}; restore the id from the disagreement table ctacode wrote`);
      continue;
    }
    const codes = gold.get(key) ?? context.codes.map((): Code | null => null);
    const earlier = firstRow.get(`${key}\u0000${code}`);
    if (earlier !== undefined && codes[at] !== value) {
      problems.push(`${where(row, 'gold')}: post ${postId} (${platform}) has gold ${codes[at]} for ${code} on row ${earlier} and ${value} here; keep one`);
      continue;
    }
    firstRow.set(`${key}\u0000${code}`, row);
    codes[at] = value;
    gold.set(key, codes);
  }
  return { gold, problems, warnings: [] };
}
