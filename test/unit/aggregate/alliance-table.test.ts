import { describe, expect, it } from 'vitest';
import { AllianceTable, targetType } from '../../../src/aggregate/alliance-table.js';
import type { PostFacts } from '../../../src/aggregate/post-facts.js';
import { cta, facts } from './facts-fixture.js';

const petition = 'https://www.change.org/p/save-the-park';
const order = ['petition', 'donate', 'share'];

function alliancesOf(window: number, posts: Parameters<AllianceTable['add']>[0][]) {
  const table = new AllianceTable(window);
  for (const p of posts) table.add(p);
  return table.alliances(order);
}

describe('alliances: a CTA target used by two or more accounts within the window', () => {
  it('finds the alliances written down by hand for a fixture with three targets', () => {
    const found = alliancesOf(7, [
      // The petition: A on 1 March, B on 8 March (7 days later: inside), C on 16 March (8 days after B: outside, a new run).
      cta('a', '2024-03-01T09:00:00Z', [petition, '#savethepark'], { followers: 1000, interactions: 50 }),
      cta('b', '2024-03-08T23:59:00Z', [petition], { followers: 200, interactions: 10, categories: ['petition', 'share'] }),
      cta('a', '2024-03-05T10:00:00Z', [petition], { followers: 1100, interactions: 5 }),
      cta('c', '2024-03-16T08:00:00Z', [petition], { followers: 50 }),
      // #savethepark: A, then C 20 days later: two accounts, but never within 7 days: no alliance.
      cta('c', '2024-03-21T08:00:00Z', ['#savethepark']),
      // A donation page used by B and C on the same day on two platforms, donate more often than share.
      cta('b', '2024-04-02T10:00:00Z', ['https://www.gofundme.com/f/park'], { categories: ['share', 'donate'], interactions: 7 }),
      cta('c', '2024-04-02T11:00:00Z', ['https://www.gofundme.com/f/park'], { categories: ['donate'], platform: 'instagram', accountId: 'c-ig', handle: 'c' }),
      // One account alone, many times: never an alliance.
      cta('d', '2024-03-01T09:00:00Z', ['#solo']),
      cta('d', '2024-03-02T09:00:00Z', ['#solo']),
      // Not CTA posts, or without a time: ignored.
      facts({ account: 'e', createdAt: '2024-03-02T09:00:00Z', targets: [petition] }),
      cta('f', '2024-03-02T09:00:00Z', [petition], { createdAt: null }),
    ]);
    expect(found).toEqual([
      {
        target: petition,
        targetType: 'petition_page',
        category: 'petition',
        categories: ['petition', 'share'],
        accounts: ['facebook:a', 'facebook:b'],
        posts: 3,
        firstAt: '2024-03-01T09:00:00Z',
        lastAt: '2024-03-08T23:59:00Z',
        platforms: ['facebook'],
        followersSum: 1300, // A's largest (1100) + B's (200): each account once
        interactionsSum: 65,
      },
      {
        target: 'https://www.gofundme.com/f/park',
        targetType: 'donation_page',
        category: 'donate',
        categories: ['donate', 'share'],
        accounts: ['facebook:b', 'instagram:c-ig'],
        posts: 2,
        firstAt: '2024-04-02T10:00:00Z',
        lastAt: '2024-04-02T11:00:00Z',
        platforms: ['facebook', 'instagram'],
        followersSum: null,
        interactionsSum: 7,
      },
    ]);
  });

  it('chains uses: each use at most the window after the previous one keeps the alliance going', () => {
    const found = alliancesOf(3, [
      cta('a', '2024-01-01T00:00:00Z', ['#x']),
      cta('a', '2024-01-04T00:00:00Z', ['#x']),
      cta('b', '2024-01-07T00:00:00Z', ['#x']),
      cta('c', '2024-01-11T00:00:00Z', ['#x']), // 4 days after B: a new run, alone
    ]);
    expect(found.map((a) => [a.accounts, a.firstAt, a.lastAt, a.posts])).toEqual([[['facebook:a', 'facebook:b'], '2024-01-01T00:00:00Z', '2024-01-07T00:00:00Z', 3]]);
  });

  it('counts calendar days in UTC: window 0 means the same UTC date', () => {
    const posts = [cta('a', '2024-01-01T23:30:00Z', ['#late']), cta('b', '2024-01-02T00:10:00Z', ['#late'])];
    expect(alliancesOf(0, posts)).toEqual([]);
    expect(alliancesOf(1, posts)).toHaveLength(1);
  });

  it('breaks a tie between categories by codebook order', () => {
    const [alliance] = alliancesOf(7, [
      cta('a', '2024-01-01T00:00:00Z', ['#t'], { categories: ['share'] }),
      cta('b', '2024-01-01T00:00:00Z', ['#t'], { categories: ['donate'] }),
    ]);
    expect(alliance!.category).toBe('donate');
  });

  it('counts an account once however it is spelled, shows its spelling on the first day it used the target, and sums followers only where known', () => {
    // No account id: the account is its handle, whatever its case; the alliance shows its spelling on the earliest day.
    const noId = (handle: string, createdAt: string, more: Partial<PostFacts> = {}) => cta('x', createdAt, ['#t'], { accountId: null, handle, ...more });
    const [alliance] = alliancesOf(7, [
      noId('Team', '2024-01-02T00:00:00Z', { followers: 10 }),
      noId('team', '2024-01-01T00:00:00Z', { followers: 30 }),
      noId('TEAM', '2024-01-03T00:00:00Z'),
      cta('b', '2024-01-02T00:00:00Z', ['#t']),
    ]);
    expect(alliance!.accounts).toEqual(['facebook:@team', 'facebook:b']);
    expect(alliance!.posts).toBe(4);
    expect(alliance!.followersSum).toBe(30);
  });

  it('tells petition and donation pages, hashtags, handles and other links apart', () => {
    expect(targetType('https://www.change.org/p/x')).toBe('petition_page');
    expect(targetType('https://weact.campact.de/petitions/x')).toBe('petition_page');
    expect(targetType('https://example.org/petition/stop-it')).toBe('petition_page');
    expect(targetType('https://secure.actblue.com/donate/x')).toBe('donation_page');
    expect(targetType('https://example.org/spenden')).toBe('donation_page');
    expect(targetType('https://example.org/news/2024')).toBe('url');
    expect(targetType('#vote')).toBe('hashtag');
    expect(targetType('@someone')).toBe('handle');
  });
});
