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
  // Most count cells of most exports are empty, plain digits or digits in groups of three after
  // commas (CrowdTangle writes `47,398`): none of them needs the rest.
  if (value === '') return null;
  const whole = wholeCount(value);
  if (whole >= 0) return whole;
  const compact = value.trim().replace(GROUPING, '');
  if (compact === '' || compact.startsWith('-')) return null;
  return finite(readNumber(compact));
}

/** Digits at most, in a count an integer holds exactly. */
const MAX_WHOLE_DIGITS = 15;

/**
 * `1803` or `1,204,331` read digit by digit, as PLAIN or COMMA_GROUPS without decimals would read
 * it; -1 for anything else (or more than MAX_WHOLE_DIGITS digits), which the expressions read. Three
 * CrowdTangle counts per row took a regular expression each, a copy without the commas and Number().
 */
export function wholeCount(value: string): number {
  let total = 0;
  let digits = 0;
  let inGroup = 0;
  let grouped = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      total = total * 10 + (code - 48);
      digits++;
      inGroup++;
    } else if (code === 44 && inGroup > 0 && (grouped ? inGroup === 3 : inGroup <= 3)) {
      grouped = true;
      inGroup = 0;
    } else {
      return -1;
    }
  }
  return inGroup === 0 || (grouped && inGroup !== 3) || digits > MAX_WHOLE_DIGITS ? -1 : total;
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
