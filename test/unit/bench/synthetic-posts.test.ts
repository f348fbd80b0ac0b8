import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syntheticPosts } from '../../../bench/synthetic-posts.js';

const linksOf = (messages: string[]) => messages.flatMap((message) => message.match(/https:\/\/\S+/g) ?? []);

describe('syntheticPosts', () => {
  it('makes the same default posts as it always has, so that bench figures stay comparable', () => {
    // The hash of the first 2,000 posts of the generator that wrote the bench files of 2026-12-07 and 2026-12-08.
    const hash = createHash('sha256').update(JSON.stringify([...syntheticPosts(2000)])).digest('hex');
    expect(hash).toBe('9533b1e2894a8f48466e3444cef5314b33cbdbddcd2f79e4fdff6910c7fb8fa9');
  });

  it('gives every link a post of its own with distinctLinks, and otherwise the same posts', () => {
    const plain = [...syntheticPosts(2000)];
    const distinct = [...syntheticPosts(2000, 1, undefined, { distinctLinks: true })];
    const plainLinks = linksOf(plain.map((p) => p.message));
    const distinctLinks = linksOf(distinct.map((p) => p.message));
    expect(new Set(plainLinks).size).toBeLessThanOrEqual(4);
    expect(distinctLinks.length).toBe(plainLinks.length);
    expect(new Set(distinctLinks).size).toBe(distinctLinks.length);
    // Only the links differ: the same texts once each link's suffix is taken off.
    expect(distinct.map((p) => ({ ...p, message: p.message.replace(/(https:\/\/\S+?)-\d+/g, '$1') }))).toEqual(plain);
  });
});
