import { describe, expect, it } from 'vitest';
import { SharedTargets } from '../../../src/aggregate/shared-targets.js';

const post = (accountId: string, targets: string[], ctaAny = true) => ({ platform: 'facebook', accountId, handle: null, name: null, ctaAny, targets });

describe('SharedTargets', () => {
  it('knows the CTA targets of two or more accounts, before and after it settles', () => {
    const shared = new SharedTargets();
    shared.add(post('1', ['change.org/p/a', '#vote']));
    shared.add(post('1', ['change.org/p/a']));
    shared.add(post('2', ['#vote', 'gofundme.com/x']));
    shared.add(post('3', ['gofundme.com/x'], false));
    const answers = () => ['change.org/p/a', '#vote', 'gofundme.com/x', 'never.seen'].map((t) => shared.has(t));
    expect(answers()).toEqual([false, true, false, false]);
    expect(shared.settle()).toBe(shared);
    expect(answers()).toEqual([false, true, false, false]);
  });

  it('learns the targets in shares: what it forgets of one share leaves the shared targets of the others', () => {
    const shared = new SharedTargets();
    // First share: #vote (two accounts) and #solo (one).
    shared.add(post('1', ['#vote', '#solo']));
    shared.add(post('2', ['#vote']));
    shared.dropUnshared();
    // Second share: #later, used by two accounts.
    shared.add(post('1', ['#later']));
    shared.add(post('3', ['#later']));
    shared.dropUnshared();
    expect(shared.settle().sharedList().sort()).toEqual(['#later', '#vote']);
  });

  it('refuses posts once settled, which would no longer be counted right', () => {
    const shared = new SharedTargets().settle();
    expect(() => shared.add(post('1', ['#vote']))).toThrow('after settle()');
  });
});
