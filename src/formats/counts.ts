/**
 * Counts (likes, shares, followers, views …) as exports write them → a number, or null where the
 * export has no usable count. Null is never turned into 0: a missing count is not "nobody".
 */

const PLAIN = /^\d+$/;
/** `1,234` / `1,234.5` (CrowdTangle's Total Interactions, Excel in English locales). */
const COMMA_GROUPS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** `1.234` / `1.234,5` (Excel in German, Danish, Dutch … locales). Counts are whole numbers, so a
 * single dot followed by exactly three digits is a thousands separator, not a decimal point. */
const DOT_GROUPS = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const DECIMAL = /^\d+\.\d+$/;
const SCIENTIFIC = /^\d+(?:\.\d+)?e\+?\d+$/i;
/** `1.2K`, `3M`: how scraped TikTok and Instagram numbers are often written. */
const ABBREVIATED = /^(\d+(?:[.,]\d+)?)\s*([kmb])$/i;
/** Spaces, no-break and thin spaces, apostrophes (Swiss `1'234`) used to group digits. */
const GROUPING = /[\s\u00a0\u2009\u202f'’]/g;

const MULTIPLIER: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * Reads one count. Empty cells, `N/A`, `-`, negative sentinels (`-1`), and anything that is not a
 * number come back null.
 */
export function parseCount(value: string): number | null {
  // Most count cells of most exports are empty or plain digits: neither needs the rest.
  if (value === '') return null;
  if (PLAIN.test(value)) return Number(value);
  const compact = value.trim().replace(GROUPING, '');
  if (compact === '' || compact.startsWith('-')) return null;
  return finite(readNumber(compact));
}

function readNumber(compact: string): number {
  if (PLAIN.test(compact)) return Number(compact);
  if (COMMA_GROUPS.test(compact)) return Number(compact.replaceAll(',', ''));
  if (DOT_GROUPS.test(compact)) return Number(compact.replaceAll('.', '').replace(',', '.'));
  if (DECIMAL.test(compact) || SCIENTIFIC.test(compact)) return Number(compact);
  const abbreviated = ABBREVIATED.exec(compact);
  if (abbreviated !== null) {
    return Math.round(Number(abbreviated[1]!.replace(',', '.')) * MULTIPLIER[abbreviated[2]!.toLowerCase()]!);
  }
  return NaN;
}

function finite(count: number): number | null {
  return Number.isFinite(count) ? count : null;
}

/** Sum of the counts that are present; null when none is. */
export function sumCounts(counts: readonly (number | null)[]): number | null {
  let sum: number | null = null;
  for (const count of counts) if (count !== null) sum = (sum ?? 0) + count;
  return sum;
}
