import { describe, expect, it } from 'vitest';
import { accountColumns, AccountTable } from '../../../src/aggregate/account-table.js';
import { periodColumns, PeriodTable, periodStart } from '../../../src/aggregate/period-table.js';
import { Distribution, distinctLimit } from '../../../src/aggregate/post-facts.js';
import { renderCell } from '../../../src/aggregate/table-column.js';
import { cta, facts, outline } from './facts-fixture.js';

/** What the tables round to, written out independently of the code under test. */
const sixDigits = (x: number) => Number(x.toPrecision(6));

const row = <R>(columns: { name: string; cell(r: R): unknown }[], r: R) => Object.fromEntries(columns.map((c) => [c.name, renderCell(c.cell(r) as never)]));

describe('accounts.csv', () => {
  it('takes the first and last post by time, a time with milliseconds after the same second without them', () => {
    const table = new AccountTable(outline);
    for (const createdAt of ['2024-01-01T12:00:53.500Z', '2024-01-01T12:00:53Z', null, '2024-01-01T12:00:53.250Z']) table.add(facts({ account: 'a', createdAt }));
    table.add(facts({ account: 'b', createdAt: null }));
    const [a, b] = table.sorted();
    expect([a!.firstAt, a!.lastAt]).toEqual(['2024-01-01T12:00:53Z', '2024-01-01T12:00:53.500Z']);
    expect([b!.firstAt, b!.lastAt]).toEqual([null, null]);
  });

  it('counts posts, CTA rates per category and function, sentiment and engagement with and without CTA', () => {
    const table = new AccountTable(outline);
    table.add(cta('a', '2024-01-02T00:00:00Z', [], { sentimentScore: 3, interactions: 10, engagementRate: 0.01, followers: 1000 }));
    table.add(cta('a', '2024-01-01T00:00:00Z', [], { sentimentScore: -1, interactions: 20, categories: ['share'], functions: ['interaction'], followers: 1200 }));
    table.add(facts({ account: 'a', createdAt: '2024-01-05T00:00:00Z', sentimentScore: 2, interactions: 4, engagementRate: 0.004 }));
    table.add(facts({ account: 'a', createdAt: '2024-01-03T00:00:00Z', sentimentScore: 5, interactions: null }));
    table.add(facts({ account: 'b' }));
    const [a, b] = table.sorted();
    expect(row(accountColumns(outline), a!)).toMatchObject({
      account_id: 'a',
      posts: '4',
      cta_posts: '2',
      cta_rate: '0.5',
      cta_petition_rate: '0.25',
      cta_share_rate: '0.25',
      cta_donate_rate: '0',
      cta_fn_mobilisation_rate: '0.25',
      cta_fn_interaction_rate: '0.25',
      sentiment_mean: '2.25',
      sentiment_median: '2.5',
      interactions_mean_cta: '15',
      interactions_mean_no_cta: '4',
      engagement_rate_mean_cta: '0.01',
      engagement_rate_mean_no_cta: '0.004',
      followers_max: '1200',
      first_post_at: '2024-01-01T00:00:00Z',
      last_post_at: '2024-01-05T00:00:00Z',
    });
    expect(row(accountColumns(outline), b!)).toMatchObject({ posts: '1', cta_posts: '0', interactions_mean_cta: '', engagement_rate_mean_no_cta: '', followers_max: '' });
  });

  it('keeps every account apart as the table grows past its first thousands, and counts no category the codebook lacks', () => {
    const table = new AccountTable(outline);
    const accounts = 5000;
    for (let i = 0; i < accounts * 3; i++) {
      const account = `acc${String(i % accounts).padStart(5, '0')}`;
      // Every third post of an account is a petition CTA; a merged run of another codebook may bring ids this one lacks.
      table.add(i < accounts ? cta(account, '2024-01-01T00:00:00Z', [], { categories: ['petition', 'unknown'], functions: ['mobilisation', 'gone'], interactions: i % accounts, followers: i % 7 }) : facts({ account, interactions: 1 }));
    }
    const rows = table.sorted();
    expect(rows).toHaveLength(accounts);
    for (const [i, a] of rows.entries()) {
      const cells = row(accountColumns(outline), a);
      expect(cells).toMatchObject({ account_id: `acc${String(i).padStart(5, '0')}`, posts: '3', cta_posts: '1', cta_petition_rate: '0.333333', cta_share_rate: '0', cta_fn_mobilisation_rate: '0.333333', cta_fn_interaction_rate: '0', interactions_mean_cta: String(i), interactions_mean_no_cta: '1', followers_max: String(i % 7) });
    }
  });

  it('finds the exact median, of an odd and an even number of values', () => {
    const d = new Distribution();
    for (const x of [5, 1, 3, 3, 9]) d.add(x);
    expect(d.median()).toBe(3);
    d.add(10);
    expect(d.median()).toBe(4);
    expect(new Distribution().median()).toBeNull();
  });

  it('gives the median and mean of sorting every value, however often values repeat and in whatever order they come', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 200; trial++) {
      // Every tenth trial: more distinct values than are kept with counts (fractional weights).
      const values =
        trial % 10 === 9
          ? Array.from({ length: distinctLimit + 1 + Math.floor(random() * 3_000) }, () => (random() < 0.1 ? 1 : random() * 20 - 10))
          : Array.from({ length: 1 + Math.floor(random() * 60) }, () => Math.round((random() * 20 - 10) * (trial % 2 === 0 ? 1 : 5)) / 5);
      const d = new Distribution();
      for (const x of values) d.add(x);
      d.add(null);
      d.add(Number.NaN);
      const sorted = values.slice().sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 === 1 ? sorted[middle]! : sixDigits((sorted[middle - 1]! + sorted[middle]!) / 2);
      // As printed: -0 and 0 are one value to the median, and both print as 0.
      expect(String(d.median())).toBe(String(median));
      expect(d.mean()).toBe(sixDigits(values.reduce((a, b) => a + b, 0) / values.length));
    }
  });
});

describe('periods.csv', () => {
  it('starts days, ISO weeks (Monday) and months in UTC', () => {
    expect(periodStart('2024-03-03T23:59:59Z', 'day')).toBe('2024-03-03');
    expect(periodStart('2024-03-03T23:59:59Z', 'week')).toBe('2024-02-26'); // a Sunday belongs to the week of the Monday before
    expect(periodStart('2024-03-04T00:00:00Z', 'week')).toBe('2024-03-04');
    expect(periodStart('1970-01-01T00:00:00Z', 'week')).toBe('1969-12-29');
    expect(periodStart('2024-02-29T12:00:00Z', 'month')).toBe('2024-02-01');
    expect(periodStart(null, 'day')).toBeNull();
  });

  it('counts posts and CTA posts per category per period and platform', () => {
    const table = new PeriodTable('week');
    table.add(cta('a', '2024-03-04T10:00:00Z', []));
    table.add(facts({ account: 'b', createdAt: '2024-03-10T10:00:00Z' }));
    table.add(facts({ account: 'b', createdAt: '2024-03-10T10:00:00Z', platform: 'instagram' }));
    table.add(facts({ account: 'b', createdAt: null }));
    const rows = table.sorted().map((p) => row(periodColumns(outline, 'week'), p));
    expect(rows.map((r) => [r.period, r.platform, r.posts, r.cta_posts, r.cta_petition])).toEqual([
      ['2024-03-04', 'facebook', '2', '1', '1'],
      ['2024-03-04', 'instagram', '1', '0', '0'],
      ['', 'facebook', '1', '0', '0'],
    ]);
  });
});
