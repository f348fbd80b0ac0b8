import type { CodebookOutline } from './coded-post-columns.js';
import type { PeriodUnit } from './output-options.js';
import { utcMilliseconds } from '../formats/timestamps.js';
import { isoDate, utcDay, type PostFacts } from './post-facts.js';
import { neutraliseFormula, type TableColumn } from './table-column.js';

/** One row of periods.csv: a period and a platform. */
export interface PeriodTally {
  period: string | null;
  platform: string;
  posts: number;
  ctaPosts: number;
  categories: Map<string, number>;
  functions: Map<string, number>;
}

/** First day (YYYY-MM-DD, UTC) of the day, ISO week (starting Monday) or month a timestamp falls in. */
export function periodStart(iso: string | null, unit: PeriodUnit): string | null {
  const day = utcDay(utcMilliseconds(iso));
  return day === null ? null : periodOfDay(day, unit);
}

function periodOfDay(day: number, unit: PeriodUnit): string {
  if (unit === 'day') return isoDate(day);
  if (unit === 'week') return isoDate(day - ((((day + 3) % 7) + 7) % 7));
  return `${isoDate(day).slice(0, 7)}-01`;
}

/** Counts per period × platform as posts stream past. */
export class PeriodTable {
  private readonly cells: PeriodTally[] = [];
  /**
   * The tallies of each UTC day seen, by platform; the days of one period share them. By day and
   * then platform rather than by a string of both: a key per post cost the aggregate step a
   * concatenation, and a lookup that had to hash it first.
   */
  private readonly tallies = new Map<number, Map<string, PeriodTally>>();
  /** Posts without a time, by platform. */
  private readonly undated = new Map<string, PeriodTally>();
  /** The day's tallies by platform for each period, so that its days find the same ones. */
  private readonly byPeriod = new Map<string, Map<string, PeriodTally>>();
  constructor(readonly unit: PeriodUnit) {}

  add(facts: PostFacts): void {
    const day = utcDay(facts.createdMs);
    const platforms = day === null ? this.undated : (this.tallies.get(day) ?? this.periodTallies(day));
    let cell = platforms.get(facts.platform);
    if (!cell) {
      cell = { period: day === null ? null : periodOfDay(day, this.unit), platform: facts.platform, posts: 0, ctaPosts: 0, categories: new Map(), functions: new Map() };
      platforms.set(facts.platform, cell);
      this.cells.push(cell);
    }
    cell.posts++;
    if (facts.ctaAny) cell.ctaPosts++;
    for (const c of facts.categories) cell.categories.set(c, (cell.categories.get(c) ?? 0) + 1);
    for (const f of facts.functions) cell.functions.set(f, (cell.functions.get(f) ?? 0) + 1);
  }

  /** The tallies of the period a day first seen falls in, kept for the day. */
  private periodTallies(day: number): Map<string, PeriodTally> {
    const period = periodOfDay(day, this.unit);
    let platforms = this.byPeriod.get(period);
    if (platforms === undefined) this.byPeriod.set(period, (platforms = new Map()));
    this.tallies.set(day, platforms);
    return platforms;
  }

  /** By period (posts without a date last), then platform. */
  sorted(): PeriodTally[] {
    const order = (p: PeriodTally) => `${p.period ?? '\uffff'}\u0000${p.platform}`;
    return [...this.cells].sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0));
  }
}

export function periodColumns(codebook: CodebookOutline, unit: PeriodUnit): TableColumn<PeriodTally>[] {
  const what = { day: 'UTC day', week: 'ISO week (Monday to Sunday, UTC); the date is its Monday', month: 'calendar month (UTC); the date is its first day' }[unit];
  return [
    { name: 'period', type: 'string', description: `First day (YYYY-MM-DD) of the ${what}; empty for posts without a time. Set by --period (this run: ${unit})`, cell: (p) => p.period },
    { name: 'period_unit', type: 'string', values: 'day, week, month', description: 'Length of the period', cell: () => unit },
    { name: 'platform', type: 'string', description: 'Platform', cell: (p) => neutraliseFormula(p.platform) },
    { name: 'posts', type: 'integer', description: 'Posts of the period on the platform', cell: (p) => p.posts },
    { name: 'cta_posts', type: 'integer', description: 'Posts with a call to action of any category', cell: (p) => p.ctaPosts },
    ...codebook.categories.map((c): TableColumn<PeriodTally> => ({
      name: `cta_${c.id}`,
      type: 'integer',
      description: `Posts with a call to action of category "${c.label}" (sum of cta_${c.id})`,
      cell: (p) => p.categories.get(c.id) ?? 0,
    })),
    ...codebook.functions.map((f): TableColumn<PeriodTally> => ({
      name: `cta_fn_${f.id}`,
      type: 'integer',
      description: `Posts with a call to action of function "${f.label}" (sum of cta_fn_${f.id})`,
      cell: (p) => p.functions.get(f.id) ?? 0,
    })),
  ];
}
